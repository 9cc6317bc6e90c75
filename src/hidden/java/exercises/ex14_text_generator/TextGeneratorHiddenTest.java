package exercises.ex14_text_generator;

import static exercises.ex06_softmax_xent_backward.TensorFixture.assertGradCheckPassed;
import static exercises.ex06_softmax_xent_backward.TensorFixture.check;
import static exercises.ex14_text_generator.GeneratorCases.GOLDEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dojo.exercise.api.KvCache;
import dojo.exercise.api.Sampler;
import dojo.exercise.api.SamplingConfig;
import dojo.exercise.api.TextGeneratorConfig;
import dojo.exercise.api.TextGeneratorExercise;
import dojo.exercise.api.TextGeneratorModel;
import dojo.grading.junit.ExerciseSuite;
import dojo.grading.junit.Hidden;
import dojo.grading.junit.Task;
import dojo.models.TextGeneration;
import dojo.tensor.Functional;
import dojo.tensor.Generator;
import dojo.tensor.GradCheck;
import dojo.tensor.Tensor;
import exercises.ex06_softmax_xent_backward.TensorFixture;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Hidden suite of ex14: checkpoints crossing between PyTorch and Java, a gradient check, causality at every
 * position, batch independence, the cache over several layers up to maxLen, errors, and the exact rules of
 * top-k, top-p, temperature and seeded sampling (ties, boundaries, a distribution test over many draws).
 * Messages name the property, never expected values.
 */
@ExerciseSuite("ex14_text_generator")
@Hidden
@DisplayName("ex14 text generator (hidden)")
class TextGeneratorHiddenTest {
    static final double ATOL = 1e-9;
    static final double RTOL = 1e-7;

    private static Tensor row(double... v) {
        return Tensor.of(v, 1, v.length);
    }

    // ------------------------------------------------------------------ model

    @Test
    @Task(1)
    @DisplayName("a checkpoint trained in PyTorch loads strictly and gives PyTorch's logits")
    void pytorchCheckpoint(TextGeneratorExercise ex) {
        TextGeneratorModel m = GeneratorCases.loaded(ex, GOLDEN, "pt_trained");
        check("logits of the PyTorch-trained checkpoint", m.forward(GeneratorCases.ids(GOLDEN, "pt_trained", "ids", 4)))
                .isCloseTo(GOLDEN.get("pt_trained", "logits"), ATOL, RTOL);
    }

    @Test
    @Task(1)
    @DisplayName("a checkpoint trained here (F32, PyTorch names) gives the logits PyTorch computes from the same file")
    void javaCheckpoint(TextGeneratorExercise ex) {
        TensorFixture f = TensorFixture.load(GeneratorCases.ID, "java_checkpoint.safetensors");
        TextGeneratorModel m = ex.build(new TextGeneratorConfig(3, 11, 48, 4, 96, 2), new Generator(1));
        m.loadStateDict(GeneratorCases.stateDictResource("java_trained.safetensors"), true);
        check("logits of the Java-trained checkpoint vs PyTorch", m.forward(GeneratorCases.ids(f, "java", "ids", 4)))
                .isCloseTo(f.get("java", "logits"), ATOL, RTOL);
    }

    @Test
    @Task(1)
    @DisplayName("gradient check of every parameter on a tiny model (central differences)")
    void gradCheck(TextGeneratorExercise ex) {
        TextGeneratorModel m = ex.build(new TextGeneratorConfig(4, 5, 4, 2, 6, 1), new Generator(21));
        int[][] ids = GeneratorCases.randomIds(22, 2, 5, 4);
        int[] targets = {1, 3, 0, -100, 2, 0, 2, 1, 3, -100};
        assertGradCheckPassed("cross-entropy of the logits w.r.t. every parameter", GradCheck.check(
                () -> Functional.crossEntropy(m.forward(ids).reshape(-1, 4), targets), m.namedParameters()));
    }

    @Test
    @Task(1)
    @DisplayName("causal at every position: changing token j leaves every logit before j unchanged, and changes position j")
    void causalEverywhere(TextGeneratorExercise ex) {
        TextGeneratorModel m = ex.build(new TextGeneratorConfig(7, 9, 12, 3, 20, 2), new Generator(31));
        int[][] ids = GeneratorCases.randomIds(32, 2, 9, 7);
        Tensor base = m.forward(ids);
        for (int j = 1; j < 9; j++) {
            int[][] changed = {ids[0].clone(), ids[1].clone()};
            changed[0][j] = (ids[0][j] + 1 + j % 5) % 7;
            changed[1][j] = (ids[1][j] + 2) % 7;
            Tensor out = m.forward(changed);
            check("logits of positions 0.." + (j - 1) + " after changing token " + j, out.narrow(1, 0, j))
                    .isCloseTo(base.narrow(1, 0, j), 1e-12, 0);
            assertThat(out.narrow(1, j, 1).maxAbsDiff(base.narrow(1, j, 1)) > 1e-9)
                    .as("position " + j + " must see its own token: changing it changed nothing").isTrue();
        }
    }

    @Test
    @Task(1)
    @DisplayName("sequences of a batch are independent: each row equals the model run on that row alone")
    void batchIndependent(TextGeneratorExercise ex) {
        TextGeneratorModel m = ex.build(new TextGeneratorConfig(5, 6, 8, 2, 16, 2), new Generator(41));
        int[][] ids = GeneratorCases.randomIds(42, 3, 6, 5);
        Tensor all = m.forward(ids);
        for (int b = 0; b < 3; b++) {
            check("row " + b + " of the batch vs alone", all.narrow(0, b, 1)).isCloseTo(m.forward(new int[][] {ids[b]}), 1e-12, 0);
        }
    }

    @Test
    @Task(1)
    @DisplayName("bad ids are rejected with an IllegalArgumentException: ragged, out of range, longer than maxLen")
    void badIds(TextGeneratorExercise ex) {
        TextGeneratorModel m = ex.build(new TextGeneratorConfig(5, 4, 8, 2, 16, 1), new Generator(43));
        assertThatThrownBy(() -> m.forward(new int[][] {{1, 2}, {3}})).as("ragged ids").isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> m.forward(new int[][] {{1, 5}})).as("id 5 with vocabSize 5").isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> m.forward(new int[][] {{1, -1}})).as("id -1").isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> m.forward(new int[][] {{1, 2, 3, 4, 0}})).as("5 ids with maxLen 4").isInstanceOf(IllegalArgumentException.class);
    }

    // ------------------------------------------------------------------ KV cache

    @Test
    @Task(2)
    @DisplayName("KV cache with 3 blocks up to maxLen: every step equals recomputation (1e-12), batch of 4")
    void cacheDeep(TextGeneratorExercise ex) {
        TextGeneratorModel m = ex.build(new TextGeneratorConfig(6, 8, 12, 3, 24, 3), new Generator(51));
        int[][] ids = GeneratorCases.randomIds(52, 4, 8, 6);
        check("logits of every cached step vs forward", GeneratorCases.cachedLogits(m, ids)).isCloseTo(m.forward(ids), 1e-12, 0);
    }

    @Test
    @Task(2)
    @DisplayName("KV cache: the cache holds [B, H, T, E/H] keys and values for every block, T = tokens so far")
    void cacheShapes(TextGeneratorExercise ex) {
        TextGeneratorModel m = ex.build(new TextGeneratorConfig(6, 8, 12, 3, 24, 2), new Generator(53));
        KvCache cache = m.newCache(2);
        for (int t = 0; t < 3; t++) m.step(cache, new int[] {t, 5 - t});
        for (int layer = 0; layer < 2; layer++) {
            assertThat(cache.keys(layer).shape()).as("keys of block " + layer + " after 3 steps").containsExactly(2, 3, 3, 4);
            assertThat(cache.values(layer).shape()).as("values of block " + layer + " after 3 steps").containsExactly(2, 3, 3, 4);
        }
    }

    @Test
    @Task(2)
    @DisplayName("greedy generation through the cache gives the same tokens as recomputing every step")
    void generationAgrees(TextGeneratorExercise ex) {
        TextGeneratorModel m = GeneratorCases.loaded(ex, GOLDEN, "pt_trained");
        int[][] prompt = GeneratorCases.randomIds(54, 5, 6, 3);
        Sampler s = ex.sampler();
        assertThat(TextGeneration.withCache(m, prompt, 5, s::greedy)).as("tokens generated with the cache vs without")
                .isDeepEqualTo(TextGeneration.withoutCache(m, prompt, 5, s::greedy));
    }

    @Test
    @Task(2)
    @DisplayName("step rejects a full cache, a batch that differs from the cache's, and an id out of range")
    void stepErrors(TextGeneratorExercise ex) {
        TextGeneratorModel m = ex.build(new TextGeneratorConfig(4, 2, 8, 2, 16, 1), new Generator(55));
        KvCache cache = m.newCache(2);
        assertThatThrownBy(() -> m.step(cache, new int[] {1, 2, 3})).as("3 ids for a cache of batch 2").isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> m.step(cache, new int[] {1, 4})).as("id 4 with vocabSize 4").isInstanceOf(IllegalArgumentException.class);
        m.step(cache, new int[] {1, 2});
        m.step(cache, new int[] {3, 0});
        assertThatThrownBy(() -> m.step(cache, new int[] {1, 2})).as("a third token with maxLen 2").isInstanceOf(IllegalArgumentException.class);
    }

    // ------------------------------------------------------------------ sampling

    @Test
    @Task(3)
    @DisplayName("probabilities are softmax(logits / T): rows sum to 1, several temperatures and batch rows")
    void temperatures(TextGeneratorExercise ex) {
        Tensor logits = Tensor.of(new double[] {0.3, -1.2, 2.5, 0.0, 1.1, 4.0, -2.0, 0.5, 0.5, 3.0}, 2, 5);
        for (double t : new double[] {0.25, 1.0, 3.0}) {
            check("probabilities at temperature number " + (t < 1 ? 1 : t == 1 ? 2 : 3) + " of 3", ex.sampler().probabilities(logits, SamplingConfig.temperature(t)))
                    .withCause(logits.softmax(-1), "temperature had no effect: it must divide the logits before the softmax")
                    .isCloseTo(logits.div(t).softmax(-1), 1e-12, 1e-12);
        }
    }

    @Test
    @Task(3)
    @DisplayName("temperature -> 0 approaches greedy, and huge logits at T = 1e-4 give no NaN")
    void lowTemperature(TextGeneratorExercise ex) {
        Tensor logits = Tensor.of(new double[] {1.0, 1.5, 1.49, -3.0, 800.0, 799.0, 0.0, -800.0}, 2, 4);
        Tensor p = ex.sampler().probabilities(logits, SamplingConfig.temperature(1e-4));
        check("probabilities at T = 1e-4 (one-hot at the argmax)", p)
                .isCloseTo(Tensor.of(new double[] {0, 1, 0, 0, 1, 0, 0, 0}, 2, 4), 1e-12, 0);
    }

    @Test
    @Task(3)
    @DisplayName("top-k keeps the k most probable, all ties with the k-th, and k >= V keeps everything")
    void topK(TextGeneratorExercise ex) {
        Sampler s = ex.sampler();
        check("top-k 2 of four distinct probabilities", s.probabilities(GeneratorCases.logitsOf(new double[] {0.1, 0.4, 0.2, 0.3}), SamplingConfig.DEFAULT.withTopK(2)))
                .isCloseTo(row(0, 4.0 / 7, 0, 3.0 / 7), 1e-12, 1e-12);
        check("top-1 with two tied maxima keeps both", s.probabilities(row(1, 3, 3, 0), SamplingConfig.DEFAULT.withTopK(1)))
                .isCloseTo(row(0, 0.5, 0.5, 0), 1e-12, 1e-12);
        Tensor logits = row(0.2, -0.7, 1.3);
        check("top-k 5 of 3 tokens keeps all", s.probabilities(logits, SamplingConfig.DEFAULT.withTopK(5))).isCloseTo(logits.softmax(-1), 1e-12, 1e-12);
    }

    @Test
    @Task(3)
    @DisplayName("top-p keeps the smallest set with mass >= p: crossing token kept, ties kept, p = 1 keeps all")
    void topP(TextGeneratorExercise ex) {
        Sampler s = ex.sampler();
        Tensor probs = GeneratorCases.logitsOf(new double[] {0.05, 0.4, 0.25, 0.3});
        check("top-p where the second token crosses p", s.probabilities(probs, SamplingConfig.DEFAULT.withTopP(0.6)))
                .withCause(row(0, 1, 0, 0), "the token whose mass crosses p was dropped: it must be kept")
                .isCloseTo(row(0, 4.0 / 7, 0, 3.0 / 7), 1e-12, 1e-12);
        check("top-p where the top token alone crosses p", s.probabilities(probs, SamplingConfig.DEFAULT.withTopP(0.3)))
                .isCloseTo(row(0, 1, 0, 0), 1e-12, 1e-12);
        check("top-p where the crossing token is tied with another: both kept", s.probabilities(GeneratorCases.logitsOf(new double[] {0.25, 0.5, 0.25}),
                SamplingConfig.DEFAULT.withTopP(0.6))).isCloseTo(row(0.25, 0.5, 0.25), 1e-12, 1e-12);
        check("top-p 1 keeps every token", s.probabilities(probs, SamplingConfig.DEFAULT.withTopP(1.0))).isCloseTo(probs.softmax(-1), 1e-12, 1e-12);
    }

    @Test
    @Task(3)
    @DisplayName("top-p works on what top-k left, renormalised; with temperature on the scaled distribution")
    void topKThenTopP(TextGeneratorExercise ex) {
        Sampler s = ex.sampler();
        // top-3 of [0.1, 0.35, 0.15, 0.4] -> [0, 0.35, 0.15, 0.4] / 0.9; top-p 0.8 -> 0.4/0.9 + 0.35/0.9 = 0.833 crosses
        check("top-k then top-p on the renormalised top-k distribution", s.probabilities(GeneratorCases.logitsOf(new double[] {0.1, 0.35, 0.15, 0.4}),
                SamplingConfig.DEFAULT.withTopK(3).withTopP(0.8))).isCloseTo(row(0, 0.35 / 0.75, 0, 0.4 / 0.75), 1e-12, 1e-12);
        // T = 0.5 squares the probabilities: [0.2, 0.3, 0.5] -> [0.04, 0.09, 0.25] / 0.38; top-p 0.7 -> 0.658 + 0.237 crosses
        check("temperature then top-p on the scaled distribution", s.probabilities(GeneratorCases.logitsOf(new double[] {0.2, 0.3, 0.5}),
                new SamplingConfig(0.5, 0, 0.7))).isCloseTo(row(0, 0.09 / 0.34, 0.25 / 0.34), 1e-12, 1e-12);
    }

    @Test
    @Task(3)
    @DisplayName("20000 seeded draws follow the filtered distribution (within 5 standard errors); removed tokens never appear")
    void distribution(TextGeneratorExercise ex) {
        Sampler s = ex.sampler();
        Tensor logits = Tensor.of(new double[] {0.2, 1.0, -0.5, 0.7, -2.0, 0.1}, 1, 6);
        SamplingConfig cfg = new SamplingConfig(0.8, 4, 0.9);
        double[] expected = s.probabilities(logits, cfg).toArray();
        check("probabilities with temperature, top-k 4 and top-p together", Tensor.of(expected, 1, 6))
                .isCloseTo(reference(logits.toArray(), cfg), 1e-12, 1e-12);
        int n = 20000;
        int[] counts = new int[6];
        Generator g = new Generator(61);
        Tensor batch = logits.expand(100, 6).contiguous();
        for (int i = 0; i < n / 100; i++) for (int id : s.sample(batch, cfg, g)) counts[id]++;
        for (int i = 0; i < 6; i++) {
            if (expected[i] == 0) {
                assertThat(counts[i]).as("draws of token " + i + ", which the filters removed").isZero();
            } else {
                double se = Math.sqrt(n * expected[i] * (1 - expected[i]));
                assertThat(Math.abs(counts[i] - n * expected[i]) <= 5 * se)
                        .as("the frequency of token " + i + " is more than 5 standard errors from its probability").isTrue();
            }
        }
    }

    @Test
    @Task(3)
    @DisplayName("sampling uses only the generator it is given: same seed, same ids; other seeds, other ids")
    void seeds(TextGeneratorExercise ex) {
        Sampler s = ex.sampler();
        Tensor logits = Tensor.zeros(64, 8);
        int[] a = s.sample(logits, SamplingConfig.DEFAULT, new Generator(71));
        int[] again = ex.sampler().sample(logits, SamplingConfig.DEFAULT, new Generator(71));
        int[] other = s.sample(logits, SamplingConfig.DEFAULT, new Generator(72));
        assertThat(Arrays.equals(a, again)).as("two samplers with generators of the same seed drew different ids").isTrue();
        assertThat(Arrays.equals(a, other)).as("generators of different seeds drew the same 64 ids: is the generator argument ignored?").isFalse();
    }

    @Test
    @Task(3)
    @DisplayName("samplers reject bad arguments and never modify the logits")
    void samplerArguments(TextGeneratorExercise ex) {
        Sampler s = ex.sampler();
        Tensor logits = Tensor.of(new double[] {0.5, 1.5, -1.0}, 1, 3);
        Tensor copy = logits.copy();
        s.greedy(logits);
        s.probabilities(logits, SamplingConfig.DEFAULT.withTopK(1).withTopP(0.5));
        s.sample(logits, new SamplingConfig(0.7, 2, 0.9), new Generator(1));
        check("logits after greedy, probabilities and sample", logits).isCloseTo(copy, 0, 0);
        assertThatThrownBy(() -> s.greedy(Tensor.zeros(3))).as("greedy on a [3] tensor").isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> s.probabilities(null, SamplingConfig.DEFAULT)).as("null logits").isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> s.sample(logits, SamplingConfig.DEFAULT, null)).as("null generator").isInstanceOf(IllegalArgumentException.class);
    }

    /** The filters written out once more, independently, on one row. */
    private static Tensor reference(double[] logits, SamplingConfig c) {
        int v = logits.length;
        Tensor p = Tensor.of(logits, 1, v).div(c.temperature()).softmax(-1);
        double[] q = p.toArray();
        Integer[] order = new Integer[v];
        for (int i = 0; i < v; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> Double.compare(q[b], q[a]));
        double[] kept = new double[v];
        for (int r = 0; r < Math.min(c.topK() == 0 ? v : c.topK(), v); r++) kept[order[r]] = q[order[r]];
        double sum = Arrays.stream(kept).sum();
        double mass = 0;
        double[] out = new double[v];
        for (int r = 0; r < v && mass < c.topP(); r++) {
            double x = kept[order[r]] / sum;
            out[order[r]] = x;
            mass += x;
        }
        double total = Arrays.stream(out).sum();
        for (int i = 0; i < v; i++) out[i] /= total;
        return Tensor.of(out, 1, v);
    }
}
