package dojo.bench;

import dojo.kernels.Backend;
import dojo.kernels.KernelCeiling;
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
 * The SGEMM micro-kernel with its operands in L1 ({@link KernelCeiling}), on one thread and on all cores: the
 * most an SGEMM built on it can reach here. Throughput mode, so the {@code flops} counter is reported in
 * flops per second (a secondary metric; {@code scripts/bench_chart.java} divides it by the FMA ceiling).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", BenchJvm.TRAP_LIMIT})
public class KernelCeilingBench {

    /** "1" or "all" (one thread per available processor). */
    @Param({"1", "all"})
    public String threads;

    private Parallelism parallelism;
    private KernelCeiling kernel;

    /** Flops done, counted per operation: JMH reports their rate. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Flops {
        public double flops;

        @Setup(Level.Iteration)
        public void clear() {
            flops = 0;
        }
    }

    @Setup(Level.Trial)
    public void setUp() {
        parallelism = threads.equals("1") ? Parallelism.serial() : Parallelism.allCores();
        kernel = new KernelCeiling(Backend.best(), parallelism);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        parallelism.close();
    }

    @Benchmark
    public float microKernel(Flops counter) {
        counter.flops += kernel.flopsPerRun();
        return kernel.run();
    }
}
