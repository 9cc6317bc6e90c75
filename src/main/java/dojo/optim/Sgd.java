package dojo.optim;

import dojo.tensor.Tensor;
import java.util.List;

/**
 * {@code torch.optim.SGD}: {@code d = g + wd p}; with momentum, {@code buf = d} on the first step and
 * {@code buf = momentum buf + (1 - dampening) d} after, {@code d = nesterov ? d + momentum buf : buf};
 * then {@code p -= lr d}.
 */
public final class Sgd extends Optimizer {

    private final double momentum;
    private final double dampening;
    private final double weightDecay;
    private final boolean nesterov;
    private final double[][] buffers;

    public Sgd(List<Tensor> params, double lr) {
        this(params, lr, 0, 0, 0, false);
    }

    public Sgd(List<Tensor> params, double lr, double momentum, double dampening, double weightDecay, boolean nesterov) {
        super(params, lr);
        checkRange("momentum", momentum, 0, Double.MAX_VALUE);
        checkRange("weight decay", weightDecay, 0, Double.MAX_VALUE);
        if (nesterov && (momentum <= 0 || dampening != 0)) {
            throw new IllegalArgumentException("SGD: Nesterov momentum requires a momentum and zero dampening");
        }
        this.momentum = momentum;
        this.dampening = dampening;
        this.weightDecay = weightDecay;
        this.nesterov = nesterov;
        this.buffers = new double[params.size()][];
    }

    @Override
    protected void update(int index, double[] p, double[] g) {
        double lr = lr();
        double[] buf = buffers[index];
        boolean first = buf == null;
        if (momentum != 0 && first) buf = buffers[index] = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            double d = g[i] + weightDecay * p[i];
            if (momentum != 0) {
                buf[i] = first ? d : momentum * buf[i] + (1 - dampening) * d;
                d = nesterov ? d + momentum * buf[i] : buf[i];
            }
            p[i] -= lr * d;
        }
    }
}
