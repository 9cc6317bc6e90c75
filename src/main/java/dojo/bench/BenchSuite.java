package dojo.bench;

import dojo.kernels.AttentionMask;
import dojo.kernels.Backend;
import dojo.kernels.FmaPeak;
import dojo.kernels.KernelCeiling;
import dojo.kernels.FusedAttention;
import dojo.kernels.FusedAttentionBackward;
import dojo.kernels.Parallelism;
import dojo.kernels.Sgemm;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.ejml.concurrency.EjmlConcurrency;

/**
 * The contenders of {@code dojo bench}, on seeded random inputs: SGEMM (naive i-k-j, EJML, EJML MT,
 * vector 1 thread, vector all threads) and attention (materialised naive and EJML, fused 1 thread,
 * fused parallel, fused causal, plus optional extra contenders). With one thread the multi-threaded contenders
 * are left out (they would time the single-threaded ones again under the same name), the causal one runs on that
 * thread, and EJML's own pool is held to {@code config.threads()} while the suite is open. Owns thread pools:
 * close it.
 */
public final class BenchSuite implements AutoCloseable {

    private final BenchConfig config;
    private final Backend backend;
    private final Parallelism serial = Parallelism.serial();
    private final Parallelism parallel;
    private final List<BenchCase> cases = new ArrayList<>();
    /** More than one thread: the parallel contenders are timed too. */
    private final boolean multi;
    private final int ejmlThreadsBefore = EjmlConcurrency.getMaxThreads();

    public BenchSuite(BenchConfig config, Backend backend, List<NamedAttention> extraAttention) {
        this.config = config;
        this.backend = backend;
        this.parallel = Parallelism.threads(config.threads());
        this.multi = config.threads() > 1;
        EjmlConcurrency.setMaxThreads(config.threads());     // "EJML MT" uses at most the threads asked for
        addPeak();
        addGemm();
        addAttention(extraAttention);
        addBackward();
    }

    /** An extra attention contender and its table name. */
    public record NamedAttention(String name, HeadAttention attention) {}

    public List<BenchCase> cases() {
        return List.copyOf(cases);
    }

    public Backend backend() {
        return backend;
    }

    /** The group whose rows are this machine's FMA ceiling (the other rows are shown as a fraction of it). */
    public static final String PEAK_GROUP = "FMA ceiling (measured)";

    private void addPeak() {
        FmaPeak one = new FmaPeak(backend, serial), all = new FmaPeak(backend, parallel);
        cases.add(new BenchCase(PEAK_GROUP, "FMA chains (1 thread)", one.flopsPerRun(), 1, one::run));
        if (multi) cases.add(new BenchCase(PEAK_GROUP, "FMA chains (" + parallel + ")", all.flopsPerRun(), parallel.threads(), all::run));
        // the bound under it for the SGEMM: its micro-kernel with nothing to wait for (shown as a fraction of the ceiling)
        String g = "sgemm micro-kernel, operands in L1";
        KernelCeiling kOne = new KernelCeiling(backend, serial), kAll = new KernelCeiling(backend, parallel);
        cases.add(new BenchCase(g, "micro-kernel (1 thread)", kOne.flopsPerRun(), 1, kOne::run));
        if (multi) cases.add(new BenchCase(g, "micro-kernel (" + parallel + ")", kAll.flopsPerRun(), parallel.threads(), kAll::run));
    }

    private void addGemm() {
        int n = config.gemmN();
        float[] a = random(1, n * n), b = random(2, n * n), c = new float[n * n];
        String g = "sgemm n=" + n;
        double f = config.gemmFlops();
        Sgemm one = new Sgemm(backend, serial), all = new Sgemm(backend, parallel);
        cases.add(new BenchCase(g, "naive i-k-j (1 thread)", f, () -> Baselines.naiveMatmul(n, a, b, c)));
        cases.add(new BenchCase(g, "EJML CommonOps_FDRM.mult", f, () -> Baselines.ejmlMatmul(n, a, b, c, false)));
        if (multi) cases.add(new BenchCase(g, "EJML CommonOps_MT_FDRM.mult", f, parallel.threads(), () -> Baselines.ejmlMatmul(n, a, b, c, true)));
        cases.add(new BenchCase(g, backend + " packed (1 thread)", f, () -> one.multiply(n, n, n, a, b, c)));
        if (multi) cases.add(new BenchCase(g, backend + " packed (" + parallel + ")", f, parallel.threads(), () -> all.multiply(n, n, n, a, b, c)));
    }

    private void addAttention(List<NamedAttention> extra) {
        int n = config.attentionN(), h = config.heads(), d = config.headDim();
        float[] q = random(3, h * n * d), k = random(4, h * n * d), v = random(5, h * n * d), o = new float[h * n * d];
        String g = "attention h=" + h + " d=" + d + " n=" + n;
        double f = config.attentionFlops();
        FusedAttention one = new FusedAttention(backend, serial), all = new FusedAttention(backend, parallel);
        cases.add(new BenchCase(g, "materialised, naive loops (1 thread)", f, () -> Baselines.naiveAttention(h, n, d, q, k, v, o)));
        cases.add(new BenchCase(g, "materialised, EJML MT products", f, parallel.threads(), () -> Baselines.ejmlAttention(h, n, d, q, k, v, o)));
        for (NamedAttention x : extra) {
            cases.add(new BenchCase(g, x.name(), f, () -> {
                for (int i = 0; i < h; i++) {
                    int off = i * n * d;
                    float[] r = x.attention().attend(n, d, java.util.Arrays.copyOfRange(q, off, off + n * d),
                            java.util.Arrays.copyOfRange(k, off, off + n * d), java.util.Arrays.copyOfRange(v, off, off + n * d));
                    System.arraycopy(r, 0, o, off, n * d);
                }
            }));
        }
        cases.add(new BenchCase(g, "fused " + backend + " (1 thread)", f,
                () -> one.attend(1, h, n, n, d, d, q, k, v, AttentionMask.none(), o)));
        String full = "fused " + backend + " (" + parallel + ")";    // with one thread: the row above
        if (multi) cases.add(new BenchCase(g, full, f, parallel.threads(),
                () -> all.attend(1, h, n, n, d, d, q, k, v, AttentionMask.none(), o)));
        // another operation: its flops are the n(n+1)/2 query-key pairs a causal mask leaves (counted as the full n^2,
        // its GFLOP/s read twice what the kernel does, above the FMA ceiling at n = 4096), compared with the full call
        cases.add(new BenchCase(g, "fused causal " + backend + " (" + parallel + ")", causalFlops(f, n), parallel.threads(),
                () -> all.attend(1, h, n, n, d, d, q, k, v, AttentionMask.causalMask(), o), full));
    }

    /** A causal call's share of {@code fullFlops}: the n(n+1)/2 query-key pairs it computes of the full n^2. */
    static double causalFlops(double fullFlops, int n) {
        return fullFlops * (n + 1) / (2.0 * n);
    }

    /** The fused backward (dQ, dK, dV from the saved log-sum-exp); flops: 2.5x the forward's (FlashAttention-2's count). */
    private void addBackward() {
        int n = config.attentionN(), h = config.heads(), d = config.headDim(), size = h * n * d;
        float[] q = random(3, size), k = random(4, size), v = random(5, size), dOut = random(9, size), o = new float[size];
        float[] lse = new float[h * n], dq = new float[size], dk = new float[size], dv = new float[size];
        new FusedAttention(backend, parallel).attend(1, h, n, n, d, d, q, k, v, AttentionMask.none(), o, lse);
        String g = "attention backward h=" + h + " d=" + d + " n=" + n;
        double f = 2.5 * config.attentionFlops();
        FusedAttentionBackward one = new FusedAttentionBackward(backend, serial), all = new FusedAttentionBackward(backend, parallel);
        cases.add(new BenchCase(g, "fused backward " + backend + " (1 thread)", f,
                () -> one.backward(1, h, n, n, d, d, q, k, v, o, lse, dOut, AttentionMask.none(), dq, dk, dv)));
        if (multi) cases.add(new BenchCase(g, "fused backward " + backend + " (" + parallel + ")", f, parallel.threads(),
                () -> all.backward(1, h, n, n, d, d, q, k, v, o, lse, dOut, AttentionMask.none(), dq, dk, dv)));
    }

    /**
     * One head of causal self-attention at length n in whatever heap this JVM has: the score matrix
     * alone would need {@code 4 n^2} bytes.
     */
    public static LongContextResult longContext(int n, int d, Backend backend, Parallelism parallelism, java.util.function.LongSupplier nanoTime) {
        float[] q = random(6, n * d), k = random(7, n * d), v = random(8, n * d);
        FusedAttention fa = new FusedAttention(backend, parallelism);
        long t0 = nanoTime.getAsLong();
        float[] out = fa.attend(n, n, d, d, q, k, v, AttentionMask.causalMask());
        double ms = (nanoTime.getAsLong() - t0) / 1e6;
        boolean finite = true;
        for (float x : out) finite &= Float.isFinite(x);
        return new LongContextResult(n, d, ms, Runtime.getRuntime().maxMemory(), 4L * n * n, finite);
    }

    /** Outcome of {@link #longContext}. */
    public record LongContextResult(int n, int d, double millis, long maxHeapBytes, long scoreMatrixBytes, boolean finite) {}

    public static float[] random(long seed, int size) {
        Random r = new Random(seed);
        float[] x = new float[size];
        for (int i = 0; i < size; i++) x[i] = r.nextFloat() * 2f - 1f;
        return x;
    }

    @Override
    public void close() {
        parallel.close();
        serial.close();
        EjmlConcurrency.setMaxThreads(ejmlThreadsBefore);
    }
}
