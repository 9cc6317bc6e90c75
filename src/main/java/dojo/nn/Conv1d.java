package dojo.nn;

import dojo.tensor.Functional;
import dojo.tensor.Generator;
import dojo.tensor.Tensor;

/** {@code torch.nn.Conv1d} (groups = 1): keys {@code weight} [Cout, Cin, K], {@code bias} [Cout]; input [N, Cin, L]. */
public final class Conv1d extends Module {

    private final Tensor weight;
    private final Tensor bias;
    private final int stride;
    private final int padding;
    private final int dilation;

    public Conv1d(int inChannels, int outChannels, int kernelSize, Generator g) {
        this(inChannels, outChannels, kernelSize, 1, 0, 1, true, g);
    }

    public Conv1d(int inChannels, int outChannels, int kernelSize, int stride, int padding, int dilation, boolean bias, Generator g) {
        if (inChannels < 1 || outChannels < 1 || kernelSize < 1 || stride < 1 || padding < 0 || dilation < 1) {
            throw new IllegalArgumentException("Conv1d: channels, kernel size, stride and dilation must be positive and padding >= 0");
        }
        int fanIn = inChannels * kernelSize;
        this.weight = registerParameter("weight", Init.defaultWeight(g, fanIn, outChannels, inChannels, kernelSize));
        this.bias = bias ? registerParameter("bias", Init.defaultBias(g, fanIn, outChannels)) : null;
        this.stride = stride;
        this.padding = padding;
        this.dilation = dilation;
    }

    public Tensor forward(Tensor x) {
        return Functional.conv1d(x, weight, bias, stride, padding, dilation);
    }
}
