package dojo.models;

import static org.assertj.core.api.Assertions.assertThat;

import dojo.exercise.api.CtcOutput;
import dojo.exercise.api.SpectrogramBatch;
import dojo.models.data.SpokenPhones;
import dojo.models.data.SpokenUtterance;
import dojo.tensor.Generator;
import dojo.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The framework's side of the speech-recognizer experiment: batches, decoding, the baseline. */
class SpeechRecognitionTest {

    @Test
    void greedyDecodingMergesRepeatsThenDropsBlanksWithinEachLength() {
        int[][] best = {{2, 2, 0, 2, 3, 3, 1}, {0, 1, 1, 0, 0, 0, 4}};
        double[] v = new double[2 * 7 * 5];
        for (int b = 0; b < 2; b++) for (int t = 0; t < 7; t++) for (int k = 0; k < 5; k++) v[(b * 7 + t) * 5 + k] = k == best[b][t] ? -0.1 : -3;
        int[][] out = CtcDecoding.greedy(Tensor.of(v, 2, 7, 5), new int[] {6, 5});
        assertThat(out[0]).containsExactly(2, 2, 3);
        assertThat(out[1]).containsExactly(1);
    }

    @Test
    void batchesPadWithZeroFramesAndKeepLengthsAndTranscripts() {
        List<SpokenUtterance> u = SpokenPhones.generate(3, 3, 0, 0).train();
        SpectrogramBatch b = SpeechBatches.of(u);
        int longest = u.stream().mapToInt(SpokenUtterance::frames).max().orElseThrow();
        assertThat(b.features().shape()).containsExactly(3, longest, SpokenPhones.BINS);
        for (int i = 0; i < 3; i++) {
            assertThat(b.lengths()[i]).isEqualTo(u.get(i).frames());
            assertThat(b.features().get(i, 0, 2)).isEqualTo(u.get(i).value(0, 2));
            if (u.get(i).frames() < longest) assertThat(b.features().get(i, longest - 1, 5)).isZero();
            assertThat(SpeechBatches.transcripts(u)[i]).containsExactly(u.get(i).phones());
        }
    }

    @Test
    void theBaselineSeesOnlyAWindowPaddingNeverChangesItsRealFrames() {
        ConvFrameCtcBaseline base = new ConvFrameCtcBaseline(SpeechRecognizerExperiment.referenceConfig(), new Generator(1));
        Tensor x = Tensor.randn(new Generator(2), 2, 30, SpokenPhones.BINS);
        CtcOutput a = base.forward(new SpectrogramBatch(x, new int[] {30, 13}));
        Tensor noisy = Tensor.cat(1, x, Tensor.randn(new Generator(3), 2, 10, SpokenPhones.BINS));
        CtcOutput b = base.forward(new SpectrogramBatch(noisy, new int[] {30, 13}));
        assertThat(a.lengths()).containsExactly(8, 4);
        assertThat(b.logProbs().select(0, 1).narrow(0, 0, 4).maxAbsDiff(a.logProbs().select(0, 1).narrow(0, 0, 4))).isLessThan(1e-12);
        // a change at frame 0 cannot reach output frame 3 (inputs 9..15): no context beyond the window
        Tensor changed = x.copy();
        for (int f = 0; f < SpokenPhones.BINS; f++) changed.array()[f] += 3;
        CtcOutput c = base.forward(new SpectrogramBatch(changed, new int[] {30, 13}));
        assertThat(c.logProbs().select(0, 0).narrow(0, 3, 5).maxAbsDiff(a.logProbs().select(0, 0).narrow(0, 3, 5))).isZero();
    }

    @Test
    void theBaselineHasNoAttentionAndFewerParameters() {
        ConvFrameCtcBaseline base = new ConvFrameCtcBaseline(SpeechRecognizerExperiment.referenceConfig(), new Generator(1));
        assertThat(base.stateDict().keySet()).containsExactly("conv1.weight", "conv1.bias", "conv2.weight", "conv2.bias",
                "mlp1.weight", "mlp1.bias", "mlp2.weight", "mlp2.bias");
    }

    @Test
    void theBreakdownSplitsTheTestSetByWhetherTheHarmonyMatters() {
        var e = new SpeechRecognizerExperiment();
        var breakdown = e.testBreakdown(e.buildBaseline(1));
        long harmony = SpeechRecognizerExperiment.data().test().stream().filter(SpeechRecognizerExperiment::hasNeutralVowel).count();
        assertThat(breakdown.keySet()).containsExactly("with a 7 or 8 (" + harmony + ")", "without (" + (SpeechRecognizerExperiment.TEST - harmony) + ")");
        assertThat(breakdown.values()).allSatisfy(v -> assertThat(v).isBetween(0.0, 1.0));
    }
}
