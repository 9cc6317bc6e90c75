package dojo.tensor;

/**
 * The CTC loss of {@link Functional#ctcLoss}: the forward algorithm (alpha) and the backward algorithm
 * (beta) in log space over the extended label sequence {@code blank, l1, blank, l2, ..., blank}
 * (Graves et al. 2006, "Connectionist Temporal Classification", sections 4.1-4.2).
 */
final class Ctc {

    private Ctc() {
    }

    static Tensor loss(Tensor logProbs, int[] inputLengths, int[][] targets, int blank, boolean zeroInfinity) {
        if (logProbs.dim() != 3) {
            throw new IllegalArgumentException("ctcLoss: logProbs must be [B, T, C], shape is " + Shape.text(logProbs.shape));
        }
        int batch = logProbs.shape[0], frames = logProbs.shape[1], classes = logProbs.shape[2];
        if (inputLengths.length != batch || targets.length != batch) {
            throw new IllegalArgumentException("ctcLoss: " + inputLengths.length + " input lengths and " + targets.length
                    + " targets for a batch of " + batch + " (logProbs " + Shape.text(logProbs.shape) + ")");
        }
        if (blank < 0 || blank >= classes) {
            throw new IllegalArgumentException("ctcLoss: blank " + blank + " is not a class in 0.." + (classes - 1));
        }
        for (int b = 0; b < batch; b++) {
            if (inputLengths[b] < 1 || inputLengths[b] > frames) {
                throw new IllegalArgumentException("ctcLoss: inputLengths[" + b + "] = " + inputLengths[b] + " must be in 1.." + frames);
            }
            if (targets[b] == null) throw new IllegalArgumentException("ctcLoss: targets[" + b + "] is null");
            for (int i = 0; i < targets[b].length; i++) {
                int y = targets[b][i];
                if (y < 0 || y >= classes || y == blank) {
                    throw new IllegalArgumentException("ctcLoss: targets[" + b + "][" + i + "] = " + y
                            + " is not a label (0.." + (classes - 1) + " without the blank " + blank + ")");
                }
            }
        }
        double[] lp = logProbs.toArray();
        double[] grad = new double[lp.length];
        double total = 0;
        for (int b = 0; b < batch; b++) {
            int[] y = targets[b];
            double scale = 1.0 / (batch * Math.max(1, y.length));
            double nll = example(lp, b * frames * classes, classes, inputLengths[b], y, blank, grad, scale);
            if (Double.isInfinite(nll) && zeroInfinity) {
                java.util.Arrays.fill(grad, b * frames * classes, (b + 1) * frames * classes, 0);
                continue;
            }
            total += nll * scale;
        }
        double[] g = grad;
        int[] shape = logProbs.shape.clone();
        return Autograd.record("ctcLoss", Tensor.scalar(total), up -> new Tensor[] {Tensor.of(g, shape).mul(up.item())}, logProbs);
    }

    /** -log p(y | frames 0..T-1) of one example; writes scale * d(-log p)/d lp into grad. */
    private static double example(double[] lp, int base, int classes, int frames, int[] y, int blank, double[] grad, double scale) {
        int s = 2 * y.length + 1;
        int[] label = new int[s];
        for (int i = 0; i < s; i++) label[i] = i % 2 == 0 ? blank : y[i / 2];
        double[] alpha = new double[frames * s];
        double[] beta = new double[frames * s];
        java.util.Arrays.fill(alpha, Double.NEGATIVE_INFINITY);
        java.util.Arrays.fill(beta, Double.NEGATIVE_INFINITY);
        alpha[0] = lp[base + blank];
        if (s > 1) alpha[1] = lp[base + label[1]];
        for (int t = 1; t < frames; t++) {
            for (int i = 0; i < s; i++) {
                double a = alpha[(t - 1) * s + i];
                if (i > 0) a = logAdd(a, alpha[(t - 1) * s + i - 1]);
                if (i > 1 && label[i] != blank && label[i] != label[i - 2]) a = logAdd(a, alpha[(t - 1) * s + i - 2]);
                alpha[t * s + i] = a + lp[base + t * classes + label[i]];
            }
        }
        int last = frames - 1;
        beta[last * s + s - 1] = lp[base + last * classes + label[s - 1]];
        if (s > 1) beta[last * s + s - 2] = lp[base + last * classes + label[s - 2]];
        for (int t = last - 1; t >= 0; t--) {
            for (int i = 0; i < s; i++) {
                double v = beta[(t + 1) * s + i];
                if (i < s - 1) v = logAdd(v, beta[(t + 1) * s + i + 1]);
                if (i < s - 2 && label[i] != blank && label[i] != label[i + 2]) v = logAdd(v, beta[(t + 1) * s + i + 2]);
                beta[t * s + i] = v + lp[base + t * classes + label[i]];
            }
        }
        double logP = s > 1 ? logAdd(alpha[last * s + s - 1], alpha[last * s + s - 2]) : alpha[last * s];
        double[] occupied = new double[classes];
        for (int t = 0; t < frames; t++) {
            java.util.Arrays.fill(occupied, Double.NEGATIVE_INFINITY);
            for (int i = 0; i < s; i++) occupied[label[i]] = logAdd(occupied[label[i]], alpha[t * s + i] + beta[t * s + i]);
            for (int k = 0; k < classes; k++) {
                if (occupied[k] == Double.NEGATIVE_INFINITY) continue;
                // alpha and beta both include frame t's emission: divide it out once
                grad[base + t * classes + k] = -Math.exp(occupied[k] - lp[base + t * classes + k] - logP) * scale;
            }
        }
        return -logP;
    }

    /** log(exp(a) + exp(b)) without overflow; -inf is the log of zero. */
    static double logAdd(double a, double b) {
        if (a == Double.NEGATIVE_INFINITY) return b;
        if (b == Double.NEGATIVE_INFINITY) return a;
        double m = Math.max(a, b);
        return m + Math.log1p(Math.exp(-Math.abs(a - b)));
    }
}
