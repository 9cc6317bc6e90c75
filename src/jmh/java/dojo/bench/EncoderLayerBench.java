package dojo.bench;

import dojo.nn.TransformerEncoderLayer;
import dojo.tensor.FloatMatmul;
import dojo.tensor.Generator;
import dojo.tensor.Tensor;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One training step's worth of work for a pre-LN {@code TransformerEncoderLayer} (dojo.nn, double):
 * forward on x [B, L, E] plus backward of {@code sum(y)} into x and every parameter. The same work in
 * PyTorch is timed by {@code scripts/bench_encoder.py}; {@code scripts/bench-encoder.sh} runs both.
 *
 * <p>Run: {@code scripts/bench-encoder.sh}, or directly
 * {@code java --add-modules jdk.incubator.vector -cp target/classes:target/test-classes:$(cat target/classpath.txt)
 * org.openjdk.jmh.Main EncoderLayerBench}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", BenchJvm.TRAP_LIMIT, "-Xmx2g"})
public class EncoderLayerBench {

    @Param({"8"})
    public int batch;
    @Param({"128"})
    public int length;
    @Param({"256"})
    public int embed;
    @Param({"4"})
    public int heads;
    @Param({"1024"})
    public int feedforward;
    /** {@code double}: everything in double (the default); {@code float_matmul}: large products on the float kernels. */
    @Param({"double", "float_matmul"})
    public String precision;

    private TransformerEncoderLayer layer;
    private Tensor x;

    @Setup
    public void setup() {
        layer = new TransformerEncoderLayer(TransformerEncoderLayer.Options.of(embed, heads).dimFeedforward(feedforward)
                .dropout(0).normFirst(true), new Generator(1));
        x = Tensor.randn(new Generator(2), batch, length, embed).requiresGrad(true);
    }

    @Benchmark
    public Tensor forwardBackward() {
        if (precision.equals("float_matmul")) {
            try (FloatMatmul fast = FloatMatmul.enable()) {
                return step();
            }
        }
        return step();
    }

    private Tensor step() {
        layer.zeroGrad();
        x.zeroGrad();
        layer.forward(x).sum().backward();
        return x.grad();
    }
}
