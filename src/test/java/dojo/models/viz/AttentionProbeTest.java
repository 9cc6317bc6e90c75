package dojo.models.viz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dojo.exercise.api.TextClassifierModel;
import dojo.exercise.api.TokenBatch;
import dojo.models.SolutionModels;
import dojo.models.TextClassifierExperiment;
import dojo.nn.MultiheadAttention;
import dojo.models.data.TextExample;
import dojo.tensor.Autograd;
import java.util.List;
import org.junit.jupiter.api.Test;

class AttentionProbeTest {

    private final TextClassifierModel model = SolutionModels.textClassifier(TextClassifierExperiment.referenceConfig(), 7L);
    private final TextExample example = new TextExample(new int[] {3, 7, 12, 5, 9, 14, 2, 3}, 1);

    private AttentionView probe(int padTo, int layer, int head) {
        return AttentionProbe.textClassifier(model, TextClassifierExperiment.referenceConfig(), "text-classifier", "test", example, true, padTo, layer, head,
                AttentionProbe.LAST_TOKEN_CLASSES);
    }

    @Test
    void everyRowSumsToOneOverTheRealKeysAndPutsZeroOnPaddedKeys() {
        AttentionView v = probe(12, -1, -1);
        assertThat(v.maps()).hasSize(2 * 4);
        for (AttentionMap m : v.maps()) {
            for (int q = 0; q < 12; q++) {
                double real = 0;
                for (int k = 0; k < 8; k++) real += m.weight(q, k);
                assertThat(real).as("layer %d head %d row %d", m.layer(), m.head(), q).isCloseTo(1.0, within(1e-12));
                for (int k = 8; k < 12; k++) assertThat(m.weight(q, k)).isEqualTo(0.0);
            }
        }
    }

    @Test
    void paddingPositionsAreFlaggedAndLabelledAsPadding() {
        AttentionView v = probe(10, -1, -1);
        assertThat(v.tokens()).containsExactly("3", "7", "12", "5", "9", "14", "2", "3", "pad", "pad");
        assertThat(v.isPadding(7)).isFalse();
        assertThat(v.isPadding(8)).isTrue();
        assertThat(v.realLength()).isEqualTo(8);
    }

    @Test
    void recordingGivesTheSameLogitsAndLeavesTheLayersNotRecording() {
        TokenBatch b = TextExample.batch(List.of(example), 12);
        model.eval();
        try (var off = Autograd.noGrad()) {
            double[] plain = model.forward(b).toArray();
            double[][] recorded = new double[1][];
            var maps = AttentionRecorder.capture(model, () -> recorded[0] = model.forward(b).toArray());
            assertThat(recorded[0]).containsExactly(plain, within(1e-15));
            assertThat(maps.keySet()).containsExactly("encoder.layers.0.self_attn", "encoder.layers.1.self_attn");
            assertThat(maps.get("encoder.layers.1.self_attn")).singleElement().satisfies(w -> assertThat(w.shape()).containsExactly(1, 4, 12, 12));
            var again = AttentionRecorder.capture(model, () -> { });
            assertThat(again).isEmpty();
        }
        assertThat(AttentionRecorder.attentionModules(model).values()).allSatisfy(m -> assertThat(m).isInstanceOf(MultiheadAttention.class));
    }

    @Test
    void paddingDoesNotChangeThePredictedProbabilities() {
        assertThat(probe(12, -1, -1).probabilities()).containsExactly(probe(8, -1, -1).probabilities(), within(1e-12));
    }

    @Test
    void aLayerAndHeadSelectExactlyThatMap() {
        AttentionView v = probe(8, 1, 2);
        assertThat(v.maps()).singleElement().satisfies(m -> {
            assertThat(m.layer()).isEqualTo(1);
            assertThat(m.head()).isEqualTo(2);
        });
    }

    @Test
    void aLayerThatDoesNotExistIsRefused() {
        assertThatThrownBy(() -> probe(8, 2, -1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("layer 2 does not exist");
    }

    @Test
    void probabilitiesSumToOneAndTheLabelIsKept() {
        AttentionView v = probe(8, -1, -1);
        assertThat(v.probabilities()[0] + v.probabilities()[1]).isCloseTo(1.0, within(1e-12));
        assertThat(v.trueLabel()).isEqualTo(1);
    }
}
