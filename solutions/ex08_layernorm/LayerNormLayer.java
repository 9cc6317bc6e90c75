package ex08_layernorm;

import dojo.exercise.api.LayerNormByHand;
import dojo.exercise.api.LayerNormGradients;
import dojo.tensor.Autograd;
import dojo.tensor.Tensor;
import java.util.Arrays;

/**
 * Model answer for ex08: layer norm over the last dimension, forward and backward.
 *
 * <pre>
 *   mu = mean(x)   var = mean((x - mu)^2)  (biased: / E)   r = 1 / sqrt(var + eps)   xh = (x - mu) r
 *   y = xh * gamma + beta
 *   dbeta = sum over positions of g          dgamma = sum over positions of g * xh
 *   dxh = g * gamma
 *   dx = r * (dxh - mean(dxh) - xh * mean(dxh * xh))       (per [E] vector)
 * </pre>
 *
 * The two mean terms come from mu and var depending on every element of the vector; dropping them is the
 * classic wrong backward (it treats the statistics as constants).
 */
public class LayerNormLayer implements LayerNormByHand {

    @Override
    public Tensor forward(Tensor x, Tensor gamma, Tensor beta, double eps) {
        int e = check(x, gamma, eps);
        if (beta == null || !Arrays.equals(beta.shape(), new int[] {e})) {
            throw new IllegalArgumentException("beta is " + (beta == null ? "null" : Arrays.toString(beta.shape()))
                    + " but x is " + Arrays.toString(x.shape()) + ": beta must be [" + e + "]");
        }
        double[] xa = x.toArray();
        double[] ga = gamma.toArray();
        double[] ba = beta.toArray();
        double[] y = new double[xa.length];
        double[] xh = new double[e];
        for (int off = 0; off < xa.length; off += e) {
            normalise(xa, off, e, eps, xh);
            for (int j = 0; j < e; j++) {
                y[off + j] = xh[j] * ga[j] + ba[j];
            }
        }
        Tensor out = Tensor.of(y, x.shape());
        Tensor xs = x.detach();
        Tensor gs = gamma.detach();
        return Autograd.record("layerNorm", out, g -> {
            LayerNormGradients grads = backward(xs, gs, eps, g);
            return new Tensor[] {grads.dx(), grads.dgamma(), grads.dbeta()};
        }, x, gamma, beta);
    }

    @Override
    public LayerNormGradients backward(Tensor x, Tensor gamma, double eps, Tensor gradOutput) {
        int e = check(x, gamma, eps);
        if (gradOutput == null || !Arrays.equals(gradOutput.shape(), x.shape())) {
            throw new IllegalArgumentException("gradOutput is " + (gradOutput == null ? "null" : Arrays.toString(gradOutput.shape()))
                    + " but x is " + Arrays.toString(x.shape()) + ": they need the same shape");
        }
        double[] xa = x.toArray();
        double[] ga = gamma.toArray();
        double[] go = gradOutput.toArray();
        double[] dx = new double[xa.length];
        double[] dgamma = new double[e];
        double[] dbeta = new double[e];
        double[] xh = new double[e];
        for (int off = 0; off < xa.length; off += e) {
            double r = normalise(xa, off, e, eps, xh);
            double meanD = 0;
            double meanDx = 0;
            for (int j = 0; j < e; j++) {
                double g = go[off + j];
                dbeta[j] += g;               // beta is added at every position: sum
                dgamma[j] += g * xh[j];      // gamma multiplies xh at every position
                double d = g * ga[j];        // dL/dxh
                meanD += d / e;
                meanDx += d * xh[j] / e;
            }
            for (int j = 0; j < e; j++) {
                dx[off + j] = r * (go[off + j] * ga[j] - meanD - xh[j] * meanDx);
            }
        }
        return new LayerNormGradients(Tensor.of(dx, x.shape()), Tensor.of(dgamma, e), Tensor.of(dbeta, e));
    }

    /** Writes xh of the vector at off into xh and returns r = 1 / sqrt(var + eps). */
    private static double normalise(double[] xa, int off, int e, double eps, double[] xh) {
        double mu = 0;
        for (int j = 0; j < e; j++) {
            mu += xa[off + j];
        }
        mu /= e;
        double var = 0;
        for (int j = 0; j < e; j++) {
            double c = xa[off + j] - mu;
            var += c * c;
        }
        var /= e; // biased variance, as PyTorch's layer_norm
        double r = 1.0 / Math.sqrt(var + eps); // eps inside the square root
        for (int j = 0; j < e; j++) {
            xh[j] = (xa[off + j] - mu) * r;
        }
        return r;
    }

    private static int check(Tensor x, Tensor gamma, double eps) {
        if (x == null) {
            throw new IllegalArgumentException("x is null");
        }
        if (x.dim() == 0 || x.size(-1) == 0) {
            throw new IllegalArgumentException("x must be [..., E] with E > 0, shape is " + Arrays.toString(x.shape()));
        }
        int e = x.size(-1);
        if (gamma == null || !Arrays.equals(gamma.shape(), new int[] {e})) {
            throw new IllegalArgumentException("gamma is " + (gamma == null ? "null" : Arrays.toString(gamma.shape()))
                    + " but x is " + Arrays.toString(x.shape()) + ": gamma must be [" + e + "]");
        }
        if (!(eps > 0)) {
            throw new IllegalArgumentException("eps must be positive, was " + eps);
        }
        return e;
    }
}
