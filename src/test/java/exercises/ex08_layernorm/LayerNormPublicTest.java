package exercises.ex08_layernorm;

import static exercises.ex06_softmax_xent_backward.TensorFixture.assertGradCheckPassed;
import static exercises.ex06_softmax_xent_backward.TensorFixture.check;
import static org.assertj.core.api.Assertions.assertThat;

import dojo.exercise.api.LayerNormByHand;
import dojo.exercise.api.LayerNormGradients;
import dojo.grading.junit.ExerciseSuite;
import dojo.grading.junit.Task;
import dojo.tensor.Generator;
import dojo.tensor.GradCheck;
import dojo.tensor.Tensor;
import exercises.ex06_softmax_xent_backward.TensorFixture;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Public suite of ex08 (shipped to learners): the worked example of exercises/ex08_layernorm/README.md, a
 * PyTorch float64 golden case and a gradient check.
 */
@ExerciseSuite("ex08_layernorm")
@DisplayName("ex08 layer norm (public)")
class LayerNormPublicTest {
    static final double ATOL = 1e-10;
    static final double RTOL = 1e-8;
    static final double EPS = 1e-5;

    static double[] xhat(double var) {
        double r = 1 / Math.sqrt(var + EPS);
        return new double[] {-1.5 * r, -0.5 * r, 0.5 * r, 1.5 * r};
    }

    @Test
    @Task(1)
    @DisplayName("worked example: layer norm of [1, 2, 3, 4] uses the biased variance 1.25 (not 1.667)")
    void workedExampleForward(LayerNormByHand ln) {
        Tensor y = ln.forward(Tensor.vector(1, 2, 3, 4), Tensor.ones(4), Tensor.zeros(4), EPS);
        double r = 1 / Math.sqrt(1.25);
        check("layer norm of [1, 2, 3, 4]", y).showingValues()
                .withCause(Tensor.vector(xhat(5.0 / 3)), "this is the unbiased variance (divided by E - 1 = 3): PyTorch divides by E")
                .withCause(Tensor.vector(-1.5 * r / (1 + EPS * r), -0.5 * r / (1 + EPS * r), 0.5 * r / (1 + EPS * r), 1.5 * r / (1 + EPS * r)),
                        "eps was added outside the square root: sqrt(var + eps), not sqrt(var) + eps")
                .isCloseTo(Tensor.vector(xhat(1.25)), ATOL, RTOL);
    }

    @Test
    @Task(2)
    @DisplayName("worked example: backward of g = [1, 0, 0, 0] keeps both mean terms, and dx sums to 0")
    void workedExampleBackward(LayerNormByHand ln) {
        LayerNormGradients g = ln.backward(Tensor.vector(1, 2, 3, 4), Tensor.ones(4), EPS, Tensor.vector(1, 0, 0, 0));
        assertThat(g).as("backward(...) returned null").isNotNull();
        double[] xh = xhat(1.25);
        double r = 1 / Math.sqrt(1.25 + EPS);
        double[] dx = new double[4];
        for (int j = 0; j < 4; j++) {
            dx[j] = r * ((j == 0 ? 1 : 0) - 0.25 - xh[j] * xh[0] / 4);
        }
        check("dx of the worked example", g.dx()).showingValues()
                .withCause(Tensor.vector(r, 0, 0, 0), "dx = r * g * gamma: the terms from the mean and the variance are missing")
                .isCloseTo(Tensor.vector(dx), ATOL, RTOL);
        check("dgamma of the worked example (= g * xh)", g.dgamma()).showingValues().isCloseTo(Tensor.vector(xh[0], 0, 0, 0), ATOL, RTOL);
        check("dbeta of the worked example (= g)", g.dbeta()).showingValues().isCloseTo(Tensor.vector(1, 0, 0, 0), ATOL, RTOL);
    }

    @Test
    @Task(2)
    @DisplayName("matches PyTorch float64 F.layer_norm on [2, 3, 8]: output and gradients of x, weight and bias")
    void matchesPyTorch(LayerNormByHand ln) {
        TensorFixture g = TensorFixture.load("ex08_layernorm", "layernorm.safetensors");
        String c = "basic";
        Tensor x = g.get(c, "x").requiresGrad(true);
        Tensor w = g.get(c, "weight").requiresGrad(true);
        Tensor b = g.get(c, "bias").requiresGrad(true);
        Tensor y = ln.forward(x, w, b, g.number(c, "eps"));
        check("output vs PyTorch", y).showingValues().isCloseTo(g.get(c, "out"), ATOL, RTOL);
        y.mul(g.get(c, "upstream")).sum().backward();
        check("x.grad vs PyTorch", x.grad()).showingValues().isCloseTo(g.get(c, "grad.x"), ATOL, RTOL);
        check("weight (gamma) .grad vs PyTorch", w.grad()).showingValues().isCloseTo(g.get(c, "grad.weight"), ATOL, RTOL);
        check("bias (beta) .grad vs PyTorch", b.grad()).showingValues().isCloseTo(g.get(c, "grad.bias"), ATOL, RTOL);
    }

    @Test
    @Task(3)
    @DisplayName("your backward passes GradCheck for x, gamma and beta on [2, 3, 5]")
    void gradCheck(LayerNormByHand ln) {
        Generator gen = new Generator(8);
        Tensor x = Tensor.randn(gen, 2, 3, 5).requiresGrad(true);
        Tensor w = Tensor.randn(gen, 5).requiresGrad(true);
        Tensor b = Tensor.randn(gen, 5).requiresGrad(true);
        assertGradCheckPassed("layer norm", GradCheck.check(t -> ln.forward(t[0], t[1], t[2], 1e-5), x, w, b));
    }
}
