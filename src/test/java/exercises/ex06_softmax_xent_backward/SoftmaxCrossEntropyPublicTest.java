package exercises.ex06_softmax_xent_backward;

import static exercises.ex06_softmax_xent_backward.TensorFixture.assertGradCheckPassed;
import static exercises.ex06_softmax_xent_backward.TensorFixture.check;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dojo.exercise.api.SoftmaxCrossEntropy;
import dojo.grading.junit.ExerciseSuite;
import dojo.grading.junit.Task;
import dojo.tensor.Generator;
import dojo.tensor.GradCheck;
import dojo.tensor.Tensor;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Public suite of ex06 (shipped to learners): the worked example of exercises/ex06_softmax_xent_backward/README.md,
 * a PyTorch float64 golden case and a gradient check. Run: ./dojo grade ex06_softmax_xent_backward, or mvn test.
 */
@ExerciseSuite("ex06_softmax_xent_backward")
@DisplayName("ex06 softmax + cross-entropy backward (public)")
class SoftmaxCrossEntropyPublicTest {
    static final double ATOL = 1e-10;
    static final double RTOL = 1e-8;

    /** The README's numbers: softmax([1, 2, 3]). */
    static double[] softmax123() {
        double z = Math.exp(1) + Math.exp(2) + Math.exp(3);
        return new double[] {Math.exp(1) / z, Math.exp(2) / z, Math.exp(3) / z};
    }

    @Test
    @Task(1)
    @DisplayName("worked example: softmax([1, 2, 3]) = [0.0900, 0.2447, 0.6652]")
    void workedExampleSoftmax(SoftmaxCrossEntropy ops) {
        check("softmax([1, 2, 3])", ops.softmax(Tensor.vector(1, 2, 3))).showingValues()
                .isCloseTo(Tensor.vector(softmax123()), ATOL, RTOL);
    }

    @Test
    @Task(1)
    @DisplayName("worked example: softmax backward of g = [1, 0, 0] is p0 * (g - p0) = [0.0819, -0.0220, -0.0599]")
    void workedExampleSoftmaxBackward(SoftmaxCrossEntropy ops) {
        double[] p = softmax123();
        Tensor dx = ops.softmaxBackward(Tensor.vector(p), Tensor.vector(1, 0, 0));
        check("softmax backward of g = [1, 0, 0] at p = softmax([1, 2, 3])", dx).showingValues()
                .withCause(Tensor.vector(p[0], 0, 0), "this is p * g: the row-sum term - p * sum_j(g_j p_j) is missing")
                .isCloseTo(Tensor.vector(p[0] * (1 - p[0]), -p[0] * p[1], -p[0] * p[2]), ATOL, RTOL);
    }

    @Test
    @Task(2)
    @DisplayName("worked example: two rows, targets [2, 0]: the gradient is (p - onehot) / 2")
    void workedExampleCrossEntropy(SoftmaxCrossEntropy ops) {
        double[] p = softmax123();
        Tensor logits = Tensor.matrix(new double[][] {{1, 2, 3}, {1, 2, 3}});
        Tensor loss = ops.crossEntropy(logits, new int[] {2, 0}, -100, 0.0);
        check("cross-entropy loss of the worked example", loss).showingValues()
                .isCloseTo(Tensor.scalar((-Math.log(p[2]) - Math.log(p[0])) / 2), ATOL, RTOL);
        Tensor grad = ops.crossEntropyBackward(logits, new int[] {2, 0}, -100, 0.0);
        Tensor notMeaned = Tensor.matrix(new double[][] {{p[0], p[1], p[2] - 1}, {p[0] - 1, p[1], p[2]}});
        check("d loss / d logits of the worked example", grad).showingValues()
                .withCause(notMeaned, "this is p - y without dividing by the number of rows (the loss is a mean over 2 rows)")
                .isCloseTo(notMeaned.div(2), ATOL, RTOL);
    }

    @Test
    @Task(2)
    @DisplayName("matches PyTorch float64 on F.cross_entropy (loss and gradient)")
    void matchesPyTorch(SoftmaxCrossEntropy ops) {
        TensorFixture g = TensorFixture.load("ex06_softmax_xent_backward", "xent.safetensors");
        String c = "xent_plain";
        Tensor logits = g.get(c, "logits").requiresGrad(true);
        Tensor loss = ops.crossEntropy(logits, g.ints(c, "targets"), -100, 0.0);
        check("loss vs PyTorch (case " + c + ")", loss.reshape(1)).showingValues().isCloseTo(g.get(c, "loss"), ATOL, RTOL);
        loss.backward();
        check("logits.grad after loss.backward() vs PyTorch (case " + c + ")", logits.grad()).showingValues()
                .isCloseTo(g.get(c, "grad.logits"), ATOL, RTOL);
    }

    @Test
    @Task(3)
    @DisplayName("your softmax backward passes GradCheck (central differences) on a [2, 3, 5] tensor")
    void softmaxGradCheck(SoftmaxCrossEntropy ops) {
        Tensor x = Tensor.randn(new Generator(6), 2, 3, 5).mul(2).requiresGrad(true);
        assertGradCheckPassed("softmax", GradCheck.check(t -> ops.softmax(t[0]), x));
    }

    @Test
    @Task(3)
    @DisplayName("an ignored row gets zero gradient and does not count in the mean")
    void ignoredRow(SoftmaxCrossEntropy ops) {
        Tensor logits = Tensor.matrix(new double[][] {{1, 2, 3}, {3, 1, 2}});
        Tensor both = ops.crossEntropyBackward(logits, new int[] {2, -100}, -100, 0.0);
        Tensor alone = ops.crossEntropyBackward(logits.slice(0, 0, 1), new int[] {2}, -100, 0.0);
        check("gradient of the ignored row 1", both.select(0, 1)).showingValues().isCloseTo(Tensor.zeros(3), 0, 0);
        check("gradient of row 0 when row 1 is ignored (must equal row 0 alone)", both.select(0, 0)).showingValues()
                .isCloseTo(alone.select(0, 0), ATOL, RTOL);
    }

    @Test
    @Task(4)
    @DisplayName("a target outside [0, C) is rejected with a message naming the row")
    void badTarget(SoftmaxCrossEntropy ops) {
        assertThatThrownBy(() -> ops.crossEntropy(Tensor.zeros(3, 4), new int[] {0, 4, 1}, -100, 0.0))
                .as("targets [0, 4, 1] with C = 4").isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1").hasMessageContaining("4");
    }
}
