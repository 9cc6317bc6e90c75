package exercises.ex09_ffn_positions;

import static exercises.ex06_softmax_xent_backward.TensorFixture.assertGradCheckPassed;
import static exercises.ex06_softmax_xent_backward.TensorFixture.check;

import dojo.exercise.api.FeedForwardPositions;
import dojo.grading.junit.ExerciseSuite;
import dojo.grading.junit.Task;
import dojo.tensor.Generator;
import dojo.tensor.GradCheck;
import dojo.tensor.Tensor;
import exercises.ex06_softmax_xent_backward.TensorFixture;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Public suite of ex09 (shipped to learners): the worked examples of exercises/ex09_ffn_positions/README.md,
 * a PyTorch float64 golden feed-forward block and a gradient check of GELU.
 */
@ExerciseSuite("ex09_ffn_positions")
@DisplayName("ex09 feed-forward + positions (public)")
class FfnPositionsPublicTest {
    static final double ATOL = 1e-10;
    static final double RTOL = 1e-8;
    static final double PHI1 = 0.8413447460685429; // Phi(1)
    static final double PDF1 = 0.24197072451914337; // phi(1)

    @Test
    @Task(1)
    @DisplayName("worked example: gelu([-1, 0, 1]) = [-0.1587, 0, 0.8413] (exact, with erf)")
    void workedExampleGelu(FeedForwardPositions ffn) {
        double tanh1 = 0.5 * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (1 + 0.044715)));
        check("gelu([-1, 0, 1])", ffn.gelu(Tensor.vector(-1, 0, 1))).showingValues()
                .withCause(Tensor.vector(-(1 - tanh1), 0, tanh1), "this is the tanh approximation; PyTorch's default F.gelu uses erf")
                .isCloseTo(Tensor.vector(-(1 - PHI1), 0, PHI1), ATOL, RTOL);
    }

    @Test
    @Task(1)
    @DisplayName("worked example: gelu'(1) = Phi(1) + 1 * phi(1) = 1.0833")
    void workedExampleGeluDerivative(FeedForwardPositions ffn) {
        Tensor x = Tensor.vector(1).requiresGrad(true);
        ffn.gelu(x).sum().backward();
        check("d gelu / dx at x = 1", x.grad()).showingValues()
                .withCause(Tensor.vector(PHI1), "this is Phi(x) alone: the product rule also gives x phi(x)")
                .isCloseTo(Tensor.vector(PHI1 + PDF1), ATOL, RTOL);
    }

    @Test
    @Task(2)
    @DisplayName("worked example: sinusoidal(2, 4) = [[0, 1, 0, 1], [sin 1, cos 1, sin 0.01, cos 0.01]]")
    void workedExampleSinusoidal(FeedForwardPositions ffn) {
        check("sinusoidal(2, 4)", ffn.sinusoidal(2, 4)).showingValues()
                .withCause(Tensor.matrix(new double[][] {{1, 0, 1, 0}, {Math.cos(1), Math.sin(1), Math.cos(0.01), Math.sin(0.01)}}),
                        "sin and cos are swapped: sin goes to the even dimensions 2i")
                .isCloseTo(Tensor.matrix(new double[][] {{0, 1, 0, 1}, {Math.sin(1), Math.cos(1), Math.sin(0.01), Math.cos(0.01)}}), ATOL, RTOL);
    }

    @Test
    @Task(3)
    @DisplayName("worked example: RoPE turns [1, 0, 0, 0] at position 1 into [cos 1, 0, sin 1, 0] (pairs i, i + d/2)")
    void workedExampleRope(FeedForwardPositions ffn) {
        Tensor x = Tensor.of(new double[] {1, 0, 0, 0, 1, 0, 0, 0}, 1, 2, 4);
        check("rotary of [1, 0, 0, 0] at positions 0 and 1", ffn.rotary(x)).showingValues()
                .withCause(Tensor.of(new double[] {1, 0, 0, 0, Math.cos(1), Math.sin(1), 0, 0}, 1, 2, 4),
                        "interleaved pairs (2i, 2i + 1): this exercise uses the half-split pairing (i, i + d/2)")
                .isCloseTo(Tensor.of(new double[] {1, 0, 0, 0, Math.cos(1), 0, Math.sin(1), 0}, 1, 2, 4), ATOL, RTOL);
    }

    @Test
    @Task(4)
    @DisplayName("the feed-forward block matches PyTorch float64: output and gradients of x and every weight")
    void matchesPyTorch(FeedForwardPositions ffn) {
        TensorFixture g = TensorFixture.load("ex09_ffn_positions", "ffn_positions.safetensors");
        String c = "ffn";
        Tensor x = g.get(c, "x").requiresGrad(true);
        Map<String, Tensor> w = new LinkedHashMap<>();
        for (String k : new String[] {"linear1.weight", "linear1.bias", "linear2.weight", "linear2.bias"}) {
            w.put(k, g.get(c, k).requiresGrad(true));
        }
        Tensor out = ffn.feedForward(x, w);
        check("feed-forward output vs PyTorch", out).showingValues().isCloseTo(g.get(c, "out"), ATOL, RTOL);
        out.mul(g.get(c, "upstream")).sum().backward();
        check("x.grad vs PyTorch", x.grad()).showingValues().isCloseTo(g.get(c, "grad.x"), ATOL, RTOL);
        for (Map.Entry<String, Tensor> e : w.entrySet()) {
            check(e.getKey() + ".grad vs PyTorch", e.getValue().grad()).showingValues().isCloseTo(g.get(c, "grad." + e.getKey()), ATOL, RTOL);
        }
    }

    @Test
    @Task(1)
    @DisplayName("your GELU backward passes GradCheck on [3, 4]")
    void geluGradCheck(FeedForwardPositions ffn) {
        Tensor x = Tensor.randn(new Generator(9), 3, 4).mul(2).requiresGrad(true);
        assertGradCheckPassed("gelu", GradCheck.check(t -> ffn.gelu(t[0]), x));
    }
}
