package dojo.nn;

import dojo.tensor.Tensor;
import java.util.List;

/**
 * Rotary position embedding (RoPE; Su et al. 2021, "RoFormer", section 3.4): rotates each pair of
 * features of a query or key by an angle proportional to its position, {@code theta_i = base^(-2i/d)},
 * so that {@code q_m . k_n} depends only on {@code m - n}. Applied to q and k per head, [..., L, d] with
 * d even; no parameters.
 *
 * <p>Two pairings are in use: {@link Pairing#HALF} pairs feature i with i + d/2 ("rotate half", as in
 * GPT-NeoX, LLaMA and Hugging Face); {@link Pairing#INTERLEAVED} pairs 2i with 2i+1 (the paper's and
 * GPT-J's). The two are the same rotation up to a fixed permutation of features.
 */
public final class RotaryEmbedding extends Module {

    public enum Pairing { HALF, INTERLEAVED }

    private final int dim;
    private final double base;
    private final Pairing pairing;

    public RotaryEmbedding(int dim) {
        this(dim, 10000, Pairing.HALF);
    }

    public RotaryEmbedding(int dim, double base, Pairing pairing) {
        if (dim < 2 || dim % 2 != 0) throw new IllegalArgumentException("RotaryEmbedding: dim must be even and >= 2, was " + dim);
        this.dim = dim;
        this.base = base;
        this.pairing = pairing;
    }

    /** Angles [L, d/2]: {@code (offset + pos) * base^(-2i/d)}. */
    private double[] angles(int length, int offset) {
        int half = dim / 2;
        double[] a = new double[length * half];
        for (int i = 0; i < half; i++) {
            double inv = 1.0 / Math.pow(base, (2.0 * i) / dim);
            for (int p = 0; p < length; p++) a[p * half + i] = (offset + p) * inv;
        }
        return a;
    }

    /** Rotates x [..., L, d] whose first position is {@code offset} (0 unless continuing a sequence). */
    public Tensor apply(Tensor x, int offset) {
        if (x.dim() < 2 || x.size(-1) != dim) {
            throw new IllegalArgumentException("RotaryEmbedding: input of shape " + java.util.Arrays.toString(x.shape()) + " must be [..., L, " + dim + "]");
        }
        int length = x.size(-2);
        int half = dim / 2;
        double[] a = angles(length, offset);
        double[] cos = new double[a.length];
        double[] sin = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            cos[i] = Math.cos(a[i]);
            sin[i] = Math.sin(a[i]);
        }
        Tensor c = Tensor.of(cos, length, half);
        Tensor s = Tensor.of(sin, length, half);
        if (pairing == Pairing.HALF) {
            Tensor x1 = x.narrow(-1, 0, half);
            Tensor x2 = x.narrow(-1, half, half);
            return Tensor.cat(List.of(x1.mul(c).sub(x2.mul(s)), x1.mul(s).add(x2.mul(c))), x.dim() - 1);
        }
        int[] shape = x.shape();
        int[] pairs = java.util.Arrays.copyOf(shape, shape.length + 1);
        pairs[shape.length - 1] = half;
        pairs[shape.length] = 2;
        Tensor xp = x.reshape(pairs);
        Tensor x1 = xp.select(-1, 0);
        Tensor x2 = xp.select(-1, 1);
        return Tensor.stack(List.of(x1.mul(c).sub(x2.mul(s)), x1.mul(s).add(x2.mul(c))), shape.length).reshape(shape);
    }

    public Tensor apply(Tensor x) {
        return apply(x, 0);
    }
}
