package dojo.tensor;

import dojo.kernels.AttentionMask;
import dojo.kernels.Backend;
import dojo.kernels.FusedAttention;
import dojo.kernels.FusedAttentionBackward;
import dojo.kernels.Parallelism;
import dojo.kernels.Sgemm;

/**
 * An opt-in scope in which large matrix products run on the float SIMD kernels
 * ({@code dojo.kernels.Sgemm}): operands are rounded to float, multiplied, and widened back to double.
 * Everything else stays double. Products of at least {@link #MIN_MULTIPLY_ADDS} multiply-adds use it,
 * in the forward and in any backward that runs inside the scope.
 *
 * <pre>{@code
 * try (FloatMatmul fast = FloatMatmul.enable()) {     // this thread, until closed
 *     Tensor loss = model.forward(x).sum();
 *     loss.backward();
 * }
 * }</pre>
 *
 * <p>Attention that goes through {@link Functional#fusedAttention} (as {@code dojo.nn.MultiheadAttention}
 * does inside the scope when no weights are asked for and no dropout is active) runs on the fused float
 * kernels, forward ({@code FusedAttention}, saving the log-sum-exp) and backward
 * ({@code FusedAttentionBackward}), never materialising the [L, S] weights.
 *
 * <p>The price is precision: each product's relative error grows to about {@code sqrt(k) * 2^-24}
 * (1e-6 at k = 256) instead of 1e-16, so results no longer meet the 1e-10 golden tolerance and
 * {@link GradCheck} (which needs double) must run outside the scope. Meant for training runs, never
 * for grading. The scope owns a thread pool (all cores) and stops it when closed.
 */
public final class FloatMatmul implements AutoCloseable {

    /** Smaller products stay in double: the conversions would cost more than they save. */
    public static final long MIN_MULTIPLY_ADDS = 1L << 20;

    private static final ThreadLocal<FloatMatmul> ACTIVE = new ThreadLocal<>();

    private final Parallelism threads;
    private final Sgemm sgemm;
    private final FusedAttention attention;
    private final FusedAttentionBackward attentionBackward;
    private final FloatBuffers buffers = new FloatBuffers();
    private final FloatMatmul previous;
    private final Thread owner;

    private FloatMatmul() {
        this.threads = Parallelism.allCores();
        this.sgemm = new Sgemm(Backend.best(), threads);
        this.attention = new FusedAttention(Backend.best(), threads);
        this.attentionBackward = new FusedAttentionBackward(Backend.best(), threads);
        this.previous = ACTIVE.get();
        this.owner = Thread.currentThread();
    }

    /** Turns float products on for this thread until {@link #close()}. */
    public static FloatMatmul enable() {
        FloatMatmul f = new FloatMatmul();
        ACTIVE.set(f);
        return f;
    }

    /** The scope active on this thread, or null. */
    static FloatMatmul active() {
        return ACTIVE.get();
    }

    /** Whether a scope is active on this thread (large products and fused attention run in float). */
    public static boolean isActive() {
        return ACTIVE.get() != null;
    }

    FusedAttention attention() {
        return attention;
    }

    FusedAttentionBackward attentionBackward() {
        return attentionBackward;
    }

    Sgemm sgemm() {
        return sgemm;
    }

    /** The scope's threads, for element-wise loops inside it ({@link Loops}). */
    Parallelism threads() {
        return threads;
    }

    /** Buffers the fused operations of this scope reuse between steps. */
    FloatBuffers buffers() {
        return buffers;
    }

    /**
     * {@code C[b] = A[b] . B[b]} in float for a batch of strided double operands into contiguous double C.
     * An operand stored transposed (a weight {@code W^T}, or {@code X^T} in a weight gradient) is
     * converted in its storage order, which is sequential, and handed to the transposed SGEMM entry
     * point, instead of being gathered column by column.
     */
    void batched(int batches, int n, int m, int k, double[] a, int[] aOff, int aRs, int aCs,
                 double[] b, int[] bOff, int bRs, int bCs, double[] c) {
        boolean aTransposed = aRs == 1 && aCs != 1;   // A(i, p) at i + p * aCs: stored [k][n]
        boolean bTransposed = bCs != 1 && bRs == 1;   // B(p, j) at p + j * bCs: stored [m][k]
        float[] af = new float[n * k];
        float[] bf = new float[k * m];
        float[] cf = new float[n * m];
        for (int bi = 0; bi < batches; bi++) {
            int ao = aOff[bi];
            int bo = bOff[bi];
            if (aTransposed && !bTransposed) {
                rows(k, n, p -> {
                    int src = ao + p * aCs;
                    for (int i = 0; i < n; i++) af[p * n + i] = (float) a[src + i];
                });
                gather(b, bo, bRs, bCs, k, m, bf);
                sgemm.multiplyTransposedA(n, m, k, af, bf, cf);
            } else if (bTransposed) {
                gather(a, ao, aRs, aCs, n, k, af);
                rows(m, k, j -> {
                    int src = bo + j * bCs;
                    for (int p = 0; p < k; p++) bf[j * k + p] = (float) b[src + p];
                });
                sgemm.multiplyTransposed(n, m, k, af, bf, cf);
            } else {
                gather(a, ao, aRs, aCs, n, k, af);
                gather(b, bo, bRs, bCs, k, m, bf);
                sgemm.multiply(n, m, k, af, bf, cf);
            }
            int base = bi * n * m;
            rows(n, m, i -> {
                for (int q = i * m; q < (i + 1) * m; q++) c[base + q] = cf[q];
            });
        }
    }

    /**
     * {@code y = x . W^T + bias} as one recorded operation ({@code x [n][k]}, {@code W [m][k]}, bias
     * {@code [m]} or null): the same products as {@code x.matmul(W.t()).add(bias)} in this scope, and the
     * same values bit for bit, with fewer passes over memory. The forward keeps the float copies of x and
     * W for the backward (which would otherwise convert them again), the bias is added while C is widened
     * to double, and the backward converts the incoming gradient once for both of its products
     * ({@code dX = dY . W}, {@code dW = dY^T . X}).
     */
    Tensor linear(Tensor x, Tensor weight, Tensor bias) {
        int n = x.shape[0], k = x.shape[1], m = weight.shape[0];
        float[] xf = new float[n * k];
        float[] wf = new float[m * k];
        float[] cf = new float[n * m];
        gather(x.data, x.offset, x.strides[0], x.strides[1], n, k, xf);
        gather(weight.data, weight.offset, weight.strides[0], weight.strides[1], m, k, wf);
        sgemm.multiplyTransposed(n, m, k, xf, wf, cf);
        double[] y = new double[n * m];
        double[] b = bias == null ? null : bias.flat();
        rows(n, m, i -> {
            int o = i * m;
            if (b == null) {
                for (int j = 0; j < m; j++) y[o + j] = cf[o + j];
            } else {
                for (int j = 0; j < m; j++) y[o + j] = (double) cf[o + j] + b[j];
            }
        });
        return Autograd.record("linear", Tensor.wrap(y, n, m), g -> {
            float[] gf = new float[n * m];
            gather(g.data, g.offset, g.strides[0], g.strides[1], n, m, gf);
            Tensor dx = null, dw = null, db = null;
            if (x.requiresGrad()) {
                float[] dxf = new float[n * k];
                sgemm.multiply(n, k, m, gf, wf, dxf);
                dx = Tensor.wrap(widen(dxf, n, k), n, k);
            }
            if (weight.requiresGrad()) {
                float[] dwf = new float[m * k];
                sgemm.multiplyTransposedA(m, k, n, gf, xf, dwf);
                dw = Tensor.wrap(widen(dwf, m, k), m, k);
            }
            if (bias != null && bias.requiresGrad()) db = g.sum(0, false);
            return new Tensor[] {dx, dw, db};
        }, x, weight, bias);
    }

    /** A row-major float matrix widened to double. */
    private double[] widen(float[] f, int rowCount, int cols) {
        double[] out = new double[rowCount * cols];
        rows(rowCount, cols, i -> {
            for (int q = i * cols; q < (i + 1) * cols; q++) out[q] = f[q];
        });
        return out;
    }

    /** A strided [rows][cols] double matrix into a row-major float one. */
    private void gather(double[] x, int off, int rs, int cs, int rows, int cols, float[] out) {
        rows(rows, cols, i -> {
            int src = off + i * rs;
            int dst = i * cols;
            if (cs == 1) {
                for (int p = 0; p < cols; p++) out[dst + p] = (float) x[src + p];
            } else {
                for (int p = 0; p < cols; p++) out[dst + p] = (float) x[src + p * cs];
            }
        });
    }

    /** Conversions below this many elements stay on the calling thread. */
    private static final int PARALLEL_CONVERSION = 1 << 16;

    /** Runs {@code row} for 0..rows-1, split over the scope's threads when the matrix is large. */
    private void rows(int rows, int cols, java.util.function.IntConsumer row) {
        int parts = (long) rows * cols >= PARALLEL_CONVERSION ? Math.min(threads.threads(), rows) : 1;
        if (parts == 1) {
            for (int r = 0; r < rows; r++) row.accept(r);
            return;
        }
        threads.forEach(parts, () -> null, (unused, t) -> {
            int from = (int) ((long) rows * t / parts);
            int to = (int) ((long) rows * (t + 1) / parts);
            for (int r = from; r < to; r++) row.accept(r);
        });
    }

    @Override
    public void close() {
        if (Thread.currentThread() != owner) {
            throw new IllegalStateException("FloatMatmul: close the scope on the thread that enabled it");
        }
        if (previous == null) ACTIVE.remove();
        else ACTIVE.set(previous);
        threads.close();
    }
}
