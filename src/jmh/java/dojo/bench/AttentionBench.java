package dojo.bench;

import dojo.kernels.AttentionMask;
import dojo.kernels.Backend;
import dojo.kernels.FusedAttention;
import dojo.kernels.Parallelism;
import java.util.concurrent.TimeUnit;
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
 * Self-attention, 8 heads of d = 64: materialised (naive loops; EJML multi-threaded products) vs fused
 * online softmax (1 thread, all cores, causal on all cores). 4 h n^2 d flops per op (causal: half).
 * {@code -prof gc} shows the difference in allocation: the materialised versions allocate n^2 floats
 * per head, the fused one O(block) per worker.
 *
 * <p>Run: {@code scripts/bench.sh}, or directly {@code ... org.openjdk.jmh.Main AttentionBench -p n=1024 -prof gc}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", BenchJvm.TRAP_LIMIT, "-Xmx3g"})
public class AttentionBench {

    public static final int HEADS = 8;
    public static final int HEAD_DIM = 64;

    @Param({"1024", "4096"})
    public int n;

    @Param({"naive", "ejml", "fused", "fused_parallel", "fused_causal"})
    public String impl;

    private float[] q, k, v, out;
    private Parallelism parallelism;
    private FusedAttention fused;

    @Setup(Level.Trial)
    public void setUp() {
        int size = HEADS * n * HEAD_DIM;
        q = BenchSuite.random(3, size);
        k = BenchSuite.random(4, size);
        v = BenchSuite.random(5, size);
        out = new float[size];
        parallelism = impl.equals("fused") ? Parallelism.serial() : Parallelism.allCores();
        fused = new FusedAttention(Backend.best(), parallelism);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        parallelism.close();
    }

    @Benchmark
    public float[] attend() {
        switch (impl) {
            case "naive" -> Baselines.naiveAttention(HEADS, n, HEAD_DIM, q, k, v, out);
            case "ejml" -> Baselines.ejmlAttention(HEADS, n, HEAD_DIM, q, k, v, out);
            case "fused", "fused_parallel" -> fused.attend(1, HEADS, n, n, HEAD_DIM, HEAD_DIM, q, k, v, AttentionMask.none(), out);
            case "fused_causal" -> fused.attend(1, HEADS, n, n, HEAD_DIM, HEAD_DIM, q, k, v, AttentionMask.causalMask(), out);
            default -> throw new IllegalArgumentException("unknown impl " + impl);
        }
        return out;
    }
}
