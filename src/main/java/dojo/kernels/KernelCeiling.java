package dojo.kernels;

/**
 * What the SGEMM micro-kernel ({@link KernelOps#microKernel}) reaches when memory costs nothing: each thread
 * multiplies one packed {@code mr x KC} A sliver by one packed {@code KC x nr} B sliver into one C tile, over
 * and over, all three in L1 ({@link #KC} = 128: 22 KiB for a 12 x 32 tile). A whole SGEMM adds packing,
 * loads from L2 and L3 and the threads' hand-outs to this; so this, as a fraction of {@link FmaPeak}'s
 * ceiling, bounds what any blocking or threading change can give the SGEMM on this machine (see
 * docs/benchmarks.md, the targets section).
 */
public final class KernelCeiling {

    /** Depth of the slivers: A and B take {@code (mr + nr) x 128} floats (22 KiB for 12 x 32), within any L1d of 32 KiB or more. */
    static final int KC = 128;
    /** Micro-kernel calls per thread per {@link #run()}. */
    static final int CALLS_PER_THREAD = 1 << 14;
    static final int TASKS_PER_THREAD = 8;

    private final KernelOps ops;
    private final Parallelism parallelism;
    /** The packed A and B slivers, read by every worker (read-only: each core keeps its own copy in its L1). */
    private final float[] a, b;

    public KernelCeiling(Backend backend, Parallelism parallelism) {
        this.ops = backend.ops();
        this.parallelism = parallelism;
        java.util.Random r = new java.util.Random(7);
        a = new float[ops.mr() * KC];
        b = new float[KC * ops.nr()];
        for (int i = 0; i < a.length; i++) a[i] = 0.5f + r.nextFloat() / 2;
        for (int i = 0; i < b.length; i++) b[i] = 0.5f + r.nextFloat() / 2;
    }

    /** Flops one {@link #run()} performs: {@code threads x 2^14 calls x 2.mr.nr.KC} (25.8 x 10^6 per thread for 12 x 32). */
    public double flopsPerRun() {
        return (double) parallelism.threads() * CALLS_PER_THREAD * 2.0 * ops.mr() * ops.nr() * KC;
    }

    /** Runs the calls on all threads of the parallelism; returns a value of the C tiles (consume it, so the work is not dead code). */
    public float run() {
        int tasks = TASKS_PER_THREAD * parallelism.threads(), mr = ops.mr(), nr = ops.nr();
        float[] out = new float[tasks];
        // each worker writes its own C tile; each call overwrites it (as an SGEMM's first k block does): no load of C
        parallelism.forEach(tasks, () -> new float[mr * nr], (c, t) -> {
            for (int i = 0; i < CALLS_PER_THREAD / TASKS_PER_THREAD; i++) ops.microKernel(KC, a, 0, b, 0, c, 0, nr, false);
            out[t] = c[t % (mr * nr)];
        });
        float sum = 0;
        for (float x : out) sum += x;
        return sum;
    }
}
