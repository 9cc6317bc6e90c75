package dojo.nn;

import dojo.tensor.Functional;
import dojo.tensor.Tensor;

/** {@code torch.nn.LayerNorm} over the trailing {@code normalizedShape}; keys {@code weight} (ones) and {@code bias} (zeros). */
public final class LayerNorm extends Module {

    private final int[] normalizedShape;
    private final double eps;
    private final Tensor weight;
    private final Tensor bias;

    public LayerNorm(int... normalizedShape) {
        this(normalizedShape, 1e-5, true);
    }

    public LayerNorm(int[] normalizedShape, double eps, boolean elementwiseAffine) {
        if (normalizedShape.length == 0) throw new IllegalArgumentException("LayerNorm: normalized shape must have at least one dim");
        this.normalizedShape = normalizedShape.clone();
        this.eps = eps;
        this.weight = elementwiseAffine ? registerParameter("weight", Tensor.ones(normalizedShape)) : null;
        this.bias = elementwiseAffine ? registerParameter("bias", Tensor.zeros(normalizedShape)) : null;
    }

    public Tensor forward(Tensor x) {
        int n = normalizedShape.length;
        for (int i = 0; i < n; i++) {
            if (x.dim() < n || x.size(x.dim() - n + i) != normalizedShape[i]) {
                throw new IllegalArgumentException("LayerNorm: input of shape " + java.util.Arrays.toString(x.shape())
                        + " does not end in the normalized shape " + java.util.Arrays.toString(normalizedShape));
            }
        }
        return Functional.layerNorm(x, n, weight, bias, eps);
    }

    public double eps() {
        return eps;
    }

    /** The scale (ones at construction), or null without elementwise affine. */
    public Tensor weight() {
        return weight;
    }

    /** The shift (zeros at construction), or null without elementwise affine. */
    public Tensor bias() {
        return bias;
    }
}
