package dojo.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FloatMatmulTest {

    @Test
    void largeProductsInsideTheScopeMatchDoubleWithinFloatRounding() {
        Generator g = new Generator(1);
        Tensor a = Tensor.randn(g, 3, 64, 256);
        Tensor b = Tensor.randn(g, 128, 256).t();
        Tensor exact = a.matmul(b);
        Tensor fast;
        try (FloatMatmul f = FloatMatmul.enable()) {
            fast = a.matmul(b);
        }
        double diff = fast.maxAbsDiff(exact);
        assertThat(diff).isGreaterThan(0).isLessThan(1e-4);   // |C| ~ sqrt(256) = 16; float: ~16 * 2^-24 * sqrt(256)
        assertThat(a.matmul(b).maxAbsDiff(exact)).as("back to double after the scope").isZero();
    }

    @Test
    void smallProductsStayInDouble() {
        Tensor a = Tensor.randn(new Generator(2), 8, 8);
        try (FloatMatmul f = FloatMatmul.enable()) {
            assertThat(a.matmul(a).maxAbsDiff(Tensor.of(a.toArray(), 8, 8).matmul(a))).isZero();
        }
    }

    @Test
    void gradientsFlowThroughFloatProducts() {
        Generator g = new Generator(3);
        Tensor w = Tensor.randn(g, 256, 512).requiresGrad(true);
        Tensor x = Tensor.randn(g, 64, 512);
        try (FloatMatmul f = FloatMatmul.enable()) {
            x.matmul(w.t()).tanh().sum().backward();
        }
        Tensor fastGrad = w.grad();
        w.zeroGrad();
        x.matmul(w.t()).tanh().sum().backward();
        assertThat(fastGrad.maxAbsDiff(w.grad())).isLessThan(1e-3);
    }

    @Test
    void everyOperandLayoutMatchesDoubleWithinFloatRounding() {
        Generator g = new Generator(4);
        Tensor a = Tensor.randn(g, 96, 160);
        Tensor b = Tensor.randn(g, 160, 112);
        Tensor at = Tensor.randn(g, 160, 96);    // stored transposed: at.t() is [96, 160] with row stride 1
        Tensor bt = Tensor.randn(g, 112, 160);   // bt.t() is [160, 112] with row stride 1
        Tensor[][] cases = {{a, b}, {at.t(), b}, {a, bt.t()}, {at.t(), bt.t()}};
        for (Tensor[] c : cases) {
            Tensor exact = c[0].matmul(c[1]);
            Tensor fast;
            try (FloatMatmul f = FloatMatmul.enable()) {
                fast = c[0].matmul(c[1]);
            }
            // |C| ~ sqrt(160) ~ 13; float operands and accumulation: well under 1e-4
            assertThat(fast.maxAbsDiff(exact)).isGreaterThan(0).isLessThan(1e-4);
        }
    }

    /**
     * Functional.linear in the scope is one fused operation; it must give the values of the unfused
     * {@code x.matmul(W.t()).add(b)} in the same scope bit for bit (each SGEMM element is one FMA chain
     * in ascending k, whichever entry point computes it), forward and every gradient, for a strided x
     * and without a bias.
     */
    @Test
    void fusedLinearGivesTheUnfusedValuesExactly() {
        Generator g = new Generator(5);
        Tensor xBase = Tensor.randn(g, 200, 96);
        Tensor w = Tensor.randn(g, 160, 96).requiresGrad(true);
        Tensor b = Tensor.randn(g, 160).requiresGrad(true);
        Tensor up = Tensor.randn(g, 200, 160);
        for (boolean strided : new boolean[] {false, true}) {
            for (boolean withBias : new boolean[] {true, false}) {
                Tensor x0 = strided ? Tensor.randn(g, 96, 200).t() : xBase;   // [200, 96] with row stride 1
                Tensor xf = x0.detach().requiresGrad(true), xu = x0.detach().requiresGrad(true);
                Tensor bias = withBias ? b : null;
                Tensor fused, unfused;
                double[][] fusedGrads, unfusedGrads;
                try (FloatMatmul f = FloatMatmul.enable()) {
                    fused = Functional.linear(xf, w, bias);
                    assertThat(fused.gradFn()).isEqualTo("linear");
                    fused.mul(up).sum().backward();
                    fusedGrads = grads(xf, w, bias);
                    w.zeroGrad();
                    b.zeroGrad();
                    unfused = xu.matmul(w.t());
                    if (withBias) unfused = unfused.add(b);
                    unfused.mul(up).sum().backward();
                    unfusedGrads = grads(xu, w, bias);
                    w.zeroGrad();
                    b.zeroGrad();
                }
                assertThat(fused.toArray()).isEqualTo(unfused.toArray());
                for (int i = 0; i < fusedGrads.length; i++) {
                    assertThat(fusedGrads[i]).as("gradient %d (strided %s, bias %s)", i, strided, withBias)
                            .isEqualTo(unfusedGrads[i]);
                }
            }
        }
    }

    private static double[][] grads(Tensor x, Tensor w, Tensor b) {
        return b == null ? new double[][] {x.grad().toArray(), w.grad().toArray()}
                : new double[][] {x.grad().toArray(), w.grad().toArray(), b.grad().toArray()};
    }
}
