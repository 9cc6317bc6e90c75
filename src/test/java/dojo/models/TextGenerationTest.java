package dojo.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dojo.exercise.api.KvCache;
import dojo.exercise.api.TextGeneratorModel;
import dojo.models.data.ReverseSequences;
import dojo.models.data.SortSequences;
import dojo.tensor.Generator;
import dojo.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The generation loop, the reversal and sort objectives and the no-attention baseline (the transformer itself is tested by the ex14 suites). */
class TextGenerationTest {

    private static int[][] ids(long seed, int rows, int n) {
        Generator g = new Generator(seed);
        int[][] out = new int[rows][n];
        for (int[] r : out) for (int t = 0; t < n; t++) r[t] = g.nextInt(3);
        return out;
    }

    @ParameterizedTest(name = "causal mean {0}: every cached step equals recomputation")
    @ValueSource(booleans = {true, false})
    void baselineCacheEqualsRecomputation(boolean mean) {
        TextGeneratorModel m = new CausalMeanGenerator(3, 11, 8, 16, mean, new Generator(1));
        int[][] x = ids(2, 3, 11);
        KvCache cache = m.newCache(3);
        List<Tensor> rows = new ArrayList<>();
        for (int t = 0; t < 11; t++) {
            int[] col = {x[0][t], x[1][t], x[2][t]};
            rows.add(m.step(cache, col).unsqueeze(1));
        }
        assertThat(Tensor.cat(rows, 1).maxAbsDiff(m.forward(x))).isLessThan(1e-12);
    }

    @Test
    void theBaselineIsCausal() {
        TextGeneratorModel m = new CausalMeanGenerator(3, 11, 8, 16, true, new Generator(3));
        int[][] x = ids(4, 2, 9);
        int[][] y = {x[0].clone(), x[1].clone()};
        y[0][6] = (x[0][6] + 1) % 3;
        y[1][6] = (x[1][6] + 2) % 3;
        assertThat(m.forward(y).narrow(1, 0, 6).maxAbsDiff(m.forward(x).narrow(1, 0, 6))).isZero();
    }

    @Test
    void generationWithAndWithoutTheCacheAgree() {
        TextGeneratorModel m = new CausalMeanGenerator(3, 11, 8, 16, true, new Generator(5));
        int[][] prompt = ids(6, 4, 6);
        assertThat(TextGeneration.withCache(m, prompt, 6, TextGeneration::argmax))
                .isDeepEqualTo(TextGeneration.withoutCache(m, prompt, 6, TextGeneration::argmax));
    }

    @Test
    void aPromptThatWouldRunPastMaxLenIsRejected() {
        TextGeneratorModel m = new CausalMeanGenerator(3, 11, 8, 16, true, new Generator(5));
        assertThatThrownBy(() -> TextGeneration.withCache(m, ids(1, 1, 6), 7, TextGeneration::argmax))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("12 positions");
    }

    @Test
    void theLossReadsElevenTokensAndScoresOnlyTheSortedHalf() {
        SortSequences.Example e = new SortSequences.Example(new int[] {2, 0, 1, 2, 0, 0}, new int[] {0, 0, 0, 1, 2, 2});
        assertThat(SortGeneration.inputs(List.of(e))[0]).containsExactly(2, 0, 1, 2, 0, 0, 0, 0, 0, 1, 2);
        assertThat(SortGeneration.targets(List.of(e))).containsExactly(-100, -100, -100, -100, -100, 0, 0, 0, 1, 2, 2);
    }

    @Test
    void theReversalLossReadsFifteenTokensAndScoresOnlyTheReversedHalf() {
        ReverseSequences.Example e = ReverseSequences.of(3, 1, 4, 1, 5, 9, 2, 6);
        AnswerGeneration<ReverseSequences.Example> o = TextGeneratorExperiment.objective(null);
        assertThat(o.inputs(List.of(e))[0]).containsExactly(3, 1, 4, 1, 5, 9, 2, 6, 6, 2, 9, 5, 1, 4, 1);
        assertThat(o.targets(List.of(e))).containsExactly(-100, -100, -100, -100, -100, -100, -100, 6, 2, 9, 5, 1, 4, 1, 3);
        assertThat(o.inputs(List.of(e))[0]).hasSize(TextGeneratorExperiment.referenceConfig().maxLen());
    }

    @Test
    void exactMatchOfTheReversalNeedsAllEightDigits() {
        // a model that always predicts digit 0 reverses exactly the all-zero input, not one that ends in 0 and holds a 1
        TextGeneratorModel zeros = new CausalMeanGenerator(10, 15, 4, 4, false, new Generator(1));
        zeros.namedParameters().forEach((k, v) -> java.util.Arrays.fill(v.array(), 0));
        zeros.namedParameters().get("fc2.bias").array()[0] = 5;
        List<ReverseSequences.Example> ex = List.of(ReverseSequences.of(0, 0, 0, 0, 0, 0, 0, 0), ReverseSequences.of(1, 0, 0, 0, 0, 0, 0, 0));
        assertThat(TextGeneratorExperiment.objective(zeros).metric(ex)).isEqualTo(0.5);
    }

    @Test
    void exactMatchCountsOnlyFullySortedOutputs() {
        // a model that always predicts digit 0 sorts exactly the all-zero input
        TextGeneratorModel zeros = new CausalMeanGenerator(3, 11, 4, 4, false, new Generator(1));
        zeros.namedParameters().forEach((k, v) -> java.util.Arrays.fill(v.array(), 0));
        zeros.namedParameters().get("fc2.bias").array()[0] = 5;
        List<SortSequences.Example> ex = List.of(
                new SortSequences.Example(new int[6], new int[6]),
                new SortSequences.Example(new int[] {1, 0, 0, 0, 0, 0}, new int[] {0, 0, 0, 0, 0, 1}));
        assertThat(new SortGeneration(zeros).metric(ex)).isEqualTo(0.5);
    }

    @Test
    void theExperimentIsRegisteredAndRejectsAForeignImplementation() {
        Experiment e = ExperimentCatalog.standard().find("text-generator").orElseThrow();
        assertThat(e.exerciseId()).isEqualTo("ex14_text_generator");
        assertThat(e.target()).isEqualTo(0.99);
        assertThatThrownBy(() -> e.build("not a generator", 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("TextGeneratorExercise");
    }
}
