package dojo.models;

import dojo.tensor.Tensor;

/** Pooling over the sequence dimension. */
public final class Pooling {

    private Pooling() {
    }

    /**
     * Mean over real positions only: {@code sum(h * keep, 1) / max(sum(keep, 1), 1)} for h [B, L, E] and
     * keep [B, L, 1] (1 = real token). Padding never enters the mean, so extra padding cannot change it.
     */
    public static Tensor maskedMean(Tensor h, Tensor keep) {
        Tensor counts = keep.sum(1, false);                       // [B, 1]
        double[] c = counts.toArray();
        for (int i = 0; i < c.length; i++) c[i] = Math.max(c[i], 1);
        return h.mul(keep).sum(1, false).div(Tensor.of(c, counts.shape()));
    }
}
