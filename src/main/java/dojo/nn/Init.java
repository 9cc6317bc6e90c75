package dojo.nn;

import dojo.tensor.Generator;
import dojo.tensor.Tensor;

/**
 * PyTorch's default initialisations ({@code torch.nn.init}), each drawing from a seeded
 * {@link Generator}: the distributions are PyTorch's, the numbers are not (different generator).
 */
public final class Init {

    private Init() {
    }

    /** {@code U(-b, b)} with {@code b = gain * sqrt(3 / fanIn)}, {@code gain = sqrt(2 / (1 + a^2))}. */
    public static Tensor kaimingUniform(Generator g, double a, int fanIn, int... shape) {
        double gain = Math.sqrt(2.0 / (1 + a * a));
        double bound = gain * Math.sqrt(3.0 / fanIn);
        return Tensor.uniform(g, -bound, bound, shape);
    }

    /** What {@code nn.Linear}/{@code nn.Conv*} use for weights: kaiming uniform with a = sqrt(5), i.e. {@code U(+-1/sqrt(fanIn))}. */
    public static Tensor defaultWeight(Generator g, int fanIn, int... shape) {
        return kaimingUniform(g, Math.sqrt(5), fanIn, shape);
    }

    /** What {@code nn.Linear}/{@code nn.Conv*} use for biases: {@code U(-1/sqrt(fanIn), 1/sqrt(fanIn))}. */
    public static Tensor defaultBias(Generator g, int fanIn, int... shape) {
        double bound = fanIn > 0 ? 1 / Math.sqrt(fanIn) : 0;
        return Tensor.uniform(g, -bound, bound, shape);
    }

    /** {@code U(-b, b)} with {@code b = gain * sqrt(6 / (fanIn + fanOut))}; fans of a 2-D [out, in] weight. */
    public static Tensor xavierUniform(Generator g, double gain, int... shape) {
        if (shape.length < 2) throw new IllegalArgumentException("xavierUniform: needs at least 2 dims, shape has " + shape.length);
        int receptive = 1;
        for (int i = 2; i < shape.length; i++) receptive *= shape[i];
        int fanIn = shape[1] * receptive;
        int fanOut = shape[0] * receptive;
        double bound = gain * Math.sqrt(6.0 / (fanIn + fanOut));
        return Tensor.uniform(g, -bound, bound, shape);
    }

    /** {@code N(0, 1)}, as {@code nn.Embedding}. */
    public static Tensor standardNormal(Generator g, int... shape) {
        return Tensor.randn(g, shape);
    }
}
