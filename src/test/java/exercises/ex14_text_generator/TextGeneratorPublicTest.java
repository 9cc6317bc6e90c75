package exercises.ex14_text_generator;

import static exercises.ex06_softmax_xent_backward.TensorFixture.check;
import static exercises.ex14_text_generator.GeneratorCases.GOLDEN;
import static org.assertj.core.api.Assertions.assertThat;

import dojo.exercise.api.KvCache;
import dojo.exercise.api.Sampler;
import dojo.exercise.api.SamplingConfig;
import dojo.exercise.api.TextGeneratorConfig;
import dojo.exercise.api.TextGeneratorExercise;
import dojo.exercise.api.TextGeneratorModel;
import dojo.grading.junit.ExerciseSuite;
import dojo.grading.junit.Task;
import dojo.models.SortGeneration;
import dojo.models.data.SortSequences;
import dojo.optim.Adam;
import dojo.tensor.Functional;
import dojo.tensor.Generator;
import dojo.tensor.Tensor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Public suite of ex14 (shipped to learners): the model against PyTorch float64 (logits, loss, gradients,
 * a checkpoint trained in PyTorch), causality, the KV cache against full recomputation, worked examples of
 * greedy / temperature / top-p / seeded sampling, and overfitting 20 sort examples.
 */
@ExerciseSuite("ex14_text_generator")
@DisplayName("ex14 text generator (public)")
class TextGeneratorPublicTest {
    static final double ATOL = 1e-9;
    static final double RTOL = 1e-7;

    @Test
    @Task(1)
    @DisplayName("the state_dict has exactly PyTorch's names, in PyTorch's order")
    void stateDictNames(TextGeneratorExercise ex) {
        TextGeneratorModel m = ex.build(new TextGeneratorConfig(5, 8, 8, 2, 16, 2), new Generator(1));
        assertThat(List.copyOf(m.stateDict().keySet()))
                .as("state_dict keys (the PyTorch module in TextGeneratorModel's javadoc)")
                .isEqualTo(GeneratorCases.stateDictNames(2));
    }

    @Test
    @Task(1)
    @DisplayName("with PyTorch's weights, forward gives PyTorch's logits [B, L, V] (float64)")
    void goldenLogits(TextGeneratorExercise ex) {
        TextGeneratorModel m = GeneratorCases.loaded(ex, GOLDEN, "tiny");
        Tensor logits = m.forward(GeneratorCases.ids(GOLDEN, "tiny", "ids", 3));
        check("logits vs PyTorch", logits).showingValues()
                .withCause(Tensor.zeros(3, 7, 5), "did forward return zeros?")
                .isCloseTo(GOLDEN.get("tiny", "logits"), ATOL, RTOL);
    }

    @Test
    @Task(1)
    @DisplayName("next-token cross-entropy and the gradient of every parameter match PyTorch")
    void goldenGradients(TextGeneratorExercise ex) {
        TextGeneratorModel m = GeneratorCases.loaded(ex, GOLDEN, "tiny");
        Tensor logits = m.forward(GeneratorCases.ids(GOLDEN, "tiny", "ids", 3));
        Tensor loss = Functional.crossEntropy(logits.reshape(-1, 5), GOLDEN.ints("tiny", "targets"));
        check("loss vs PyTorch", loss.reshape(1)).showingValues().isCloseTo(GOLDEN.get("tiny", "loss"), ATOL, RTOL);
        loss.backward();
        for (Map.Entry<String, Tensor> e : m.namedParameters().entrySet()) {
            check(e.getKey() + ".grad vs PyTorch", e.getValue().grad()).showingValues()
                    .isCloseTo(GOLDEN.get("tiny", "grad." + e.getKey()), ATOL, RTOL);
        }
    }

    @Test
    @Task(1)
    @DisplayName("causal: changing token 4 changes no logit of positions 0..3 (the original C5 had no causal mask)")
    void causal(TextGeneratorExercise ex) {
        TextGeneratorModel m = ex.build(new TextGeneratorConfig(6, 8, 8, 2, 16, 2), new Generator(3));
        int[][] ids = GeneratorCases.randomIds(4, 2, 7, 6);
        int[][] changed = {ids[0].clone(), ids[1].clone()};
        changed[0][4] = (ids[0][4] + 1) % 6;
        changed[1][4] = (ids[1][4] + 3) % 6;
        check("logits of positions 0..3 after changing token 4 (a position may only see itself and the past)",
                m.forward(changed).narrow(1, 0, 4)).showingValues().isCloseTo(m.forward(ids).narrow(1, 0, 4), 1e-12, 0);
    }

    @Test
    @Task(2)
    @DisplayName("KV cache: the logits of every step equal the last row of forward on the sequence so far (1e-12)")
    void cacheEqualsRecomputation(TextGeneratorExercise ex) {
        TextGeneratorModel m = GeneratorCases.loaded(ex, GOLDEN, "tiny");
        int[][] ids = GeneratorCases.ids(GOLDEN, "tiny", "ids", 3);
        KvCache cache = m.newCache(3);
        for (int t = 0; t < ids[0].length; t++) {
            Tensor step = m.step(cache, GeneratorCases.column(ids, t));
            int[][] prefix = new int[3][];
            for (int b = 0; b < 3; b++) prefix[b] = java.util.Arrays.copyOf(ids[b], t + 1);
            check("step " + t + " logits vs forward(tokens 0.." + t + ") last row", step).showingValues()
                    .isCloseTo(m.forward(prefix).select(1, t), 1e-12, 0);
            assertThat(cache.length()).as("cache.length() after " + (t + 1) + " steps").isEqualTo(t + 1);
        }
    }

    @Test
    @Task(3)
    @DisplayName("greedy takes the largest logit of each row, the lowest id on ties")
    void greedy(TextGeneratorExercise ex) {
        Tensor logits = Tensor.of(new double[] {0.1, 2.0, -1.0, 2.0, 5.0, 4.0, 4.9, -3.0}, 2, 4);
        assertThat(ex.sampler().greedy(logits)).as("greedy ids").containsExactly(1, 0);
    }

    @Test
    @Task(3)
    @DisplayName("temperature divides the logits before the softmax: probabilities = softmax(logits / T)")
    void temperature(TextGeneratorExercise ex) {
        Tensor logits = Tensor.of(new double[] {1.0, 2.0, 0.0, -1.0}, 1, 4);
        Tensor p = ex.sampler().probabilities(logits, SamplingConfig.temperature(0.5));
        check("probabilities at T = 0.5", p).showingValues()
                .withCause(logits.softmax(-1), "temperature had no effect: was it applied after the softmax (dividing probabilities by T and renormalising changes nothing)?")
                .isCloseTo(logits.div(0.5).softmax(-1), 1e-12, 1e-12);
    }

    @Test
    @Task(3)
    @DisplayName("top-p 0.7 of [0.5, 0.3, 0.15, 0.05] keeps the first two (the token that crosses p is kept), renormalised")
    void topPWorkedExample(TextGeneratorExercise ex) {
        Tensor logits = GeneratorCases.logitsOf(new double[] {0.5, 0.3, 0.15, 0.05});
        Tensor p = ex.sampler().probabilities(logits, SamplingConfig.DEFAULT.withTopP(0.7));
        check("top-p 0.7 probabilities", p).showingValues()
                .withCause(Tensor.of(new double[] {1, 0, 0, 0}, 1, 4), "only 0.5 kept: the token whose mass crosses p must be kept too (smallest set with mass >= p)")
                .isCloseTo(Tensor.of(new double[] {0.625, 0.375, 0, 0}, 1, 4), 1e-12, 1e-12);
    }

    @Test
    @Task(3)
    @DisplayName("sampling with the same seed gives the same tokens; it never draws a token top-k removed")
    void seededSampling(TextGeneratorExercise ex) {
        Sampler s = ex.sampler();
        Tensor logits = Tensor.of(new double[] {0.3, 1.2, -0.4, 0.9, 0.0, 1.0, 1.0, 0.2}, 2, 4);
        SamplingConfig cfg = SamplingConfig.temperature(1.3).withTopK(3);
        Generator a = new Generator(99);
        Generator b = new Generator(99);
        for (int i = 0; i < 50; i++) {
            int[] x = s.sample(logits, cfg, a);
            assertThat(x).as("draw " + i + " with seed 99, twice").containsExactly(s.sample(logits, cfg, b));
            assertThat(x[0]).as("row 0 draw " + i + ": top-3 of [0.3, 1.2, -0.4, 0.9] removed id 2").isNotEqualTo(2);
        }
    }

    @Test
    @Task(4)
    @DisplayName("training: overfits 20 sort examples to 100% exact match (greedy, through the cache) within 200 Adam steps")
    void overfitTwenty(TextGeneratorExercise ex) {
        TextGeneratorModel m = ex.build(new TextGeneratorConfig(3, 11, 8, 2, 16, 1), new Generator(6));
        List<SortSequences.Example> twenty = SortSequences.generate(7, 20, 0, 0).train();
        SortGeneration objective = new SortGeneration(m);
        Adam opt = Adam.adam(m.parameters(), 2e-2);
        double exact = 0;
        int step = 0;
        while (step < 200 && exact < 1) {
            step++;
            opt.zeroGrad();
            objective.loss(twenty).backward();
            opt.step();
            if (step % 20 == 0) {
                try (var off = dojo.tensor.Autograd.noGrad()) {
                    exact = objective.metric(twenty);
                }
            }
        }
        assertThat(exact).as("exact match on the 20 training examples after " + step + " steps (a model that cannot "
                + "memorise 20 sequences has a bug: look at the causal mask, the positions and the loss rows)").isEqualTo(1.0);
    }
}
