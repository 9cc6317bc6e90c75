package dojo.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The blocked double GEMM equals the naive triple loop on odd sizes, strided operands and batches. */
class GemmTest {

    private static double[] naive(Tensor a, Tensor b) {
        int n = a.size(0), k = a.size(1), m = b.size(1);
        double[] c = new double[n * m];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) s = Math.fma(a.get(i, p), b.get(p, j), s);
                c[i * m + j] = s;
            }
        }
        return c;
    }

    @ParameterizedTest(name = "{0}x{1} times {1}x{2}")
    @CsvSource({"1,1,1", "1,7,1", "5,3,17", "7,300,33", "97,257,1030", "13,1,9", "6,16,16", "200,64,129"})
    void blockedProductEqualsTheNaiveLoopBitForBit(int n, int k, int m) {
        Generator g = new Generator(n * 1000L + k * 10 + m);
        Tensor a = Tensor.randn(g, n, k);
        Tensor b = Tensor.randn(g, k, m);
        assertThat(a.matmul(b).toArray()).containsExactly(naive(a, b));
        Tensor bt = Tensor.randn(g, m, k);
        assertThat(a.matmul(bt.t()).toArray()).containsExactly(naive(a, bt.t()));
        Tensor at = Tensor.randn(g, k, n);
        assertThat(at.t().matmul(b).toArray()).containsExactly(naive(at.t(), b));
    }

    @ParameterizedTest(name = "batch {0} of {1}x{2} . {2}x{3}")
    @CsvSource({"3,5,7,9", "32,20,8,20"})
    void everyBatchEqualsItsOwnProduct(int batch, int n, int k, int m) {
        Generator g = new Generator(batch);
        Tensor a = Tensor.randn(g, batch, n, k);
        Tensor b = Tensor.randn(g, batch, m, k).transpose(1, 2);
        Tensor c = a.matmul(b);
        for (int i = 0; i < batch; i++) {
            assertThat(c.select(0, i).toArray()).containsExactly(naive(a.select(0, i), b.select(0, i)));
        }
    }

    @ParameterizedTest(name = "{0}x{1} times {1}x{2}")
    @CsvSource({"1,1,1", "7,300,33", "97,257,1030"})
    void theScalarKernelGivesTheSameBitsAsTheDefaultOne(int n, int k, int m) {
        Generator g = new Generator(7);
        Tensor a = Tensor.randn(g, n, k);
        Tensor b = Tensor.randn(g, m, k).t();
        double[] c = new double[n * m];
        Gemm.batched(new ScalarDoubleKernel(), 1, n, m, k, a.array(), new int[] {0}, k, 1, b.detach().contiguous().array(),
                new int[] {0}, m, 1, c);
        assertThat(c).containsExactly(a.matmul(b).toArray());
    }
}
