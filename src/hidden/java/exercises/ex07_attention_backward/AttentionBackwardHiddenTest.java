package exercises.ex07_attention_backward;

import static exercises.ex06_softmax_xent_backward.TensorFixture.assertGradCheckPassed;
import static exercises.ex06_softmax_xent_backward.TensorFixture.check;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dojo.exercise.api.AttentionBackward;
import dojo.exercise.api.AttentionGradients;
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
 * Hidden suite of ex07: every PyTorch float64 golden case (causal, padding, fully masked rows, large scores),
 * backward by hand and through autograd, gradient checks with masks, and the causal and padding properties.
 * Messages name the property, the position and the order of magnitude of the error only.
 */
@ExerciseSuite("ex07_attention_backward")
@Hidden
@DisplayName("ex07 attention backward (hidden)")
class AttentionBackwardHiddenTest {
    static final double ATOL = 1e-10;
    static final double RTOL = 1e-8;
    static final TensorFixture G = TensorFixture.load("ex07_attention_backward", "attention_backward.safetensors");

    static List<String> cases() {
        return G.cases();
    }

    private static Tensor mask(String c) {
        return G.has(c, "mask") ? G.get(c, "mask") : null;
    }

    @ParameterizedTest(name = "matches PyTorch float64 on golden case {0}: output, backward(...) and autograd")
    @MethodSource("cases")
    @Task(1)
    void golden(String c, AttentionBackward attention) {
        Tensor q = G.get(c, "q").requiresGrad(true);
        Tensor k = G.get(c, "k").requiresGrad(true);
        Tensor v = G.get(c, "v").requiresGrad(true);
        Tensor out = attention.forward(q, k, v, mask(c));
        check("output vs PyTorch, case " + c, out).isCloseTo(G.get(c, "out"), ATOL, RTOL);
        AttentionGradients g = attention.backward(G.get(c, "q"), G.get(c, "k"), G.get(c, "v"), mask(c), G.get(c, "upstream"));
        assertThat(g).as("backward(...) returned null").isNotNull();
        check("dQ from backward(...) vs PyTorch, case " + c, g.dq()).isCloseTo(G.get(c, "grad.q"), ATOL, RTOL);
        check("dK from backward(...) vs PyTorch, case " + c, g.dk()).isCloseTo(G.get(c, "grad.k"), ATOL, RTOL);
        check("dV from backward(...) vs PyTorch, case " + c, g.dv()).isCloseTo(G.get(c, "grad.v"), ATOL, RTOL);
        out.mul(G.get(c, "upstream")).sum().backward();
        check("q.grad through your recorded backward, case " + c, q.grad()).isCloseTo(G.get(c, "grad.q"), ATOL, RTOL);
        check("k.grad through your recorded backward, case " + c, k.grad()).isCloseTo(G.get(c, "grad.k"), ATOL, RTOL);
        check("v.grad through your recorded backward, case " + c, v.grad()).isCloseTo(G.get(c, "grad.v"), ATOL, RTOL);
    }

    @Test
    @Task(2)
    @DisplayName("equals the library's Functional.scaledDotProductAttention (autograd) at B = 3, Lq = 7, Lk = 9, d_k = 8, d_v = 5 with a mask")
    void matchesLibrary(AttentionBackward attention) {
        Generator gen = new Generator(76);
        Tensor[] in = {Tensor.randn(gen, 3, 7, 8), Tensor.randn(gen, 3, 9, 8), Tensor.randn(gen, 3, 9, 5)};
        Tensor blocked = Tensor.rand(gen, 3, 7, 9).sub(0.7).relu().eq(0).eq(0); // 1 where rand > 0.7: about 30% of the pairs blocked
        Tensor additive = blocked.mul(-1.0).add(1).log(); // 0 allowed, -inf blocked
        Tensor[] mine = new Tensor[3];
        Tensor[] ref = new Tensor[3];
        for (int i = 0; i < 3; i++) {
            mine[i] = in[i].copy().requiresGrad(true);
            ref[i] = in[i].copy().requiresGrad(true);
        }
        Tensor up = Tensor.randn(gen, 3, 7, 5);
        Tensor out = attention.forward(mine[0], mine[1], mine[2], blocked);
        Tensor expected = Functional.scaledDotProductAttention(ref[0], ref[1], ref[2], additive).output();
        check("output vs Functional.scaledDotProductAttention", out).isCloseTo(expected, 1e-12, 1e-10);
        out.mul(up).sum().backward();
        expected.mul(up).sum().backward();
        String[] names = {"q", "k", "v"};
        for (int i = 0; i < 3; i++) {
            check(names[i] + ".grad vs Functional.scaledDotProductAttention", mine[i].grad()).isCloseTo(ref[i].grad(), 1e-12, 1e-10);
        }
    }

    @Test
    @Task(2)
    @DisplayName("cross attention (Lq = 3, Lk = 5, d_k = 6, d_v = 2) with a per-batch padding mask passes GradCheck")
    void paddingGradCheck(AttentionBackward attention) {
        Generator gen = new Generator(71);
        Tensor mask = Tensor.mask(new boolean[] {false, false, false, true, true, false, false, false, false, true}, 2, 1, 5);
        Tensor q = Tensor.randn(gen, 2, 3, 6).requiresGrad(true);
        Tensor k = Tensor.randn(gen, 2, 5, 6).requiresGrad(true);
        Tensor v = Tensor.randn(gen, 2, 5, 2).requiresGrad(true);
        assertGradCheckPassed("cross attention with padding", GradCheck.check(t -> attention.forward(t[0], t[1], t[2], mask), q, k, v));
    }

    @Test
    @Task(2)
    @DisplayName("unmasked attention with d_k = 16 passes GradCheck (scale 1/sqrt(d_k) in the backward too)")
    void wideGradCheck(AttentionBackward attention) {
        Generator gen = new Generator(72);
        Tensor q = Tensor.randn(gen, 1, 4, 16).requiresGrad(true);
        Tensor k = Tensor.randn(gen, 1, 4, 16).requiresGrad(true);
        Tensor v = Tensor.randn(gen, 1, 4, 3).requiresGrad(true);
        assertGradCheckPassed("attention, d_k = 16", GradCheck.check(t -> attention.forward(t[0], t[1], t[2], null), q, k, v));
    }

    @Test
    @Task(3)
    @DisplayName("under a causal mask a future key or value never changes an earlier output, nor gets its gradient")
    void causalFutureIsInvisible(AttentionBackward attention) {
        Generator gen = new Generator(73);
        Tensor mask = Tensor.causalMask(5, 5);
        Tensor q = Tensor.randn(gen, 1, 5, 4);
        Tensor k = Tensor.randn(gen, 1, 5, 4);
        Tensor v = Tensor.randn(gen, 1, 5, 3);
        Tensor before = attention.forward(q, k, v, mask);
        Tensor k2 = k.copy();
        Tensor v2 = v.copy();
        k2.array()[4 * 4 + 1] += 3.0; // key 4 changes
        v2.array()[4 * 3 + 2] -= 2.0; // value 4 changes
        Tensor after = attention.forward(q, k2, v2, mask);
        check("outputs of positions 0..3 after changing the future token 4", after.narrow(1, 0, 4))
                .isCloseTo(before.narrow(1, 0, 4), 0, 0);
        // a loss on output row 1 only: keys and values 2..4 get zero gradient
        Tensor up = Tensor.zeros(1, 5, 3);
        up.array()[3] = 1;
        up.array()[4] = -2;
        AttentionGradients g = attention.backward(q, k, v, mask, up);
        check("dK of future keys 2..4 for a loss on output 1", g.dk().narrow(1, 2, 3)).isCloseTo(Tensor.zeros(1, 3, 4), 0, 0);
        check("dV of future values 2..4 for a loss on output 1", g.dv().narrow(1, 2, 3)).isCloseTo(Tensor.zeros(1, 3, 3), 0, 0);
    }

    @Test
    @Task(3)
    @DisplayName("padded keys get zero dK and dV, and changing them never changes any output")
    void paddedKeys(AttentionBackward attention) {
        Generator gen = new Generator(74);
        Tensor mask = Tensor.mask(new boolean[] {false, false, true, true}, 1, 1, 4);
        Tensor q = Tensor.randn(gen, 1, 3, 4);
        Tensor k = Tensor.randn(gen, 1, 4, 4);
        Tensor v = Tensor.randn(gen, 1, 4, 2);
        AttentionGradients g = attention.backward(q, k, v, mask, Tensor.randn(gen, 1, 3, 2));
        check("dK of padded keys 2..3", g.dk().narrow(1, 2, 2)).isCloseTo(Tensor.zeros(1, 2, 4), 0, 0);
        check("dV of padded values 2..3", g.dv().narrow(1, 2, 2)).isCloseTo(Tensor.zeros(1, 2, 2), 0, 0);
        Tensor k2 = k.copy();
        Tensor v2 = v.copy();
        k2.array()[3 * 4] = 50;
        v2.array()[2 * 2 + 1] = -50;
        check("output after changing padded keys and values", attention.forward(q, k2, v2, mask))
                .isCloseTo(attention.forward(q, k, v, mask), 0, 0);
    }

    @Test
    @Task(3)
    @DisplayName("fully masked rows: zero output, zero dQ row, and no NaN anywhere in the gradients")
    void fullyMaskedRows(AttentionBackward attention) {
        String c = "fully_masked_row";
        Tensor q = G.get(c, "q").requiresGrad(true);
        Tensor out = attention.forward(q, G.get(c, "k"), G.get(c, "v"), G.get(c, "mask"));
        check("output row 1 of batch 0 (every key masked)", out.select(0, 0).select(0, 1)).isCloseTo(Tensor.zeros(3), 0, 0);
        check("output row 0 of batch 1 (every key masked)", out.select(0, 1).select(0, 0)).isCloseTo(Tensor.zeros(3), 0, 0);
        out.sum().backward();
        check("dQ row 1 of batch 0 (every key masked)", q.grad().select(0, 0).select(0, 1)).isCloseTo(Tensor.zeros(4), 0, 0);
    }

    @Test
    @Task(4)
    @DisplayName("shapes that do not fit are rejected with IllegalArgumentException naming them")
    void validation(AttentionBackward attention) {
        assertThatThrownBy(() -> attention.forward(Tensor.zeros(2, 3, 4), Tensor.zeros(2, 5, 6), Tensor.zeros(2, 5, 2), null))
                .as("q [2, 3, 4] with k [2, 5, 6]").isInstanceOf(IllegalArgumentException.class).hasMessageContaining("6");
        assertThatThrownBy(() -> attention.forward(Tensor.zeros(2, 3, 4), Tensor.zeros(2, 5, 4), Tensor.zeros(2, 6, 2), null))
                .as("k [2, 5, 4] with v [2, 6, 2]").isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> attention.forward(Tensor.zeros(2, 3, 4), Tensor.zeros(2, 5, 4), Tensor.zeros(2, 5, 2), Tensor.zeros(4, 4)))
                .as("mask [4, 4] for Lq = 3, Lk = 5").isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> attention.forward(null, Tensor.zeros(2, 5, 4), Tensor.zeros(2, 5, 2), null))
                .as("q = null").isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @Task(4)
    @DisplayName("the inputs are left unchanged")
    void inputsUnchanged(AttentionBackward attention) {
        Generator gen = new Generator(75);
        Tensor q = Tensor.randn(gen, 1, 3, 4);
        Tensor k = Tensor.randn(gen, 1, 3, 4);
        Tensor v = Tensor.randn(gen, 1, 3, 2);
        Tensor up = Tensor.randn(gen, 1, 3, 2);
        Tensor[] copies = {q.copy(), k.copy(), v.copy(), up.copy()};
        attention.forward(q, k, v, Tensor.causalMask(3, 3));
        attention.backward(q, k, v, Tensor.causalMask(3, 3), up);
        Tensor[] after = {q, k, v, up};
        String[] names = {"q", "k", "v", "gradOutput"};
        for (int i = 0; i < 4; i++) {
            check(names[i] + " after your calls (must be unchanged)", after[i]).isCloseTo(copies[i], 0, 0);
        }
    }
}
