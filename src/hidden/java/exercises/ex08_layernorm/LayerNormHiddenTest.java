package exercises.ex08_layernorm;

import static exercises.ex06_softmax_xent_backward.TensorFixture.assertGradCheckPassed;
import static exercises.ex06_softmax_xent_backward.TensorFixture.check;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dojo.exercise.api.LayerNormByHand;
import dojo.exercise.api.LayerNormGradients;
import dojo.grading.junit.ExerciseSuite;
import dojo.grading.junit.Hidden;
import dojo.grading.junit.Task;
import dojo.tensor.Generator;
import dojo.tensor.GradCheck;
import dojo.tensor.Tensor;
import dojo.tensor.Functional;
import exercises.ex06_softmax_xent_backward.TensorFixture;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hidden suite of ex08: every PyTorch float64 golden case (eps 1e-5 to 0.1, small variance, offset 100,
 * width 2), backward by hand and through autograd, gradient checks and invariances. Messages name the
 * property, the position and the order of magnitude of the error only.
 */
@ExerciseSuite("ex08_layernorm")
@Hidden
@DisplayName("ex08 layer norm (hidden)")
class LayerNormHiddenTest {
    static final double ATOL = 1e-10;
    static final double RTOL = 1e-8;
    static final TensorFixture G = TensorFixture.load("ex08_layernorm", "layernorm.safetensors");

    static List<String> cases() {
        return G.cases();
    }

    @ParameterizedTest(name = "matches PyTorch float64 on golden case {0}: output, backward(...) and autograd")
    @MethodSource("cases")
    @Task(1)
    void golden(String c, LayerNormByHand ln) {
        double eps = G.number(c, "eps");
        Tensor x = G.get(c, "x").requiresGrad(true);
        Tensor w = G.get(c, "weight").requiresGrad(true);
        Tensor b = G.get(c, "bias").requiresGrad(true);
        Tensor y = ln.forward(x, w, b, eps);
        check("output vs PyTorch, case " + c, y).isCloseTo(G.get(c, "out"), ATOL, RTOL);
        LayerNormGradients g = ln.backward(G.get(c, "x"), G.get(c, "weight"), eps, G.get(c, "upstream"));
        assertThat(g).as("backward(...) returned null").isNotNull();
        check("dx from backward(...) vs PyTorch, case " + c, g.dx()).isCloseTo(G.get(c, "grad.x"), ATOL, RTOL);
        check("dgamma from backward(...) vs PyTorch, case " + c, g.dgamma()).isCloseTo(G.get(c, "grad.weight"), ATOL, RTOL);
        check("dbeta from backward(...) vs PyTorch, case " + c, g.dbeta()).isCloseTo(G.get(c, "grad.bias"), ATOL, RTOL);
        y.mul(G.get(c, "upstream")).sum().backward();
        check("x.grad through your recorded backward, case " + c, x.grad()).isCloseTo(G.get(c, "grad.x"), ATOL, RTOL);
        check("gamma.grad through your recorded backward, case " + c, w.grad()).isCloseTo(G.get(c, "grad.weight"), ATOL, RTOL);
        check("beta.grad through your recorded backward, case " + c, b.grad()).isCloseTo(G.get(c, "grad.bias"), ATOL, RTOL);
    }

    @Test
    @Task(2)
    @DisplayName("GradCheck passes with eps = 0.1 on small-variance input (eps matters in the backward)")
    void gradCheckLargeEps(LayerNormByHand ln) {
        Generator gen = new Generator(81);
        Tensor x = Tensor.randn(gen, 3, 6).mul(0.2).requiresGrad(true);
        Tensor w = Tensor.randn(gen, 6).requiresGrad(true);
        Tensor b = Tensor.randn(gen, 6).requiresGrad(true);
        assertGradCheckPassed("layer norm, eps = 0.1", GradCheck.check(t -> ln.forward(t[0], t[1], t[2], 0.1), x, w, b));
    }

    @Test
    @Task(2)
    @DisplayName("equals the library's Functional.layerNorm (autograd) on [3, 11, 24] with eps 1e-4")
    void matchesLibrary(LayerNormByHand ln) {
        Generator gen = new Generator(87);
        Tensor[] in = {Tensor.randn(gen, 3, 11, 24).mul(2).add(0.5), Tensor.randn(gen, 24), Tensor.randn(gen, 24)};
        Tensor[] mine = new Tensor[3];
        Tensor[] ref = new Tensor[3];
        for (int i = 0; i < 3; i++) {
            mine[i] = in[i].copy().requiresGrad(true);
            ref[i] = in[i].copy().requiresGrad(true);
        }
        Tensor up = Tensor.randn(gen, 3, 11, 24);
        Tensor out = ln.forward(mine[0], mine[1], mine[2], 1e-4);
        Tensor expected = Functional.layerNorm(ref[0], 1, ref[1], ref[2], 1e-4);
        check("output vs Functional.layerNorm", out).isCloseTo(expected, 1e-12, 1e-10);
        out.mul(up).sum().backward();
        expected.mul(up).sum().backward();
        String[] names = {"x", "gamma", "beta"};
        for (int i = 0; i < 3; i++) {
            check(names[i] + ".grad vs Functional.layerNorm", mine[i].grad()).isCloseTo(ref[i].grad(), 1e-11, 1e-10);
        }
    }

    @Test
    @Task(2)
    @DisplayName("every row of dx sums to zero (adding a constant to x changes nothing)")
    void dxRowsSumToZero(LayerNormByHand ln) {
        Generator gen = new Generator(82);
        LayerNormGradients g = ln.backward(Tensor.randn(gen, 2, 4, 7).mul(3), Tensor.randn(gen, 7), 1e-5, Tensor.randn(gen, 2, 4, 7));
        check("row sums of dx", g.dx().sum(-1, false)).isCloseTo(Tensor.zeros(2, 4), 1e-12, 0);
    }

    @Test
    @Task(2)
    @DisplayName("dgamma and dbeta are sums over every position of the batch, not means")
    void parameterGradientsAreSums(LayerNormByHand ln) {
        Generator gen = new Generator(83);
        Tensor x = Tensor.randn(gen, 3, 5, 4);
        Tensor up = Tensor.randn(gen, 3, 5, 4);
        Tensor w = Tensor.randn(gen, 4);
        LayerNormGradients all = ln.backward(x, w, 1e-5, up);
        check("dbeta over a [3, 5] batch", all.dbeta()).withCause(up.sum(new int[] {0, 1}, false).div(15), "dbeta is a mean, not a sum")
                .isCloseTo(up.sum(new int[] {0, 1}, false), 1e-12, 1e-10);
        Tensor sum = Tensor.zeros(4);
        for (int b = 0; b < 3; b++) {
            sum = sum.add(ln.backward(x.select(0, b), w, 1e-5, up.select(0, b)).dgamma());
        }
        check("dgamma of the batch vs the sum of the per-sequence dgammas", all.dgamma()).isCloseTo(sum, 1e-12, 1e-10);
    }

    @Test
    @Task(3)
    @DisplayName("the output ignores a constant added to a row and has mean beta per row when gamma is 1")
    void invariances(LayerNormByHand ln) {
        Generator gen = new Generator(84);
        Tensor x = Tensor.randn(gen, 4, 6);
        Tensor b = Tensor.randn(gen, 6);
        Tensor y = ln.forward(x, Tensor.ones(6), b, 1e-5);
        check("output after adding 7.5 to every element", ln.forward(x.add(7.5), Tensor.ones(6), b, 1e-5)).isCloseTo(y, 1e-9, 1e-9);
        check("row means of the output minus beta (gamma = 1)", y.sub(b).mean(-1, false)).isCloseTo(Tensor.zeros(4), 1e-12, 0);
    }

    @Test
    @Task(3)
    @DisplayName("a constant row (variance 0) gives beta and a finite gradient, thanks to eps")
    void constantRow(LayerNormByHand ln) {
        Tensor x = Tensor.full(3.0, 2, 5);
        Tensor b = Tensor.vector(1, 2, 3, 4, 5);
        check("output of a constant row", ln.forward(x, Tensor.ones(5), b, 1e-5)).isCloseTo(b.unsqueeze(0).expand(2, 5).contiguous(), 1e-12, 0);
        LayerNormGradients g = ln.backward(x, Tensor.ones(5), 1e-5, Tensor.randn(new Generator(85), 2, 5));
        check("dx of a constant row is finite and sums to 0 per row", g.dx().sum(-1, false)).isCloseTo(Tensor.zeros(2), 1e-8, 0);
    }

    @Test
    @Task(4)
    @DisplayName("gamma or beta of the wrong length, eps <= 0 and null are rejected with IllegalArgumentException")
    void validation(LayerNormByHand ln) {
        assertThatThrownBy(() -> ln.forward(Tensor.zeros(2, 4), Tensor.ones(5), Tensor.zeros(4), 1e-5))
                .as("gamma [5] for E = 4").isInstanceOf(IllegalArgumentException.class).hasMessageContaining("5");
        assertThatThrownBy(() -> ln.forward(Tensor.zeros(2, 4), Tensor.ones(4), Tensor.zeros(3), 1e-5))
                .as("beta [3] for E = 4").isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3");
        assertThatThrownBy(() -> ln.forward(Tensor.zeros(2, 4), Tensor.ones(4), Tensor.zeros(4), 0))
                .as("eps = 0").isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ln.backward(null, Tensor.ones(4), 1e-5, Tensor.zeros(2, 4)))
                .as("x = null").isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @Task(4)
    @DisplayName("the inputs are left unchanged")
    void inputsUnchanged(LayerNormByHand ln) {
        Generator gen = new Generator(86);
        Tensor x = Tensor.randn(gen, 2, 3);
        Tensor w = Tensor.randn(gen, 3);
        Tensor b = Tensor.randn(gen, 3);
        Tensor up = Tensor.randn(gen, 2, 3);
        Tensor[] copies = {x.copy(), w.copy(), b.copy(), up.copy()};
        ln.forward(x, w, b, 1e-5);
        ln.backward(x, w, 1e-5, up);
        Tensor[] after = {x, w, b, up};
        String[] names = {"x", "gamma", "beta", "gradOutput"};
        for (int i = 0; i < 4; i++) {
            check(names[i] + " after your calls (must be unchanged)", after[i]).isCloseTo(copies[i], 0, 0);
        }
    }
}
