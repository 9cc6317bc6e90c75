package dojo.kernels;

import java.util.Arrays;

/**
 * Scaled dot-product attention and its gradient in double precision, for autograd engines that run in
 * double (gradient checks, small models). Same layouts, masks and conventions as {@link FusedAttention}
 * and {@link FusedAttentionBackward} (the forward saves the per-row log-sum-exp, the backward recomputes
 * the probabilities from it; a query that sees no key gets a zero output row and a zero gradient), but
 * plain loops, one query row at a time: O(m) extra memory per worker, never {@code n x m}. Parallel over
 * (batch, head); every sum in a fixed order, so results do not depend on the thread count.
 */
public final class AttentionDouble {

    private final Parallelism parallelism;

    public AttentionDouble(Parallelism parallelism) {
        this.parallelism = parallelism;
    }

    /**
     * {@code out [batch][heads][n][dv] = softmax(q.k^T / sqrt(d) + mask) . v}; {@code lse [batch][heads][n]}
     * (may be null) gets each row's log-sum-exp of its scaled visible scores, {@code -inf} if it sees none.
     */
    public void forward(int batch, int heads, int n, int m, int d, int dv, double[] q, double[] k, double[] v,
                        AttentionMask mask, double[] out, double[] lse) {
        String op = "attention (double)";
        check(op, batch, heads, n, m, d, dv, q, k, v, mask);
        Shapes.length(op, "out", out, "batch x heads x n x dv", batch, heads, n, dv);
        if (lse != null) Shapes.length(op, "lse", lse, "batch x heads x n", batch, heads, n);
        double scale = 1.0 / Math.sqrt(d);
        parallelism.forEach(batch * heads, () -> new double[m], (s, bh) -> {
            boolean[] pad = mask.paddingOf(bh / heads);
            int qo = bh * n * d, ko = bh * m * d, vo = bh * m * dv, oo = bh * n * dv;
            for (int i = 0; i < n; i++) {
                int visible = mask.causal() ? Math.min(m, i + 1) : m;
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < visible; j++) {
                    if (pad != null && pad[j]) continue;
                    s[j] = dot(q, qo + i * d, k, ko + j * d, d) * scale;
                    max = Math.max(max, s[j]);
                }
                Arrays.fill(out, oo + i * dv, oo + (i + 1) * dv, 0.0);
                if (max == Double.NEGATIVE_INFINITY) {        // sees no key: zero row
                    if (lse != null) lse[bh * n + i] = Double.NEGATIVE_INFINITY;
                    continue;
                }
                double sum = 0;
                for (int j = 0; j < visible; j++) {
                    if (pad != null && pad[j]) continue;
                    double p = Math.exp(s[j] - max);
                    sum += p;
                    for (int c = 0; c < dv; c++) out[oo + i * dv + c] += p * v[vo + j * dv + c];
                }
                for (int c = 0; c < dv; c++) out[oo + i * dv + c] /= sum;
                if (lse != null) lse[bh * n + i] = max + Math.log(sum);
            }
        });
    }

    /**
     * Gradients of {@link #forward} for the upstream gradient {@code dOut}: {@code dq, dk, dvOut} (same
     * shapes as q, k, v) are overwritten. Needs the forward's {@code out} and {@code lse}.
     */
    public void backward(int batch, int heads, int n, int m, int d, int dv, double[] q, double[] k, double[] v,
                         double[] out, double[] lse, double[] dOut, AttentionMask mask,
                         double[] dq, double[] dk, double[] dvOut) {
        String op = "attention backward (double)";
        check(op, batch, heads, n, m, d, dv, q, k, v, mask);
        Shapes.length(op, "out", out, "batch x heads x n x dv", batch, heads, n, dv);
        Shapes.length(op, "lse", lse, "batch x heads x n", batch, heads, n);
        Shapes.length(op, "dOut", dOut, "batch x heads x n x dv", batch, heads, n, dv);
        Shapes.length(op, "dQ", dq, "batch x heads x n x d", batch, heads, n, d);
        Shapes.length(op, "dK", dk, "batch x heads x m x d", batch, heads, m, d);
        Shapes.length(op, "dV", dvOut, "batch x heads x m x dv", batch, heads, m, dv);
        double scale = 1.0 / Math.sqrt(d);
        parallelism.forEach(batch * heads, () -> null, (none, bh) -> {
            boolean[] pad = mask.paddingOf(bh / heads);
            int qo = bh * n * d, ko = bh * m * d, vo = bh * m * dv, oo = bh * n * dv;
            Arrays.fill(dk, ko, ko + m * d, 0.0);
            Arrays.fill(dvOut, vo, vo + m * dv, 0.0);
            Arrays.fill(dq, qo, qo + n * d, 0.0);
            for (int i = 0; i < n; i++) {
                double l = lse[bh * n + i];
                if (l == Double.NEGATIVE_INFINITY) continue;  // saw no key: zero gradient
                double dsum = dot(dOut, oo + i * dv, out, oo + i * dv, dv);
                int visible = mask.causal() ? Math.min(m, i + 1) : m;
                for (int j = 0; j < visible; j++) {
                    if (pad != null && pad[j]) continue;
                    double p = Math.exp(dot(q, qo + i * d, k, ko + j * d, d) * scale - l);
                    for (int c = 0; c < dv; c++) dvOut[vo + j * dv + c] += p * dOut[oo + i * dv + c];
                    double ds = p * (dot(dOut, oo + i * dv, v, vo + j * dv, dv) - dsum) * scale;
                    for (int c = 0; c < d; c++) {
                        dq[qo + i * d + c] += ds * k[ko + j * d + c];
                        dk[ko + j * d + c] += ds * q[qo + i * d + c];
                    }
                }
            }
        });
    }

    private static void check(String op, int batch, int heads, int n, int m, int d, int dv,
                              double[] q, double[] k, double[] v, AttentionMask mask) {
        Shapes.positive(op, "batch x heads x n x m x d x dv", batch, heads, n, m, d, dv);
        Shapes.length(op, "Q", q, "batch x heads x n x d", batch, heads, n, d);
        Shapes.length(op, "K", k, "batch x heads x m x d", batch, heads, m, d);
        Shapes.length(op, "V", v, "batch x heads x m x dv", batch, heads, m, dv);
        if (mask == null) throw new IllegalArgumentException(op + ": mask is null (use AttentionMask.none())");
        mask.check(op, batch, m);
    }

    private static double dot(double[] a, int ao, double[] b, int bo, int len) {
        double s = 0;
        for (int c = 0; c < len; c++) s += a[ao + c] * b[bo + c];
        return s;
    }
}
