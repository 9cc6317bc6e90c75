package exercises.ex07_attention_backward;

import static exercises.ex06_softmax_xent_backward.TensorFixture.assertGradCheckPassed;
import static exercises.ex06_softmax_xent_backward.TensorFixture.check;
import static org.assertj.core.api.Assertions.assertThat;

import dojo.exercise.api.AttentionBackward;
import dojo.exercise.api.AttentionGradients;
import dojo.grading.junit.ExerciseSuite;
import dojo.grading.junit.Task;
import dojo.tensor.Generator;
import dojo.tensor.GradCheck;
import dojo.tensor.Tensor;
import exercises.ex06_softmax_xent_backward.TensorFixture;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Public suite of ex07 (shipped to learners): the worked example of exercises/ex07_attention_backward/README.md,
 * a PyTorch float64 golden case and a gradient check with a causal mask.
 */
@ExerciseSuite("ex07_attention_backward")
@DisplayName("ex07 attention backward (public)")
class AttentionBackwardPublicTest {
    static final double ATOL = 1e-10;
    static final double RTOL = 1e-8;

    // The README's worked example: one query, two keys, d_k = 4 (sqrt = 2), d_v = 1, dO = [[1]].
    static Tensor q() {
        return Tensor.of(new double[] {1, 1, 1, 1}, 1, 1, 4);
    }

    static Tensor k() {
        return Tensor.of(new double[] {1, 1, 1, 1, 0, 0, 0, 0}, 1, 2, 4);
    }

    static Tensor v() {
        return Tensor.of(new double[] {1, 0}, 1, 2, 1);
    }

    static final double P0 = 1 / (1 + Math.exp(-2)); // softmax([2, 0])[0] = 0.8808

    @Test
    @Task(1)
    @DisplayName("worked example: the output is P V = 0.8808 (scores [4, 0] / sqrt(4) = [2, 0])")
    void workedExampleForward(AttentionBackward attention) {
        check("output of the worked example", attention.forward(q(), k(), v(), null)).showingValues()
                .withCause(Tensor.of(new double[] {1 / (1 + Math.exp(-4))}, 1, 1, 1), "no 1/sqrt(d_k) scaling")
                .withCause(Tensor.of(new double[] {1 / (1 + Math.exp(-1))}, 1, 1, 1), "scores divided by d_k = 4, not sqrt(d_k) = 2")
                .isCloseTo(Tensor.of(new double[] {P0}, 1, 1, 1), ATOL, RTOL);
    }

    @Test
    @Task(2)
    @DisplayName("worked example: dV = P^T dO = [0.8808, 0.1192], dQ = 0.0525 each, dK = [+0.0525, -0.0525] rows")
    void workedExampleBackward(AttentionBackward attention) {
        AttentionGradients g = attention.backward(q(), k(), v(), null, Tensor.of(new double[] {1}, 1, 1, 1));
        assertThat(g).as("backward(...) returned null").isNotNull();
        double ds = P0 * (1 - P0); // dS = P * (dP - rowsum(dP * P)) with dP = [1, 0]
        check("dV of the worked example", g.dv()).showingValues().isCloseTo(Tensor.of(new double[] {P0, 1 - P0}, 1, 2, 1), ATOL, RTOL);
        check("dQ of the worked example", g.dq()).showingValues()
                .withCause(Tensor.of(new double[] {ds, ds, ds, ds}, 1, 1, 4), "dQ without the 1/sqrt(d_k) = 1/2 of the scores")
                .withCause(Tensor.of(new double[] {P0 / 2, P0 / 2, P0 / 2, P0 / 2}, 1, 1, 4),
                        "dS = P * dP: the softmax Jacobian's row-sum term is missing")
                .isCloseTo(Tensor.of(new double[] {ds / 2, ds / 2, ds / 2, ds / 2}, 1, 1, 4), ATOL, RTOL);
        double h = ds / 2;
        check("dK of the worked example", g.dk()).showingValues()
                .isCloseTo(Tensor.of(new double[] {h, h, h, h, -h, -h, -h, -h}, 1, 2, 4), ATOL, RTOL);
    }

    @Test
    @Task(2)
    @DisplayName("matches PyTorch float64 (output and dQ, dK, dV through loss.backward()) on B = 2, Lq = 3, Lk = 4")
    void matchesPyTorch(AttentionBackward attention) {
        TensorFixture g = TensorFixture.load("ex07_attention_backward", "attention_backward.safetensors");
        String c = "plain";
        Tensor q = g.get(c, "q").requiresGrad(true);
        Tensor k = g.get(c, "k").requiresGrad(true);
        Tensor v = g.get(c, "v").requiresGrad(true);
        Tensor out = attention.forward(q, k, v, null);
        check("output vs PyTorch", out).showingValues().isCloseTo(g.get(c, "out"), ATOL, RTOL);
        out.mul(g.get(c, "upstream")).sum().backward();
        check("q.grad vs PyTorch", q.grad()).showingValues().isCloseTo(g.get(c, "grad.q"), ATOL, RTOL);
        check("k.grad vs PyTorch", k.grad()).showingValues().isCloseTo(g.get(c, "grad.k"), ATOL, RTOL);
        check("v.grad vs PyTorch", v.grad()).showingValues().isCloseTo(g.get(c, "grad.v"), ATOL, RTOL);
    }

    @Test
    @Task(3)
    @DisplayName("with a causal mask your backward passes GradCheck for q, k and v")
    void causalGradCheck(AttentionBackward attention) {
        Generator gen = new Generator(7);
        Tensor mask = Tensor.causalMask(4, 4);
        Tensor q = Tensor.randn(gen, 2, 4, 3).requiresGrad(true);
        Tensor k = Tensor.randn(gen, 2, 4, 3).requiresGrad(true);
        Tensor v = Tensor.randn(gen, 2, 4, 2).requiresGrad(true);
        assertGradCheckPassed("attention with a causal mask", GradCheck.check(t -> attention.forward(t[0], t[1], t[2], mask), q, k, v));
    }

    @Test
    @Task(3)
    @DisplayName("a query whose keys are all masked gets a zero output row and zero gradients")
    void fullyMaskedRow(AttentionBackward attention) {
        Tensor mask = Tensor.mask(new boolean[][] {{false, true}, {true, true}});
        Tensor q = Tensor.randn(new Generator(8), 1, 2, 4);
        AttentionGradients g = attention.backward(q, k(), v(), mask, Tensor.ones(1, 2, 1));
        check("output row 1 (every key masked)", attention.forward(q, k(), v(), mask).select(1, 1)).showingValues()
                .isCloseTo(Tensor.zeros(1, 1), 0, 0);
        check("dQ row 1 (every key masked)", g.dq().select(1, 1)).showingValues().isCloseTo(Tensor.zeros(1, 4), 0, 0);
    }
}
