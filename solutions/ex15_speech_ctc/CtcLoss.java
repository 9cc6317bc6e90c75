package ex15_speech_ctc;

import dojo.tensor.Autograd;
import dojo.tensor.Tensor;
import java.util.Arrays;

/**
 * The CTC loss with its own backward (Graves et al. 2006, sections 4.1-4.2): alpha (forward) and beta
 * (backward) variables over the extended labels {@code blank, y1, blank, y2, ..., blank}, in log space so
 * that 60 frames of probabilities around 0.1 do not underflow.
 */
final class CtcLoss {

    static final int BLANK = 0;

    private CtcLoss() {
    }

    static Tensor compute(Tensor logProbs, int[] inputLengths, int[][] targets) {
        if (logProbs == null || logProbs.dim() != 3) {
            throw new IllegalArgumentException("ctcLoss: logProbs must be [B, T, C], shape is "
                    + (logProbs == null ? "null" : Arrays.toString(logProbs.shape())));
        }
        int batch = logProbs.size(0), frames = logProbs.size(1), classes = logProbs.size(2);
        if (inputLengths == null || targets == null || inputLengths.length != batch || targets.length != batch) {
            throw new IllegalArgumentException("ctcLoss: need one input length and one target per example, batch is " + batch);
        }
        for (int b = 0; b < batch; b++) {
            if (inputLengths[b] < 1 || inputLengths[b] > frames) {
                throw new IllegalArgumentException("ctcLoss: inputLengths[" + b + "] = " + inputLengths[b] + " must be in 1.." + frames);
            }
            for (int i = 0; i < targets[b].length; i++) {
                if (targets[b][i] <= BLANK || targets[b][i] >= classes) {
                    throw new IllegalArgumentException("ctcLoss: targets[" + b + "][" + i + "] = " + targets[b][i]
                            + " is not a label 1.." + (classes - 1));
                }
            }
        }
        double[] lp = logProbs.toArray();                       // [B, T, C] row-major
        double[] grad = new double[lp.length];
        double loss = 0;
        for (int b = 0; b < batch; b++) {
            // reduction='mean': each example's loss divided by its target length, then the mean over the batch
            double scale = 1.0 / (batch * Math.max(1, targets[b].length));
            double nll = negativeLogLikelihood(lp, b * frames * classes, classes, inputLengths[b], targets[b], grad, scale);
            if (Double.isInfinite(nll)) {
                continue;                                      // zero_infinity=True: no loss, no gradient
            }
            loss += nll * scale;
        }
        int[] shape = logProbs.shape();
        return Autograd.record("ctcLoss", Tensor.scalar(loss),
                up -> new Tensor[] {Tensor.of(grad, shape).mul(up.item())}, logProbs);
    }

    /** -log p(y | frames 0..T-1) of one example; adds scale * d(-log p)/d logProbs into grad. */
    private static double negativeLogLikelihood(double[] lp, int base, int classes, int frames, int[] y, double[] grad, double scale) {
        int s = 2 * y.length + 1;
        int[] label = new int[s];
        for (int i = 0; i < s; i++) label[i] = i % 2 == 0 ? BLANK : y[i / 2];
        double[] alpha = new double[frames * s];
        double[] beta = new double[frames * s];
        Arrays.fill(alpha, Double.NEGATIVE_INFINITY);
        Arrays.fill(beta, Double.NEGATIVE_INFINITY);
        // a path starts in the first blank or on the first label
        alpha[0] = lp[base + BLANK];
        if (s > 1) alpha[1] = lp[base + label[1]];
        for (int t = 1; t < frames; t++) {
            for (int i = 0; i < s; i++) {
                double a = alpha[(t - 1) * s + i];                                        // stay
                if (i > 0) a = logAdd(a, alpha[(t - 1) * s + i - 1]);                      // advance one
                // skip the blank between two labels, unless they are equal: "a a" needs a blank in between
                if (i > 1 && label[i] != BLANK && label[i] != label[i - 2]) a = logAdd(a, alpha[(t - 1) * s + i - 2]);
                alpha[t * s + i] = a + lp[base + t * classes + label[i]];
            }
        }
        int last = frames - 1;
        // a path ends on the last label or the last blank
        beta[last * s + s - 1] = lp[base + last * classes + label[s - 1]];
        if (s > 1) beta[last * s + s - 2] = lp[base + last * classes + label[s - 2]];
        for (int t = last - 1; t >= 0; t--) {
            for (int i = 0; i < s; i++) {
                double v = beta[(t + 1) * s + i];
                if (i < s - 1) v = logAdd(v, beta[(t + 1) * s + i + 1]);
                if (i < s - 2 && label[i] != BLANK && label[i] != label[i + 2]) v = logAdd(v, beta[(t + 1) * s + i + 2]);
                beta[t * s + i] = v + lp[base + t * classes + label[i]];
            }
        }
        double logP = s > 1 ? logAdd(alpha[last * s + s - 1], alpha[last * s + s - 2]) : alpha[last * s];
        if (logP == Double.NEGATIVE_INFINITY) return Double.POSITIVE_INFINITY;
        // d(-log p)/d lp[t][k] = -(sum over states s with label k of alpha_t(s) beta_t(s) / y_t(k)) / p
        double[] occupancy = new double[classes];
        for (int t = 0; t < frames; t++) {
            Arrays.fill(occupancy, Double.NEGATIVE_INFINITY);
            for (int i = 0; i < s; i++) occupancy[label[i]] = logAdd(occupancy[label[i]], alpha[t * s + i] + beta[t * s + i]);
            for (int k = 0; k < classes; k++) {
                if (occupancy[k] != Double.NEGATIVE_INFINITY) {
                    grad[base + t * classes + k] = -Math.exp(occupancy[k] - lp[base + t * classes + k] - logP) * scale;
                }
            }
        }
        return -logP;
    }

    /** log(e^a + e^b), exact for -inf (the log of 0) and safe from overflow. */
    private static double logAdd(double a, double b) {
        if (a == Double.NEGATIVE_INFINITY) return b;
        if (b == Double.NEGATIVE_INFINITY) return a;
        return Math.max(a, b) + Math.log1p(Math.exp(-Math.abs(a - b)));
    }
}
