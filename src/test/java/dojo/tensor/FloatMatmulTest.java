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
}
