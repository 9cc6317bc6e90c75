package dojo.bench;

import dojo.kernels.NaiveKernels;
import org.ejml.data.FMatrixRMaj;
import org.ejml.dense.row.CommonOps_FDRM;
import org.ejml.dense.row.CommonOps_MT_FDRM;

/** What the kernels are compared with: textbook loops and EJML, on the same row-major arrays. */
public final class Baselines {
    private Baselines() {}

    /** i-k-j triple loop, one thread. */
    public static void naiveMatmul(int n, float[] a, float[] b, float[] c) {
        NaiveKernels.matmul(n, n, n, a, b, c);
    }

    /** EJML's {@code CommonOps_FDRM.mult} (one thread) or {@code CommonOps_MT_FDRM.mult} (its own pool). */
    public static void ejmlMatmul(int n, float[] a, float[] b, float[] c, boolean multiThreaded) {
        FMatrixRMaj ma = FMatrixRMaj.wrap(n, n, a), mb = FMatrixRMaj.wrap(n, n, b), mc = FMatrixRMaj.wrap(n, n, c);
        if (multiThreaded) CommonOps_MT_FDRM.mult(ma, mb, mc);
        else CommonOps_FDRM.mult(ma, mb, mc);
    }

    /** Materialised attention with plain loops, head by head: {@code q, k, v, out [heads][n][d]}. */
    public static void naiveAttention(int heads, int n, int d, float[] q, float[] k, float[] v, float[] out) {
        int size = n * d;
        for (int h = 0; h < heads; h++) {
            float[] o = NaiveKernels.attention(n, n, d, d, slice(q, h, size), slice(k, h, size), slice(v, h, size), false, null);
            System.arraycopy(o, 0, out, h * size, size);
        }
    }

    /**
     * Materialised attention on EJML, head by head: {@code S = Q.K^T} ({@code multTransB}), scaled
     * stable softmax over rows in plain Java, {@code O = P.V}; multi-threaded EJML products.
     */
    public static void ejmlAttention(int heads, int n, int d, float[] q, float[] k, float[] v, float[] out) {
        int size = n * d;
        FMatrixRMaj s = new FMatrixRMaj(n, n), o = new FMatrixRMaj(n, d);
        float scale = (float) (1 / Math.sqrt(d));
        for (int h = 0; h < heads; h++) {
            FMatrixRMaj mq = FMatrixRMaj.wrap(n, d, slice(q, h, size)), mk = FMatrixRMaj.wrap(n, d, slice(k, h, size));
            CommonOps_MT_FDRM.multTransB(scale, mq, mk, s);
            softmaxRows(s.data, n, n);
            CommonOps_MT_FDRM.mult(s, FMatrixRMaj.wrap(n, d, slice(v, h, size)), o);
            System.arraycopy(o.data, 0, out, h * size, size);
        }
    }

    static void softmaxRows(float[] s, int rows, int cols) {
        for (int r = 0, off = 0; r < rows; r++, off += cols) {
            float max = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < cols; j++) max = Math.max(max, s[off + j]);
            float sum = 0f;
            for (int j = 0; j < cols; j++) sum += s[off + j] = (float) Math.exp(s[off + j] - max);
            float inv = 1f / sum;
            for (int j = 0; j < cols; j++) s[off + j] *= inv;
        }
    }

    private static float[] slice(float[] x, int h, int size) {
        return java.util.Arrays.copyOfRange(x, h * size, (h + 1) * size);
    }
}
