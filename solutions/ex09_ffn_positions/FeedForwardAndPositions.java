package ex09_ffn_positions;

import dojo.exercise.api.FeedForwardPositions;
import dojo.exercise.api.SpecialFunctions;
import dojo.tensor.Autograd;
import dojo.tensor.Tensor;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Model answer for ex09: exact GELU with its derivative, the feed-forward block, and sinusoidal and rotary
 * (half-split) position encodings.
 *
 * <pre>
 *   gelu(x) = x Phi(x),  Phi(x) = (1 + erf(x / sqrt 2)) / 2        gelu'(x) = Phi(x) + x phi(x)
 *   ffn(x)  = gelu(x W1^T + b1) W2^T + b2
 *   PE[p, 2i] = sin(p / 10000^(2i/E)),  PE[p, 2i+1] = cos(p / 10000^(2i/E))
 *   RoPE (half-split, h = d/2):  out[i] = x[i] cos(p t_i) - x[i+h] sin(p t_i)
 *                                out[i+h] = x[i+h] cos(p t_i) + x[i] sin(p t_i),   t_i = 10000^(-2i/d)
 * </pre>
 */
public class FeedForwardAndPositions implements FeedForwardPositions {

    static final List<String> KEYS = List.of("linear1.weight", "linear1.bias", "linear2.weight", "linear2.bias");

    @Override
    public Tensor gelu(Tensor x) {
        if (x == null) {
            throw new IllegalArgumentException("x is null");
        }
        double[] xa = x.toArray();
        double[] y = new double[xa.length];
        for (int i = 0; i < xa.length; i++) {
            y[i] = xa[i] * SpecialFunctions.normalCdf(xa[i]); // exact: erf, not the tanh approximation
        }
        Tensor out = Tensor.of(y, x.shape());
        return Autograd.record("gelu", out, g -> {
            double[] ga = g.toArray();
            double[] dx = new double[xa.length];
            for (int i = 0; i < xa.length; i++) {
                // product rule: d(x Phi(x))/dx = Phi(x) + x phi(x)
                dx[i] = ga[i] * (SpecialFunctions.normalCdf(xa[i]) + xa[i] * SpecialFunctions.normalPdf(xa[i]));
            }
            return new Tensor[] {Tensor.of(dx, x.shape())};
        }, x);
    }

    @Override
    public Tensor feedForward(Tensor x, Map<String, Tensor> weights) {
        if (x == null || weights == null) {
            throw new IllegalArgumentException((x == null ? "x" : "weights") + " is null");
        }
        for (String k : KEYS) {
            if (weights.get(k) == null) {
                throw new IllegalArgumentException("missing weight '" + k + "' (expected keys " + KEYS + ")");
            }
        }
        Tensor w1 = weights.get("linear1.weight");
        Tensor b1 = weights.get("linear1.bias");
        Tensor w2 = weights.get("linear2.weight");
        Tensor b2 = weights.get("linear2.bias");
        int e = x.size(-1);
        int f = w1.size(0);
        if (w1.dim() != 2 || w1.size(1) != e || !Arrays.equals(b1.shape(), new int[] {f})
                || w2.dim() != 2 || w2.size(0) != e || w2.size(1) != f || !Arrays.equals(b2.shape(), new int[] {e})) {
            throw new IllegalArgumentException("x is " + Arrays.toString(x.shape()) + ", linear1.weight " + Arrays.toString(w1.shape())
                    + ", linear1.bias " + Arrays.toString(b1.shape()) + ", linear2.weight " + Arrays.toString(w2.shape())
                    + ", linear2.bias " + Arrays.toString(b2.shape()) + ": need [F, E], [F], [E, F], [E] for E = " + e);
        }
        // nn.Linear: y = x W^T + b (W is [out, in])
        Tensor hidden = gelu(x.matmul(w1.t()).add(b1));
        return hidden.matmul(w2.t()).add(b2);
    }

    @Override
    public Tensor sinusoidal(int length, int dim) {
        if (length < 0 || dim <= 0 || dim % 2 != 0) {
            throw new IllegalArgumentException("sinusoidal: need length >= 0 and an even dim > 0, got length " + length + ", dim " + dim);
        }
        double[] pe = new double[length * dim];
        for (int p = 0; p < length; p++) {
            for (int i = 0; i < dim / 2; i++) {
                double angle = p / Math.pow(10000, 2.0 * i / dim);
                pe[p * dim + 2 * i] = Math.sin(angle);
                pe[p * dim + 2 * i + 1] = Math.cos(angle);
            }
        }
        return Tensor.of(pe, length, dim);
    }

    @Override
    public Tensor rotary(Tensor x) {
        if (x == null) {
            throw new IllegalArgumentException("x is null");
        }
        if (x.dim() < 2 || x.size(-1) % 2 != 0 || x.size(-1) == 0) {
            throw new IllegalArgumentException("rotary: x must be [..., L, d] with d even, shape is " + Arrays.toString(x.shape()));
        }
        int length = x.size(-2);
        int d = x.size(-1);
        int h = d / 2;
        double[] cos = new double[length * d];
        double[] sin = new double[length * d];
        for (int p = 0; p < length; p++) {
            for (int i = 0; i < h; i++) {
                double angle = p * Math.pow(10000, -2.0 * i / d);
                cos[p * d + i] = Math.cos(angle);
                cos[p * d + i + h] = Math.cos(angle);
                sin[p * d + i] = Math.sin(angle);
                sin[p * d + i + h] = Math.sin(angle);
            }
        }
        // rotate_half(x) = [-x2, x1]: the partner of dimension i is i + d/2
        Tensor x1 = x.narrow(-1, 0, h);
        Tensor x2 = x.narrow(-1, h, h);
        Tensor rotated = Tensor.cat(-1, x2.neg(), x1);
        return x.mul(Tensor.of(cos, length, d)).add(rotated.mul(Tensor.of(sin, length, d)));
    }
}
