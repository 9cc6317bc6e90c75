package ex06_softmax_xent_backward;

import dojo.exercise.api.SoftmaxCrossEntropy;
import dojo.tensor.Autograd;
import dojo.tensor.Tensor;
import java.util.Arrays;

/**
 * Model answer for ex06: softmax and cross-entropy, forward and backward by hand.
 *
 * <p>Softmax backward: the Jacobian is {@code dp_j/dx_k = p_j (delta_jk - p_k)}, so
 * {@code dx_k = sum_j g_j p_j (delta_jk - p_k) = p_k (g_k - sum_j g_j p_j)}: the row-sum term is what
 * the diagonal-only version forgets. Cross-entropy of softmax: {@code L = -sum_c y_c log p_c}, and
 * {@code dL/dx_k = p_k - y_k} because sum_c y_c = 1; with mean reduction each row is divided by the
 * number of rows that count (ignored rows count for nothing and get zero gradient).
 */
public class SoftmaxCrossEntropyByHand implements SoftmaxCrossEntropy {

    @Override
    public Tensor softmax(Tensor logits) {
        requireNonNull("logits", logits);
        if (logits.dim() == 0) {
            throw new IllegalArgumentException("softmax: logits must have at least one dimension, shape is []");
        }
        int[] shape = logits.shape();
        int c = shape[shape.length - 1];
        double[] x = logits.toArray();
        double[] p = new double[x.length];
        for (int row = 0; row * c < x.length; row++) {
            softmaxRow(x, p, row * c, c);
        }
        Tensor probs = Tensor.of(p, shape);
        Tensor saved = probs.detach();
        return Autograd.record("softmax", probs, g -> new Tensor[] {softmaxBackward(saved, g)}, logits);
    }

    /** p[off..off+c) = softmax(x[off..off+c)); an all -inf line stays zeros. */
    private static void softmaxRow(double[] x, double[] p, int off, int c) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < c; j++) {
            if (Double.isNaN(x[off + j])) {
                throw new IllegalArgumentException("softmax: NaN in the logits at flat index " + (off + j));
            }
            max = Math.max(max, x[off + j]);
        }
        if (max == Double.NEGATIVE_INFINITY) {
            return; // every entry masked: zeros, never NaN
        }
        double sum = 0;
        for (int j = 0; j < c; j++) {
            p[off + j] = Math.exp(x[off + j] - max); // <= 1: no overflow
            sum += p[off + j];
        }
        for (int j = 0; j < c; j++) {
            p[off + j] /= sum;
        }
    }

    @Override
    public Tensor softmaxBackward(Tensor probs, Tensor gradProbs) {
        requireNonNull("probs", probs);
        requireNonNull("gradProbs", gradProbs);
        requireSameShape("softmaxBackward: probs", probs, "gradProbs", gradProbs);
        int[] shape = probs.shape();
        int c = shape.length == 0 ? 1 : shape[shape.length - 1];
        double[] p = probs.toArray();
        double[] g = gradProbs.toArray();
        double[] dx = new double[p.length];
        for (int off = 0; off < p.length; off += c) {
            double dot = 0; // sum_j g_j p_j: the row-sum term of the Jacobian
            for (int j = 0; j < c; j++) {
                dot += g[off + j] * p[off + j];
            }
            for (int j = 0; j < c; j++) {
                dx[off + j] = p[off + j] * (g[off + j] - dot);
            }
        }
        return Tensor.of(dx, shape);
    }

    @Override
    public Tensor crossEntropy(Tensor logits, int[] targets, int ignoreIndex, double labelSmoothing) {
        Rows r = rows(logits, targets, labelSmoothing);
        double total = 0;
        int counted = 0;
        for (int n = 0; n < r.n; n++) {
            if (targets[n] == ignoreIndex) {
                continue;
            }
            requireTarget(targets, n, r.c);
            counted++;
            // log p_c = x_c - max - log(sum exp(x - max)): stable for logits of any size
            int off = n * r.c;
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < r.c; j++) {
                max = Math.max(max, r.x[off + j]);
            }
            double sum = 0;
            for (int j = 0; j < r.c; j++) {
                sum += Math.exp(r.x[off + j] - max);
            }
            double logZ = max + Math.log(sum);
            double nllTarget = logZ - r.x[off + targets[n]];
            double nllMean = 0;
            for (int j = 0; j < r.c; j++) {
                nllMean += (logZ - r.x[off + j]) / r.c;
            }
            total += (1 - labelSmoothing) * nllTarget + labelSmoothing * nllMean;
        }
        Tensor loss = Tensor.scalar(total / counted); // 0/0 = NaN when every row is ignored, as PyTorch
        int[] t = targets.clone();
        Tensor x = logits.detach();
        return Autograd.record("crossEntropy", loss,
                g -> new Tensor[] {crossEntropyBackward(x, t, ignoreIndex, labelSmoothing).mul(g.item())}, logits);
    }

    @Override
    public Tensor crossEntropyBackward(Tensor logits, int[] targets, int ignoreIndex, double labelSmoothing) {
        Rows r = rows(logits, targets, labelSmoothing);
        int counted = 0;
        for (int n = 0; n < r.n; n++) {
            if (targets[n] != ignoreIndex) {
                requireTarget(targets, n, r.c);
                counted++;
            }
        }
        double[] grad = new double[r.x.length];
        if (counted == 0) {
            return Tensor.of(grad, logits.shape()); // nothing counts: zero gradient (PyTorch too)
        }
        for (int n = 0; n < r.n; n++) {
            if (targets[n] == ignoreIndex) {
                continue; // an ignored row contributes nothing: zero gradient
            }
            int off = n * r.c;
            softmaxRow(r.x, grad, off, r.c);
            for (int j = 0; j < r.c; j++) {
                // the smoothed target distribution: y = (1 - eps) onehot + eps / C (it sums to 1)
                double y = labelSmoothing / r.c + (j == targets[n] ? 1 - labelSmoothing : 0);
                grad[off + j] = (grad[off + j] - y) / counted; // (p - y) / number of counted rows
            }
        }
        return Tensor.of(grad, logits.shape());
    }

    private record Rows(double[] x, int n, int c) {
    }

    private static Rows rows(Tensor logits, int[] targets, double labelSmoothing) {
        requireNonNull("logits", logits);
        if (targets == null) {
            throw new IllegalArgumentException("targets is null");
        }
        if (logits.dim() == 0) {
            throw new IllegalArgumentException("crossEntropy: logits must be [..., C], shape is []");
        }
        if (!(labelSmoothing >= 0 && labelSmoothing <= 1)) {
            throw new IllegalArgumentException("crossEntropy: label smoothing must be in [0, 1], was " + labelSmoothing);
        }
        int[] shape = logits.shape();
        int c = shape[shape.length - 1];
        int n = c == 0 ? 0 : logits.numel() / c;
        if (targets.length != n) {
            throw new IllegalArgumentException("crossEntropy: logits " + Arrays.toString(shape) + " hold " + n
                    + " rows of " + c + " classes but there are " + targets.length + " targets");
        }
        return new Rows(logits.toArray(), n, c);
    }

    private static void requireTarget(int[] targets, int n, int c) {
        if (targets[n] < 0 || targets[n] >= c) {
            throw new IllegalArgumentException("crossEntropy: target " + targets[n] + " of row " + n
                    + " is outside [0, " + c + ") and is not the ignore index");
        }
    }

    private static void requireNonNull(String name, Tensor t) {
        if (t == null) {
            throw new IllegalArgumentException(name + " is null");
        }
    }

    private static void requireSameShape(String what, Tensor a, String bName, Tensor b) {
        if (!Arrays.equals(a.shape(), b.shape())) {
            throw new IllegalArgumentException(what + " is " + Arrays.toString(a.shape()) + " but " + bName + " is "
                    + Arrays.toString(b.shape()) + ": they need the same shape");
        }
    }
}
