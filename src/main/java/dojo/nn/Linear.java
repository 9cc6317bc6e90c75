package dojo.nn;

import dojo.tensor.Functional;
import dojo.tensor.Generator;
import dojo.tensor.Tensor;

/** {@code torch.nn.Linear}: {@code y = x W^T + b}; keys {@code weight} [out, in] and {@code bias} [out]. */
public final class Linear extends Module {

    private final Tensor weight;
    private final Tensor bias;

    public Linear(int inFeatures, int outFeatures, Generator g) {
        this(inFeatures, outFeatures, true, g);
    }

    public Linear(int inFeatures, int outFeatures, boolean bias, Generator g) {
        if (inFeatures < 1 || outFeatures < 1) {
            throw new IllegalArgumentException("Linear: features must be positive, got in " + inFeatures + ", out " + outFeatures);
        }
        this.weight = registerParameter("weight", Init.defaultWeight(g, inFeatures, outFeatures, inFeatures));
        this.bias = bias ? registerParameter("bias", Init.defaultBias(g, inFeatures, outFeatures)) : null;
    }

    public Tensor forward(Tensor x) {
        return Functional.linear(x, weight, bias);
    }

    public Tensor weight() {
        return weight;
    }

    /** The bias, or null when built without one. */
    public Tensor bias() {
        return bias;
    }
}
