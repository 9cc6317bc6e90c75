package dojo.bench;

import dojo.kernels.AttentionMask;
import dojo.kernels.Backend;
import dojo.kernels.FusedAttention;
import dojo.kernels.Parallelism;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Causal against non-causal fused attention (h = 8, d = 64, all cores), the two calls alternated in one JVM:
 * each operation times one call of each, the first of the pair alternating, and adds the times to two
 * counters. {@code AttentionBench} times the two in runs minutes apart, and on a shared machine the speed
 * drifts by 10% and more between such runs, which lands on their ratio; here both calls see the same
 * moments. {@code scripts/bench_chart.java} takes the median over iterations of causal time / non-causal time.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 8, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", BenchJvm.TRAP_LIMIT, "-Xmx3g"})
public class CausalRatioBench {

    @Param({"1024", "4096"})
    public int n;

    private float[] q, k, v, out;
    private Parallelism parallelism;
    private FusedAttention fused;
    private boolean causalFirst;

    /** Nanoseconds spent in each kind of call during an iteration (totals, not rates). */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Times {
        public double causalNanos, fullNanos;

        @Setup(Level.Iteration)
        public void clear() {
            causalNanos = 0;
            fullNanos = 0;
        }
    }

    @Setup(Level.Trial)
    public void setUp() {
        int size = AttentionBench.HEADS * n * AttentionBench.HEAD_DIM;
        q = BenchSuite.random(3, size);
        k = BenchSuite.random(4, size);
        v = BenchSuite.random(5, size);
        out = new float[size];
        parallelism = Parallelism.allCores();
        fused = new FusedAttention(Backend.best(), parallelism);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        parallelism.close();
    }

    @Benchmark
    public float[] pair(Times times) {
        causalFirst = !causalFirst;
        for (int i = 0; i < 2; i++) {
            boolean causal = causalFirst == (i == 0);
            long t0 = System.nanoTime();
            fused.attend(1, AttentionBench.HEADS, n, n, AttentionBench.HEAD_DIM, AttentionBench.HEAD_DIM, q, k, v,
                    causal ? AttentionMask.causalMask() : AttentionMask.none(), out);
            long t = System.nanoTime() - t0;
            if (causal) times.causalNanos += t;
            else times.fullNanos += t;
        }
        return out;
    }
}
