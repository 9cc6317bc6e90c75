package dojo.bench;

/** Timing of one {@link BenchCase}: median over {@code runs} measured runs, after warmup. */
public record BenchResult(String group, String name, double flops, double medianMillis, double bestMillis, int runs) {

    public double gflops() {
        return flops / (medianMillis * 1e6);
    }
}
