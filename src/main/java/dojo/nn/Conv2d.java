package dojo.nn;

import dojo.tensor.Functional;
import dojo.tensor.Generator;
import dojo.tensor.Tensor;

/** {@code torch.nn.Conv2d} (groups = 1): keys {@code weight} [Cout, Cin, kh, kw], {@code bias} [Cout]; input [N, Cin, H, W]. */
public final class Conv2d extends Module {

    private final Tensor weight;
    private final Tensor bias;
    private final int[] stride;
    private final int[] padding;
    private final int[] dilation;

    public Conv2d(int inChannels, int outChannels, int kernelSize, Generator g) {
        this(inChannels, outChannels, new int[] {kernelSize, kernelSize}, new int[] {1, 1}, new int[] {0, 0}, new int[] {1, 1}, true, g);
    }

    /** Kernel size, stride, padding and dilation as {@code {h, w}}. */
    public Conv2d(int inChannels, int outChannels, int[] kernelSize, int[] stride, int[] padding, int[] dilation, boolean bias, Generator g) {
        if (inChannels < 1 || outChannels < 1 || kernelSize.length != 2 || kernelSize[0] < 1 || kernelSize[1] < 1) {
            throw new IllegalArgumentException("Conv2d: channels and both kernel sizes must be positive");
        }
        int fanIn = inChannels * kernelSize[0] * kernelSize[1];
        this.weight = registerParameter("weight", Init.defaultWeight(g, fanIn, outChannels, inChannels, kernelSize[0], kernelSize[1]));
        this.bias = bias ? registerParameter("bias", Init.defaultBias(g, fanIn, outChannels)) : null;
        this.stride = stride.clone();
        this.padding = padding.clone();
        this.dilation = dilation.clone();
    }

    public Tensor forward(Tensor x) {
        return Functional.conv2d(x, weight, bias, stride, padding, dilation);
    }
}
