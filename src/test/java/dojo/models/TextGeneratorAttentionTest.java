package dojo.models;

import static org.assertj.core.api.Assertions.assertThat;

import dojo.exercise.api.TextGeneratorExercise;
import dojo.exercise.api.TextGeneratorModel;
import dojo.models.data.ReverseSequences;
import dojo.models.viz.AttentionRecorder;
import dojo.nn.StateDicts;
import dojo.tensor.Autograd;
import dojo.tensor.Tensor;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What `dojo viz` will see of the text generator: the attention of the checkpoint of
 * {@code ./dojo train text-generator} (default recipe, seed 1; src/test/resources/models/text-generator.safetensors),
 * recorded per block, causal, and reading the mirrored input position from every output row.
 */
class TextGeneratorAttentionTest {

    static final Path CHECKPOINT = Path.of("src/test/resources/models/text-generator.safetensors");
    static final int L = TextGeneratorExperiment.MAX_LEN;

    @Test
    void theTrainedCheckpointsAttentionIsRecordedPerBlockAndNeverLooksAhead() throws Exception {
        Map<String, List<Tensor>> maps = maps(List.of(TextGeneratorExperiment.data().test().get(0)));
        assertThat(maps.keySet()).containsExactly("blocks.0.attn", "blocks.1.attn");
        for (List<Tensor> calls : maps.values()) {
            Tensor w = calls.get(0);
            assertThat(w.shape()).containsExactly(1, 4, L, L);
            for (int h = 0; h < 4; h++) {
                for (int i = 0; i < L; i++) {
                    double row = 0;
                    for (int j = 0; j < L; j++) {
                        if (j > i) assertThat(w.get(0, h, i, j)).as("head %d query %d key %d", h, i, j).isZero();
                        row += w.get(0, h, i, j);
                    }
                    assertThat(row).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-12));
                }
            }
        }
    }

    /**
     * The anti-diagonal of docs/models/ex14_text_generator.md: row t (t >= 8, it predicts output t - 7, the input digit at
     * position 14 - t) has a head of the last block that puts most of its weight on key 14 - t, on every one of 100 test inputs.
     */
    @Test
    void everyOutputRowOfTheLastBlockLooksUpTheMirroredInputPosition() throws Exception {
        List<ReverseSequences.Example> examples = TextGeneratorExperiment.data().test().subList(0, 100);
        double[] weakest = mirroredLookup(maps(examples).get("blocks.1.attn").get(0));
        for (int t = ReverseSequences.LENGTH; t < L; t++) {
            assertThat(weakest[t]).as("row %d: weight of the best head on key %d, lowest over 100 inputs", t, L - 1 - t).isGreaterThan(0.5);
        }
    }

    /**
     * Per query row t, the weight on key {@code L - 1 - t} of the head that puts the most there, minimum over the batch
     * (rows before the reversed half: NaN).
     */
    static double[] mirroredLookup(Tensor w) {
        int b = w.size(0), heads = w.size(1);
        double[] out = new double[L];
        java.util.Arrays.fill(out, Double.NaN);
        for (int t = ReverseSequences.LENGTH; t < L; t++) {
            double min = 1;
            for (int n = 0; n < b; n++) {
                double best = 0;
                for (int h = 0; h < heads; h++) best = Math.max(best, w.get(n, h, t, L - 1 - t));
                min = Math.min(min, best);
            }
            out[t] = min;
        }
        return out;
    }

    static Map<String, List<Tensor>> maps(TextGeneratorModel m, List<ReverseSequences.Example> examples) {
        int[][] ids = TextGeneratorExperiment.objective(m).inputs(examples);
        boolean was = m.isTraining();
        m.eval();
        try (var off = Autograd.noGrad()) {
            return AttentionRecorder.capture(m, () -> m.forward(ids));
        } finally {
            m.train(was);
        }
    }

    private static Map<String, List<Tensor>> maps(List<ReverseSequences.Example> examples) throws Exception {
        TextGeneratorExperiment e = new TextGeneratorExperiment();
        try (var impl = SolutionModels.load(e.exerciseId())) {
            assertThat(impl.implementation()).isInstanceOf(TextGeneratorExercise.class);
            TextGeneratorModel m = (TextGeneratorModel) e.build(impl.implementation(), 1L);
            StateDicts.load(m, CHECKPOINT, true);
            return maps(m, examples);
        }
    }
}
