package dojo.bench;

import dojo.kernels.AttentionMask;
import dojo.kernels.Backend;
import dojo.kernels.FusedAttention;
import dojo.kernels.FusedAttentionBackward;
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
 * The fused attention backward (FlashAttention-2 style), 8 heads of d = 64: dQ, dK, dV from Q, K, V, O,
 * the saved log-sum-exp and dO (the forward runs once in setup, not in the timed op). Flops counted as
 * 2.5x the forward's 4 h n^2 d, FlashAttention-2's convention (five n x n x d products instead of two);
 * the causal row uses the same count (effective GFLOP/s).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", BenchJvm.TRAP_LIMIT, "-Xmx3g"})
public class AttentionBackwardBench {

    public static final int HEADS = 8;
    public static final int HEAD_DIM = 64;

    @Param({"1024", "4096"})
    public int n;

    @Param({"bwd_fused", "bwd_fused_parallel", "bwd_fused_causal"})
    public String impl;

    private float[] q, k, v, out, lse, dOut, dq, dk, dv;
    private AttentionMask mask;
    private Parallelism parallelism;
    private FusedAttentionBackward backward;

    @Setup(Level.Trial)
    public void setUp() {
        int size = HEADS * n * HEAD_DIM;
        q = BenchSuite.random(3, size);
        k = BenchSuite.random(4, size);
        v = BenchSuite.random(5, size);
        dOut = BenchSuite.random(6, size);
        out = new float[size];
        lse = new float[HEADS * n];
        dq = new float[size];
        dk = new float[size];
        dv = new float[size];
        mask = impl.equals("bwd_fused_causal") ? AttentionMask.causalMask() : AttentionMask.none();
        parallelism = impl.equals("bwd_fused") ? Parallelism.serial() : Parallelism.allCores();
        new FusedAttention(Backend.best(), parallelism).attend(1, HEADS, n, n, HEAD_DIM, HEAD_DIM, q, k, v, mask, out, lse);
        backward = new FusedAttentionBackward(Backend.best(), parallelism);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        parallelism.close();
    }

    @Benchmark
    public float[] backward() {
        backward.backward(1, HEADS, n, n, HEAD_DIM, HEAD_DIM, q, k, v, out, lse, dOut, mask, dq, dk, dv);
        return dq;
    }
}
