package exercises.ex06_softmax_xent_backward;

import static exercises.ex06_softmax_xent_backward.TensorFixture.assertGradCheckPassed;
import static exercises.ex06_softmax_xent_backward.TensorFixture.check;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dojo.exercise.api.SoftmaxCrossEntropy;
import dojo.grading.junit.ExerciseSuite;
import dojo.grading.junit.Hidden;
import dojo.grading.junit.Task;
import dojo.tensor.Generator;
import dojo.tensor.GradCheck;
import dojo.tensor.Tensor;
import dojo.tensor.Functional;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hidden suite of ex06: every PyTorch float64 golden case (values and gradients, by hand and through autograd),
 * gradient checks with ignore index and label smoothing, and properties. Messages name the property, the
 * position and the order of magnitude of the error, never the expected values.
 */
@ExerciseSuite("ex06_softmax_xent_backward")
@Hidden
@DisplayName("ex06 softmax + cross-entropy backward (hidden)")
class SoftmaxCrossEntropyHiddenTest {
    static final double ATOL = 1e-10;
    static final double RTOL = 1e-8;
    static final TensorFixture G = TensorFixture.load("ex06_softmax_xent_backward", "xent.safetensors");

    static List<String> softmaxCases() {
        return G.cases("softmax");
    }

    static List<String> xentCases() {
        return G.cases("xent");
    }

    @ParameterizedTest(name = "softmax matches PyTorch on golden case {0}, forward and backward")
    @MethodSource("softmaxCases")
    @Task(1)
    void softmaxGolden(String c, SoftmaxCrossEntropy ops) {
        Tensor x = G.get(c, "x").requiresGrad(true);
        Tensor p = ops.softmax(x);
        check("softmax vs PyTorch, case " + c, p).isCloseTo(G.get(c, "out"), ATOL, RTOL);
        Tensor up = G.get(c, "upstream");
        check("softmaxBackward(p, upstream) vs PyTorch, case " + c, ops.softmaxBackward(G.get(c, "out"), up))
                .withCause(G.get(c, "out").mul(up), "this is p * g: the row-sum term - p * sum_j(g_j p_j) is missing")
                .isCloseTo(G.get(c, "grad.x"), ATOL, RTOL);
        p.mul(up).sum().backward();
        check("x.grad through your recorded softmax, case " + c, x.grad()).isCloseTo(G.get(c, "grad.x"), ATOL, RTOL);
    }

    @ParameterizedTest(name = "cross-entropy matches PyTorch on golden case {0}: loss, backward by hand, autograd")
    @MethodSource("xentCases")
    @Task(2)
    void crossEntropyGolden(String c, SoftmaxCrossEntropy ops) {
        Tensor logits = G.get(c, "logits").requiresGrad(true);
        int[] targets = G.ints(c, "targets");
        int ignore = (int) G.number(c, "ignore_index");
        double eps = G.number(c, "label_smoothing");
        Tensor loss = ops.crossEntropy(logits, targets, ignore, eps);
        assertThat(loss.numel()).as("the loss of case %s must have one element", c).isEqualTo(1);
        check("loss vs PyTorch, case " + c, loss.reshape(1)).isCloseTo(G.get(c, "loss"), ATOL, RTOL);
        Tensor expected = G.get(c, "grad.logits");
        int counted = 0;
        for (int t : targets) {
            counted += t == ignore ? 0 : 1;
        }
        check("crossEntropyBackward vs PyTorch, case " + c, ops.crossEntropyBackward(G.get(c, "logits"), targets, ignore, eps))
                .withCause(expected.mul(counted), "p - y was not divided by the number of counted rows (mean reduction)")
                .withCause(expected.mul(counted).div(targets.length),
                        "p - y was divided by every row, ignored ones included: divide by the rows that count")
                .isCloseTo(expected, ATOL, RTOL);
        loss.backward();
        check("logits.grad after loss.backward(), case " + c, logits.grad()).isCloseTo(expected, ATOL, RTOL);
    }

    @Test
    @Task(2)
    @DisplayName("cross-entropy with ignore index and label smoothing on [B, L, C] passes GradCheck")
    void crossEntropyGradCheck(SoftmaxCrossEntropy ops) {
        Tensor logits = Tensor.randn(new Generator(61), 2, 3, 5).mul(2).requiresGrad(true);
        int[] targets = {4, -1, 0, 2, -1, 3};
        assertGradCheckPassed("crossEntropy(ignoreIndex = -1, with label smoothing)",
                GradCheck.check(t -> ops.crossEntropy(t[0], targets, -1, 0.2), logits));
    }

    @Test
    @Task(1)
    @DisplayName("softmax with masked (-inf) entries passes GradCheck on the other entries")
    void softmaxMaskedGradCheck(SoftmaxCrossEntropy ops) {
        Tensor x = Tensor.randn(new Generator(62), 3, 6).requiresGrad(true);
        Tensor mask = Tensor.mask(new boolean[][] {{true, false, false, true, false, false}, {false, false, false, false, false, true},
            {false, true, true, true, true, false}});
        assertGradCheckPassed("softmax of masked logits", GradCheck.check(t -> ops.softmax(t[0].maskedFill(mask, Double.NEGATIVE_INFINITY)), x));
    }

    @Test
    @Task(2)
    @DisplayName("equals the library's Functional.crossEntropy and softmax (autograd) on [4, 7, 11] logits with ignore index and smoothing")
    void matchesLibrary(SoftmaxCrossEntropy ops) {
        Generator gen = new Generator(67);
        Tensor logits = Tensor.randn(gen, 4, 7, 11).mul(3).requiresGrad(true);
        Tensor ref = logits.detach().copy().requiresGrad(true);
        int[] targets = new int[28];
        for (int i = 0; i < 28; i++) {
            targets[i] = i % 5 == 3 ? 99 : (i * 7) % 11;
        }
        Tensor loss = ops.crossEntropy(logits, targets, 99, 0.15);
        Tensor expected = Functional.crossEntropy(ref.reshape(28, 11), targets, new Functional.CrossEntropyOptions(99, 0.15));
        check("loss vs Functional.crossEntropy", loss.reshape(1)).isCloseTo(expected.reshape(1), 1e-12, 1e-10);
        loss.backward();
        expected.backward();
        check("logits.grad vs Functional.crossEntropy", logits.grad()).isCloseTo(ref.grad(), 1e-12, 1e-10);
        Tensor x = Tensor.randn(gen, 3, 5, 9).mul(4);
        check("softmax vs Tensor.softmax(-1)", ops.softmax(x)).isCloseTo(x.softmax(-1), 1e-12, 1e-10);
    }

    @Test
    @Task(2)
    @DisplayName("the recorded backward is scaled by the upstream gradient (3 * loss gives 3 * the gradient)")
    void upstreamScaling(SoftmaxCrossEntropy ops) {
        Tensor a = Tensor.randn(new Generator(63), 4, 3).requiresGrad(true);
        ops.crossEntropy(a, new int[] {0, 1, 2, 1}, -100, 0.1).mul(3).backward();
        Tensor expected = ops.crossEntropyBackward(a.detach(), new int[] {0, 1, 2, 1}, -100, 0.1).mul(3);
        check("gradient of 3 * loss", a.grad()).isCloseTo(expected, ATOL, RTOL);
    }

    @Test
    @Task(2)
    @DisplayName("each counted row of the gradient sums to zero (p and y are both distributions)")
    void rowsSumToZero(SoftmaxCrossEntropy ops) {
        Tensor grad = ops.crossEntropyBackward(Tensor.randn(new Generator(64), 5, 7).mul(3), new int[] {6, 0, -100, 3, 3}, -100, 0.3);
        check("row sums of the cross-entropy gradient", grad.sum(1, false)).isCloseTo(Tensor.zeros(5), 1e-12, 0);
    }

    @Test
    @Task(2)
    @DisplayName("label smoothing spreads eps / C over every class, the target included (PyTorch's definition)")
    void smoothingOverAllClasses(SoftmaxCrossEntropy ops) {
        // equal logits: p = 1/C, so the gradient is (1/C - y) / N with y = (1 - eps) onehot + eps / C
        double eps = 0.4;
        int cls = 4;
        Tensor grad = ops.crossEntropyBackward(Tensor.zeros(1, cls), new int[] {1}, -100, eps);
        double off = 1.0 / cls - eps / cls;
        check("gradient of equal logits with label smoothing", grad)
                .withCause(Tensor.matrix(new double[][] {{1.0 / cls - eps / (cls - 1), 1.0 / cls - (1 - eps), 1.0 / cls - eps / (cls - 1), 1.0 / cls - eps / (cls - 1)}}),
                        "eps was spread over the C - 1 other classes: PyTorch spreads eps / C over all C")
                .isCloseTo(Tensor.matrix(new double[][] {{off, 1.0 / cls - (1 - eps) - eps / cls, off, off}}), ATOL, RTOL);
    }

    @Test
    @Task(3)
    @DisplayName("every row ignored: the loss is NaN (as PyTorch) and the gradient is zero")
    void everyRowIgnored(SoftmaxCrossEntropy ops) {
        Tensor logits = Tensor.randn(new Generator(65), 3, 4).requiresGrad(true);
        Tensor loss = ops.crossEntropy(logits, new int[] {-100, -100, -100}, -100, 0.0);
        assertThat(Double.isNaN(loss.item())).as("loss when every row is ignored is NaN").isTrue();
        check("gradient when every row is ignored", ops.crossEntropyBackward(logits.detach(), new int[] {-100, -100, -100}, -100, 0.0))
                .isCloseTo(Tensor.zeros(3, 4), 0, 0);
    }

    @Test
    @Task(3)
    @DisplayName("logits of +-1000 give a finite loss and gradient; a fully masked softmax line gives zeros")
    void stability(SoftmaxCrossEntropy ops) {
        Tensor logits = Tensor.matrix(new double[][] {{1000, -1000, 999}, {-1000, -1001, -999}});
        Tensor loss = ops.crossEntropy(logits, new int[] {1, 0}, -100, 0.1);
        assertThat(Double.isFinite(loss.item())).as("loss of logits +-1000 is finite").isTrue();
        Tensor grad = ops.crossEntropyBackward(logits, new int[] {1, 0}, -100, 0.1);
        check("gradient rows of logits +-1000 sum to zero", grad.sum(1, false)).isCloseTo(Tensor.zeros(2), 1e-12, 0);
        Tensor x = Tensor.matrix(new double[][] {{Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY}, {0, Double.NEGATIVE_INFINITY}})
                .requiresGrad(true);
        Tensor p = ops.softmax(x);
        check("softmax of a fully masked line and of a line with one allowed entry", p)
                .isCloseTo(Tensor.matrix(new double[][] {{0, 0}, {1, 0}}), 0, 0);
    }

    @Test
    @Task(4)
    @DisplayName("invalid input is rejected: a target out of range, a wrong number of targets, smoothing above 1, null")
    void validation(SoftmaxCrossEntropy ops) {
        assertThatThrownBy(() -> ops.crossEntropyBackward(Tensor.zeros(2, 3), new int[] {0, -2}, -100, 0.0))
                .as("target -2 in row 1").isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1");
        assertThatThrownBy(() -> ops.crossEntropy(Tensor.zeros(2, 3, 4), new int[] {0, 1, 2}, -100, 0.0))
                .as("6 rows but 3 targets").isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3");
        assertThatThrownBy(() -> ops.crossEntropy(Tensor.zeros(2, 3), new int[] {0, 1}, -100, 1.5))
                .as("label smoothing 1.5").isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ops.softmax(null)).as("softmax(null)").isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @Task(4)
    @DisplayName("the inputs are left unchanged")
    void inputsUnchanged(SoftmaxCrossEntropy ops) {
        Tensor logits = Tensor.randn(new Generator(66), 3, 4);
        Tensor copy = logits.copy();
        int[] targets = {1, 2, 3};
        ops.crossEntropy(logits, targets, -100, 0.1);
        ops.crossEntropyBackward(logits, targets, -100, 0.1);
        ops.softmax(logits);
        check("logits after your calls (must be unchanged)", logits).isCloseTo(copy, 0, 0);
        assertThat(targets).as("targets after your calls (must be unchanged)").containsExactly(1, 2, 3);
    }
}
