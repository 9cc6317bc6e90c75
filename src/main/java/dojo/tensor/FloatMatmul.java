package dojo.tensor;

import dojo.kernels.Backend;
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
    private final FloatMatmul previous;
    private final Thread owner;

    private FloatMatmul() {
        this.threads = Parallelism.allCores();
        this.sgemm = new Sgemm(Backend.best(), threads);
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

    /** {@code C[b] = A[b] . B[b]} in float for a batch of strided double operands into contiguous double C. */
    void batched(int batches, int n, int m, int k, double[] a, int[] aOff, int aRs, int aCs,
                 double[] b, int[] bOff, int bRs, int bCs, double[] c) {
        float[] af = new float[n * k];
        float[] bf = new float[k * m];
        float[] cf = new float[n * m];
        for (int bi = 0; bi < batches; bi++) {
            for (int i = 0; i < n; i++) {
                int src = aOff[bi] + i * aRs;
                for (int p = 0; p < k; p++) af[i * k + p] = (float) a[src + p * aCs];
            }
            for (int p = 0; p < k; p++) {
                int src = bOff[bi] + p * bRs;
                for (int j = 0; j < m; j++) bf[p * m + j] = (float) b[src + j * bCs];
            }
            sgemm.multiply(n, m, k, af, bf, cf);
            int base = bi * n * m;
            for (int q = 0; q < cf.length; q++) c[base + q] = cf[q];
        }
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
