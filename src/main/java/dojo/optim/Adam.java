package dojo.optim;

import dojo.tensor.Loops;
import dojo.tensor.Tensor;
import java.util.List;

/**
 * {@code torch.optim.Adam} and {@code AdamW} (amsgrad off). Per step t:
 * <pre>
 *   Adam:  g += wd p                          AdamW: p *= 1 - lr wd
 *   m = b1 m + (1 - b1) g;   v = b2 v + (1 - b2) g^2
 *   p -= lr / (1 - b1^t) * m / (sqrt(v) / sqrt(1 - b2^t) + eps)
 * </pre>
 */
public final class Adam extends Optimizer {

    private final double beta1;
    private final double beta2;
    private final double eps;
    private final double weightDecay;
    private final boolean decoupled;
    private final double[][] m;
    private final double[][] v;
    private final int[] steps;

    private Adam(List<Tensor> params, double lr, double beta1, double beta2, double eps, double weightDecay, boolean decoupled) {
        super(params, lr);
        checkRange("beta1", beta1, 0, 1 - Math.ulp(1.0));
        checkRange("beta2", beta2, 0, 1 - Math.ulp(1.0));
        checkRange("eps", eps, 0, Double.MAX_VALUE);
        checkRange("weight decay", weightDecay, 0, Double.MAX_VALUE);
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
        this.decoupled = decoupled;
        this.m = new double[params.size()][];
        this.v = new double[params.size()][];
        this.steps = new int[params.size()];
    }

    /** Adam with PyTorch's defaults: betas (0.9, 0.999), eps 1e-8, no weight decay. */
    public static Adam adam(List<Tensor> params, double lr) {
        return adam(params, lr, 0.9, 0.999, 1e-8, 0);
    }

    /** Adam; weight decay is L2, added to the gradient. */
    public static Adam adam(List<Tensor> params, double lr, double beta1, double beta2, double eps, double weightDecay) {
        return new Adam(params, lr, beta1, beta2, eps, weightDecay, false);
    }

    /** AdamW with PyTorch's defaults: betas (0.9, 0.999), eps 1e-8, weight decay 1e-2. */
    public static Adam adamW(List<Tensor> params, double lr) {
        return adamW(params, lr, 0.9, 0.999, 1e-8, 1e-2);
    }

    /** AdamW: decoupled weight decay, {@code p *= 1 - lr wd} before the Adam step. */
    public static Adam adamW(List<Tensor> params, double lr, double beta1, double beta2, double eps, double weightDecay) {
        return new Adam(params, lr, beta1, beta2, eps, weightDecay, true);
    }

    @Override
    protected void update(int index, double[] p, double[] g) {
        if (m[index] == null) {
            m[index] = new double[p.length];
            v[index] = new double[p.length];
        }
        double[] mi = m[index];
        double[] vi = v[index];
        int t = ++steps[index];
        double lr = lr();
        double bc1 = 1 - Math.pow(beta1, t);
        double bc2Sqrt = Math.sqrt(1 - Math.pow(beta2, t));
        double stepSize = lr / bc1;
        Loops.range(p.length, (from, to) -> {
            for (int i = from; i < to; i++) {
                double gi = g[i];
                if (decoupled) p[i] *= 1 - lr * weightDecay;
                else gi += weightDecay * p[i];
                mi[i] = beta1 * mi[i] + (1 - beta1) * gi;
                vi[i] = beta2 * vi[i] + (1 - beta2) * gi * gi;
                double denom = Math.sqrt(vi[i]) / bc2Sqrt + eps;
                p[i] -= stepSize * mi[i] / denom;
            }
        });
    }
}
