package dojo.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * A plain warmup-then-measure loop (not JMH: good for a quick side-by-side, not for publication).
 * Warmup runs until {@code warmup} has passed (at least once) so the JIT has compiled the hot loops;
 * then runs are timed until {@code measure} has passed and at least {@code minRuns} ran.
 */
public final class BenchRunner {

    private final Duration warmup, measure;
    private final int minRuns;
    private final LongSupplier nanoTime;

    public BenchRunner(Duration warmup, Duration measure, int minRuns, LongSupplier nanoTime) {
        this.warmup = warmup;
        this.measure = measure;
        this.minRuns = Math.max(1, minRuns);
        this.nanoTime = nanoTime;
    }

    public List<BenchResult> run(List<BenchCase> cases, Consumer<BenchCase> starting) {
        List<BenchResult> results = new ArrayList<>(cases.size());
        for (BenchCase c : cases) {
            starting.accept(c);
            results.add(run(c));
        }
        return results;
    }

    public BenchResult run(BenchCase c) {
        long start = nanoTime.getAsLong();
        do {
            c.run().run();
        } while (nanoTime.getAsLong() - start < warmup.toNanos());
        List<Long> times = new ArrayList<>();
        long measureStart = nanoTime.getAsLong();
        while (times.size() < minRuns || nanoTime.getAsLong() - measureStart < measure.toNanos()) {
            long t0 = nanoTime.getAsLong();
            c.run().run();
            times.add(nanoTime.getAsLong() - t0);
        }
        long[] sorted = times.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        double median = sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2.0;
        return new BenchResult(c.group(), c.name(), c.flops(), c.threads(), median / 1e6, sorted[0] / 1e6, sorted.length,
                c.comparedWith());
    }
}
