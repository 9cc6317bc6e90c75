package dojo.kernels;

/**
 * The specification, written the obvious way, single-threaded float: what the fast kernels must
 * equal (tests use a double-precision copy) and the baselines the benchmarks compare against.
 */
public final class NaiveKernels {
    private NaiveKernels() {}

    /** {@code C = A.B}, i-k-j loop order (the fast naive order: the inner loop streams B and C rows). */
    public static void matmul(int m, int n, int k, float[] a, float[] b, float[] c) {
        Shapes.positive("naive matmul", "m x n x k", m, n, k);
        Shapes.length("naive matmul", "A", a, "m x k", m, k);
        Shapes.length("naive matmul", "B", b, "k x n", k, n);
        Shapes.length("naive matmul", "C", c, "m x n", m, n);
        java.util.Arrays.fill(c, 0f);
        for (int i = 0; i < m; i++) {
            for (int p = 0; p < k; p++) {
                float aip = a[i * k + p];
                for (int j = 0; j < n; j++) c[i * n + j] += aip * b[p * n + j];
            }
        }
    }

    /**
     * Materialised attention for one head: builds the full {@code n x m} score matrix, then softmax,
     * then {@code P.V}; O(n.m) memory. Same mask rules as {@link FusedAttention}.
     *
     * @param keyPadding {@code [m]}, true = ignore that key, or null
     */
    public static float[] attention(int n, int m, int d, int dv, float[] q, float[] k, float[] v,
                                    boolean causal, boolean[] keyPadding) {
        Shapes.positive("naive attention", "n x m x d x dv", n, m, d, dv);
        Shapes.length("naive attention", "Q", q, "n x d", n, d);
        Shapes.length("naive attention", "K", k, "m x d", m, d);
        Shapes.length("naive attention", "V", v, "m x dv", m, dv);
        float scale = (float) (1.0 / Math.sqrt(d));
        float[] s = new float[Sgemm.checkedProduct("naive attention", n, m)];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                float dot = 0f;
                for (int c = 0; c < d; c++) dot += q[i * d + c] * k[j * d + c];
                boolean masked = (causal && j > i) || (keyPadding != null && keyPadding[j]);
                s[i * m + j] = masked ? Float.NEGATIVE_INFINITY : dot * scale;
            }
        }
        float[] out = new float[n * dv];
        for (int i = 0; i < n; i++) {
            float max = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < m; j++) max = Math.max(max, s[i * m + j]);
            if (max == Float.NEGATIVE_INFINITY) continue;          // fully masked: zero row
            float sum = 0f;
            for (int j = 0; j < m; j++) sum += s[i * m + j] = (float) Math.exp(s[i * m + j] - max);
            for (int j = 0; j < m; j++) {
                float p = s[i * m + j] / sum;
                for (int c = 0; c < dv; c++) out[i * dv + c] += p * v[j * dv + c];
            }
        }
        return out;
    }
}
