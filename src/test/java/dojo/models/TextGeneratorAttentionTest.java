package dojo.models;

import static org.assertj.core.api.Assertions.assertThat;

import dojo.exercise.api.TextGeneratorExercise;
import dojo.exercise.api.TextGeneratorModel;
import dojo.models.viz.AttentionRecorder;
import dojo.nn.StateDicts;
import dojo.tensor.Autograd;
import dojo.tensor.Tensor;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What `dojo viz` will see of the text generator: the trained checkpoint's attention, recorded per block, causal. */
class TextGeneratorAttentionTest {

    @Test
    void theTrainedCheckpointsAttentionIsRecordedPerBlockAndNeverLooksAhead() throws Exception {
        TextGeneratorExperiment e = new TextGeneratorExperiment();
        try (var impl = SolutionModels.load(e.exerciseId())) {
            TextGeneratorModel m = (TextGeneratorModel) e.build(impl.implementation(), 1L);
            assertThat(impl.implementation()).isInstanceOf(TextGeneratorExercise.class);
            StateDicts.load(m, Path.of("src/test/resources/golden/ex14_text_generator/java_trained.safetensors"), true);
            int[][] ids = SortGeneration.inputs(List.of(TextGeneratorExperiment.data().test().get(0)));
            Map<String, List<Tensor>> maps;
            try (var off = Autograd.noGrad()) {
                maps = AttentionRecorder.capture(m, () -> m.forward(ids));
            }
            assertThat(maps.keySet()).containsExactly("blocks.0.attn", "blocks.1.attn");
            for (List<Tensor> calls : maps.values()) {
                Tensor w = calls.get(0);
                assertThat(w.shape()).containsExactly(1, 4, 11, 11);
                for (int h = 0; h < 4; h++) {
                    for (int i = 0; i < 11; i++) {
                        double row = 0;
                        for (int j = 0; j < 11; j++) {
                            if (j > i) assertThat(w.get(0, h, i, j)).as("head %d query %d key %d", h, i, j).isZero();
                            row += w.get(0, h, i, j);
                        }
                        assertThat(row).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-12));
                    }
                }
            }
        }
    }
}
