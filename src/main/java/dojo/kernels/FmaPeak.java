package dojo.kernels;

/**
 * The FMA ceiling of the machine the code runs on, measured, not looked up: every thread runs
 * independent fused multiply-add chains on full SIMD registers with no memory traffic, which is the
 * most floating-point work per second a kernel on this backend can do. Kernel GFLOP/s figures are
 * reported as a fraction of it ({@code scripts/bench.sh}, {@code PeakBench}).
 *
 * <p>Work is cut into equal tasks ({@link #TASKS_PER_THREAD} per thread) so a thread that starts late
 * does not leave the others idle at the end.
 */
public final class FmaPeak {

    /** Flops per thread per {@link #run} call: 2^28 (~2-3 ms per core with AVX-512). */
    public static final long FLOPS_PER_THREAD = 1L << 28;
    static final int TASKS_PER_THREAD = 8;

    private final KernelOps ops;
    private final Parallelism parallelism;

    public FmaPeak(Backend backend, Parallelism parallelism) {
        this.ops = backend.ops();
        this.parallelism = parallelism;
    }

    /** Flops one {@link #run()} performs: {@code threads x 2^28}. */
    public double flopsPerRun() {
        return (double) FLOPS_PER_THREAD * parallelism.threads();
    }

    /**
     * Runs {@link #flopsPerRun()} flops on all threads of the parallelism and returns a value of the
     * chains (consume it, e.g. in a JMH blackhole, so the loop is not dead code).
     */
    public float run() {
        int tasks = TASKS_PER_THREAD * parallelism.threads();
        long iterations = FLOPS_PER_THREAD / TASKS_PER_THREAD / (2L * ops.fmaChainCount() * ops.lanes());
        float[] out = new float[tasks];
        parallelism.forEach(tasks, () -> null, (none, t) -> out[t] = ops.fmaChains(iterations, 0.9999999f, 1e-7f));
        float s = 0;
        for (float x : out) s += x;
        return s;
    }

    /**
     * Best GFLOP/s of {@code runs} timed runs after {@code warmups} untimed ones (best, not mean: the
     * ceiling is what the hardware can do, and a shared machine only ever subtracts from it).
     */
    public double measureGflops(int warmups, int runs) {
        float sink = 0;
        for (int i = 0; i < warmups; i++) sink += run();
        double best = 0;
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            sink += run();
            best = Math.max(best, flopsPerRun() / (System.nanoTime() - t0));
        }
        if (Float.isNaN(sink)) throw new IllegalStateException("FMA chains diverged"); // keeps sink live
        return best;
    }
}
