package dojo.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * {@link Functional#fusedAttention} against the materialised {@link Functional#scaledDotProductAttention}
 * with the same masks as an additive mask: in double (outside a {@link FloatMatmul} scope) within 1e-12,
 * on the float kernels (inside the scope) within 2e-5 absolute for inputs drawn from N(0, 1); output and
 * the gradients of q, k and v.
 */
class FusedAttentionOpTest {

    private static final int B = 3, H = 2, L = 19, S = 19, D = 8, DV = 5;

    /** Key padding: sequence b has its last 3b keys padded. */
    private static Tensor keyPadding() {
        double[] p = new double[B * S];
        for (int b = 0; b < B; b++) for (int j = S - 3 * b; j < S; j++) p[b * S + j] = 1;
        return Tensor.of(p, B, S);
    }

    private static Tensor additive(Tensor keyPadding, boolean causal) {
        Tensor m = Tensor.zeros(B, 1, 1, S).maskedFill(keyPadding.reshape(B, 1, 1, S), Double.NEGATIVE_INFINITY);
        if (causal) m = m.add(Tensor.zeros(L, S).maskedFill(Tensor.causalMask(L, S), Double.NEGATIVE_INFINITY));
        return m;
    }

    private record Run(Tensor out, Tensor dq, Tensor dk, Tensor dv) {
    }

    private static Run run(boolean fused, boolean causal, Tensor upstream) {
        Generator g = new Generator(7);
        Tensor q = Tensor.randn(g, B, H, L, D).requiresGrad(true);
        Tensor k = Tensor.randn(g, B, H, S, D).requiresGrad(true);
        Tensor v = Tensor.randn(g, B, H, S, DV).requiresGrad(true);
        Tensor pad = keyPadding();
        Tensor out = fused ? Functional.fusedAttention(q, k, v, pad, causal)
                : Functional.scaledDotProductAttention(q, k, v, additive(pad, causal)).output();
        out.mul(upstream).sum().backward();
        return new Run(out.detach(), q.grad(), k.grad(), v.grad());
    }

    private static void assertClose(Run a, Run b, double tolerance) {
        assertThat(a.out().maxAbsDiff(b.out())).as("output").isLessThanOrEqualTo(tolerance);
        assertThat(a.dq().maxAbsDiff(b.dq())).as("dq").isLessThanOrEqualTo(tolerance);
        assertThat(a.dk().maxAbsDiff(b.dk())).as("dk").isLessThanOrEqualTo(tolerance);
        assertThat(a.dv().maxAbsDiff(b.dv())).as("dv").isLessThanOrEqualTo(tolerance);
    }

    @Test
    void outsideTheFloatScopeItEqualsMaterialisedAttentionInDouble() {
        Tensor up = Tensor.randn(new Generator(8), B, H, L, DV);
        for (boolean causal : new boolean[] {false, true}) {
            assertClose(run(true, causal, up), run(false, causal, up), 1e-12);
        }
    }

    @Test
    void insideTheFloatScopeItRunsTheFloatKernelsWithinFloatTolerance() {
        Tensor up = Tensor.randn(new Generator(8), B, H, L, DV);
        for (boolean causal : new boolean[] {false, true}) {
            Run fast;
            try (FloatMatmul f = FloatMatmul.enable()) {
                fast = run(true, causal, up);
            }
            Run exact = run(false, causal, up);
            assertClose(fast, exact, 2e-5);
            assertThat(fast.out().maxAbsDiff(exact.out())).as("float rounding is visible").isGreaterThan(0);
        }
    }

    @Test
    void aQueryThatSeesNoKeyGetsAZeroRowAndNoGradient() {
        Tensor q = Tensor.randn(new Generator(1), 1, 1, 2, 4).requiresGrad(true);
        Tensor k = Tensor.randn(new Generator(2), 1, 1, 2, 4).requiresGrad(true);
        Tensor v = Tensor.randn(new Generator(3), 1, 1, 2, 4).requiresGrad(true);
        Tensor allPadded = Tensor.of(new double[] {1, 1}, 1, 2);
        Tensor out = Functional.fusedAttention(q, k, v, allPadded, false);
        out.sum().backward();
        assertThat(out.toArray()).containsOnly(0.0);
        assertThat(q.grad().toArray()).containsOnly(0.0);
        assertThat(v.grad().toArray()).containsOnly(0.0);
    }
}
