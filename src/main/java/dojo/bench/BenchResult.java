package dojo.bench;

/**
 * Timing of one {@link BenchCase}: median over {@code runs} measured runs, after warmup; {@code comparedWith} as the
 * case's (null: the case does its group's work).
 */
public record BenchResult(String group, String name, double flops, int threads, double medianMillis, double bestMillis, int runs,
                          String comparedWith) {

    /** A result of a case doing its group's work. */
    public BenchResult(String group, String name, double flops, int threads, double medianMillis, double bestMillis, int runs) {
        this(group, name, flops, threads, medianMillis, bestMillis, runs, null);
    }

    /** A single-threaded result. */
    public BenchResult(String group, String name, double flops, double medianMillis, double bestMillis, int runs) {
        this(group, name, flops, 1, medianMillis, bestMillis, runs);
    }

    public double gflops() {
        return flops / (medianMillis * 1e6);
    }

    /** GFLOP/s of the best run: what the FMA ceiling rows report (the ceiling is what the hardware can do). */
    public double bestGflops() {
        return flops / (bestMillis * 1e6);
    }
}
