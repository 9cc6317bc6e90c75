package dojo.bench;

import dojo.kernels.Backend;
import dojo.kernels.Parallelism;
import dojo.kernels.Sgemm;
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
 * Square SGEMM, {@code C = A.B}, five ways: naive i-k-j, EJML single and multi-threaded, the packed
 * Vector API kernel on one thread and on all cores. 2 n^3 flops per op.
 *
 * <p>Run: {@code scripts/bench.sh} (all, JSON into target/bench/), or directly
 * {@code java --add-modules jdk.incubator.vector -cp target/classes:target/test-classes:$(cat target/classpath.txt)
 * org.openjdk.jmh.Main SgemmBench -p n=1024 -prof gc}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", BenchJvm.TRAP_LIMIT, "-Xmx3g"})
public class SgemmBench {

    @Param({"256", "1024", "2048"})
    public int n;

    @Param({"naive", "ejml", "ejml_mt", "vector_1t", "vector_all"})
    public String impl;

    private float[] a, b, c;
    private Parallelism parallelism;
    private Sgemm sgemm;

    @Setup(Level.Trial)
    public void setUp() {
        a = BenchSuite.random(1, n * n);
        b = BenchSuite.random(2, n * n);
        c = new float[n * n];
        parallelism = impl.equals("vector_all") ? Parallelism.allCores() : Parallelism.serial();
        sgemm = new Sgemm(Backend.best(), parallelism);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        parallelism.close();
    }

    @Benchmark
    public float[] multiply() {
        switch (impl) {
            case "naive" -> Baselines.naiveMatmul(n, a, b, c);
            case "ejml" -> Baselines.ejmlMatmul(n, a, b, c, false);
            case "ejml_mt" -> Baselines.ejmlMatmul(n, a, b, c, true);
            case "vector_1t", "vector_all" -> sgemm.multiply(n, n, n, a, b, c);
            default -> throw new IllegalArgumentException("unknown impl " + impl);
        }
        return c;
    }
}
