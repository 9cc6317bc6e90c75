package dojo.bench;

import dojo.kernels.Backend;
import dojo.kernels.FmaPeak;
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
 * The FMA ceiling of this machine ({@link FmaPeak}): 2^28 flops per thread per op, on one thread and on
 * all cores. {@code scripts/bench.sh} divides every other GFLOP/s figure by it (1-thread rows by the
 * 1-thread peak, multi-threaded rows by the all-cores peak). And the bound under it that the SGEMM's
 * micro-kernel reaches with its operands in L1 ({@link KernelCeiling}): its flops are counted in the
 * {@code flops} counter, which Throughput mode reports per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", BenchJvm.TRAP_LIMIT})
public class PeakBench {

    /** "1" or "all" (one thread per available processor). */
    @Param({"1", "all"})
    public String threads;

    private Parallelism parallelism;
    private FmaPeak peak;
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
        peak = new FmaPeak(Backend.best(), parallelism);
        kernel = new KernelCeiling(Backend.best(), parallelism);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        parallelism.close();
    }

    @Benchmark
    public float fma() {
        return peak.run();
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public float microKernel(Flops counter) {
        counter.flops += kernel.flopsPerRun();
        return kernel.run();
    }
}
