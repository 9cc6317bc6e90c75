package dojo.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dojo.io.Safetensors;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** {@link Functional#ctcLoss} against F.ctc_loss (scripts/golden/ex15_speech_ctc.py, ctc.safetensors). */
class CtcLossTest {

    private static final Safetensors FILE = read();

    private static Safetensors read() {
        try {
            return Safetensors.read(Path.of(System.getProperty("dojo.project.dir", "."), "src/test/resources/golden/ex15_speech_ctc/ctc.safetensors"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static String[] cases() {
        return FILE.metadata().get("cases").split(",");
    }

    private static Tensor get(String c, String n) {
        return Tensor.of(FILE.doubles(c + "." + n), FILE.shape(c + "." + n));
    }

    private static int[] ints(String c, String n) {
        long[] l = FILE.longs(c + "." + n);
        int[] out = new int[l.length];
        for (int i = 0; i < l.length; i++) out[i] = (int) l[i];
        return out;
    }

    static int[][] targets(String c) {
        int[] len = ints(c, "targetLengths"), flat = ints(c, "targets");
        int w = flat.length / len.length;
        int[][] out = new int[len.length][];
        for (int b = 0; b < len.length; b++) out[b] = java.util.Arrays.copyOfRange(flat, b * w, b * w + len[b]);
        return out;
    }

    @ParameterizedTest(name = "loss and the true gradient of logProbs match PyTorch on case {0}")
    @MethodSource("cases")
    void matchesPyTorch(String c) {
        Tensor lp = get(c, "logProbs").requiresGrad(true);
        Tensor loss = Functional.ctcLoss(lp, ints(c, "inputLengths"), targets(c), 0, true);
        assertThat(Math.abs(loss.item() - get(c, "loss").item())).isLessThan(1e-10 * Math.max(1, Math.abs(loss.item())));
        loss.backward();
        assertThat(lp.grad().maxAbsDiff(get(c, "grad.logProbs"))).isLessThan(1e-10);
    }

    @ParameterizedTest(name = "through log_softmax the gradient of the logits is PyTorch's on case {0}")
    @MethodSource("cases")
    void logitGradientsMatchPyTorch(String c) {
        Tensor logits = get(c, "logits").requiresGrad(true);
        Functional.ctcLoss(logits.logSoftmax(2), ints(c, "inputLengths"), targets(c), 0, true).backward();
        assertThat(logits.grad().maxAbsDiff(get(c, "grad.logits"))).isLessThan(1e-10);
    }

    @Test
    void gradientPassesGradCheckWithRepeatsPaddingAndAnEmptyTarget() {
        Tensor lp = Tensor.randn(new Generator(3), 3, 6, 4).requiresGrad(true);
        GradCheck.check(() -> Functional.ctcLoss(lp, new int[] {6, 4, 5}, new int[][] {{1, 1, 2}, {3}, {}}, 0, true), Map.of("lp", lp))
                .assertPassed();
    }

    @Test
    void anImpossibleTranscriptIsInfiniteUnlessZeroInfinity() {
        Tensor lp = Tensor.zeros(1, 4, 3).logSoftmax(2);
        int[][] y = {{1, 1, 1}};
        assertThat(Functional.ctcLoss(lp, new int[] {4}, y, 0, false).item()).isInfinite();
        assertThat(Functional.ctcLoss(lp, new int[] {4}, y, 0, true).item()).isZero();
        assertThat(Functional.ctcLoss(lp, new int[] {5 - 1}, new int[][] {{1, 2, 1}}, 0, false).item()).isFinite();
    }

    @Test
    void anotherBlankIndexWorks() {
        // with blank = 2 and labels 0, 1 the loss equals the blank-0 loss of the permuted classes
        Tensor lp = Tensor.randn(new Generator(4), 1, 5, 3).logSoftmax(2);
        Tensor permuted = lp.indexSelect(2, new int[] {2, 0, 1});
        double a = Functional.ctcLoss(lp, new int[] {5}, new int[][] {{0, 1, 1}}, 2, true).item();
        double b = Functional.ctcLoss(permuted, new int[] {5}, new int[][] {{1, 2, 2}}, 0, true).item();
        assertThat(a).isCloseTo(b, org.assertj.core.api.Assertions.within(1e-12));
    }

    @Test
    void badArgumentsAreNamed() {
        Tensor lp = Tensor.zeros(2, 5, 4);
        assertThatThrownBy(() -> Functional.ctcLoss(lp, new int[] {5, 6}, new int[][] {{1}, {1}}, 0, true)).hasMessageContaining("inputLengths[1] = 6");
        assertThatThrownBy(() -> Functional.ctcLoss(lp, new int[] {5, 5}, new int[][] {{1}, {0}}, 0, true)).hasMessageContaining("targets[1][0] = 0");
        assertThatThrownBy(() -> Functional.ctcLoss(lp, new int[] {5}, new int[][] {{1}, {1}}, 0, true)).hasMessageContaining("batch of 2");
        assertThatThrownBy(() -> Functional.ctcLoss(Tensor.zeros(5, 4), new int[] {5}, new int[][] {{1}}, 0, true)).hasMessageContaining("[B, T, C]");
    }
}
