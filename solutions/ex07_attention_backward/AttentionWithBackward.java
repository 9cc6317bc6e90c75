package ex07_attention_backward;

import dojo.exercise.api.AttentionBackward;
import dojo.exercise.api.AttentionGradients;
import dojo.tensor.Autograd;
import dojo.tensor.Tensor;
import java.util.Arrays;

/**
 * Model answer for ex07: scaled dot-product attention with its backward pass written out.
 *
 * <pre>
 *   S = Q K^T * c  (c = 1/sqrt(d_k)),  masked -> -inf     P = softmax(S) per row     O = P V
 *   dV = P^T dO            dP = dO V^T
 *   dS = P * (dP - rowsum(dP * P))                      (softmax backward, row by row)
 *   dQ = dS K * c          dK = dS^T Q * c
 * </pre>
 *
 * A masked entry has P = 0, so dS = 0 there: the mask needs no extra code in the backward as long as the
 * backward uses the same masked P as the forward. A fully masked row has P = 0 everywhere: zero output,
 * zero gradients.
 */
public class AttentionWithBackward implements AttentionBackward {

    @Override
    public Tensor forward(Tensor q, Tensor k, Tensor v, Tensor mask) {
        Dims d = dims(q, k, v, mask);
        double[] qa = q.toArray();
        double[] ka = k.toArray();
        double[] va = v.toArray();
        double[] blocked = blockedMask(d, mask);
        double[] out = new double[d.b * d.lq * d.dv];
        for (int b = 0; b < d.b; b++) {
            double[] p = probabilities(d, qa, ka, blocked, b);
            for (int i = 0; i < d.lq; i++) {
                for (int j = 0; j < d.lk; j++) {
                    double w = p[i * d.lk + j];
                    if (w == 0) {
                        continue;
                    }
                    for (int c = 0; c < d.dv; c++) {
                        out[(b * d.lq + i) * d.dv + c] += w * va[(b * d.lk + j) * d.dv + c];
                    }
                }
            }
        }
        Tensor result = Tensor.of(out, d.b, d.lq, d.dv);
        Tensor qs = q.detach();
        Tensor ks = k.detach();
        Tensor vs = v.detach();
        Tensor ms = mask == null ? null : mask.detach();
        return Autograd.record("scaledDotProductAttention", result, g -> {
            AttentionGradients grads = backward(qs, ks, vs, ms, g);
            return new Tensor[] {grads.dq(), grads.dk(), grads.dv()};
        }, q, k, v);
    }

    @Override
    public AttentionGradients backward(Tensor q, Tensor k, Tensor v, Tensor mask, Tensor gradOutput) {
        Dims d = dims(q, k, v, mask);
        if (gradOutput == null || !Arrays.equals(gradOutput.shape(), new int[] {d.b, d.lq, d.dv})) {
            throw new IllegalArgumentException("gradOutput is " + (gradOutput == null ? "null" : Arrays.toString(gradOutput.shape()))
                    + " but the output is " + Arrays.toString(new int[] {d.b, d.lq, d.dv}));
        }
        double[] qa = q.toArray();
        double[] ka = k.toArray();
        double[] va = v.toArray();
        double[] go = gradOutput.toArray();
        double[] blocked = blockedMask(d, mask);
        double scale = 1.0 / Math.sqrt(d.dk);
        double[] dq = new double[qa.length];
        double[] dk = new double[ka.length];
        double[] dv = new double[va.length];
        double[] dp = new double[d.lk];
        for (int b = 0; b < d.b; b++) {
            double[] p = probabilities(d, qa, ka, blocked, b); // the same masked P as the forward
            for (int i = 0; i < d.lq; i++) {
                int qi = (b * d.lq + i);
                // dP[i][j] = dO[i] . V[j];   dV[j] += P[i][j] dO[i]
                double rowDot = 0;
                for (int j = 0; j < d.lk; j++) {
                    int vj = (b * d.lk + j) * d.dv;
                    double pij = p[i * d.lk + j];
                    double s = 0;
                    for (int c = 0; c < d.dv; c++) {
                        s += go[qi * d.dv + c] * va[vj + c];
                        dv[vj + c] += pij * go[qi * d.dv + c];
                    }
                    dp[j] = s;
                    rowDot += s * pij;
                }
                // dS[i][j] = P[i][j] (dP[i][j] - sum_j' dP[i][j'] P[i][j']), then through S = Q K^T * scale
                for (int j = 0; j < d.lk; j++) {
                    double ds = p[i * d.lk + j] * (dp[j] - rowDot) * scale;
                    if (ds == 0) {
                        continue;
                    }
                    int kj = (b * d.lk + j) * d.dk;
                    for (int c = 0; c < d.dk; c++) {
                        dq[qi * d.dk + c] += ds * ka[kj + c];
                        dk[kj + c] += ds * qa[qi * d.dk + c];
                    }
                }
            }
        }
        return new AttentionGradients(Tensor.of(dq, q.shape()), Tensor.of(dk, k.shape()), Tensor.of(dv, v.shape()));
    }

    /** P for batch entry b, [Lq * Lk] row-major; masked entries and fully masked rows are 0. */
    private static double[] probabilities(Dims d, double[] qa, double[] ka, double[] blocked, int b) {
        double scale = 1.0 / Math.sqrt(d.dk);
        double[] p = new double[d.lq * d.lk];
        for (int i = 0; i < d.lq; i++) {
            double max = Double.NEGATIVE_INFINITY;
            int qi = (b * d.lq + i) * d.dk;
            for (int j = 0; j < d.lk; j++) {
                int at = i * d.lk + j;
                if (blocked != null && blocked[(b * d.lq + i) * d.lk + j] != 0) {
                    p[at] = Double.NEGATIVE_INFINITY;
                    continue;
                }
                double s = 0;
                int kj = (b * d.lk + j) * d.dk;
                for (int c = 0; c < d.dk; c++) {
                    s += qa[qi + c] * ka[kj + c];
                }
                p[at] = s * scale;
                max = Math.max(max, p[at]);
            }
            if (max == Double.NEGATIVE_INFINITY) {
                Arrays.fill(p, i * d.lk, (i + 1) * d.lk, 0.0); // every key masked: zeros, not NaN
                continue;
            }
            double sum = 0;
            for (int j = 0; j < d.lk; j++) {
                int at = i * d.lk + j;
                p[at] = Math.exp(p[at] - max);
                sum += p[at];
            }
            for (int j = 0; j < d.lk; j++) {
                p[i * d.lk + j] /= sum;
            }
        }
        return p;
    }

    private record Dims(int b, int lq, int lk, int dk, int dv) {
    }

    private static Dims dims(Tensor q, Tensor k, Tensor v, Tensor mask) {
        for (Object[] t : new Object[][] {{"q", q}, {"k", k}, {"v", v}}) {
            Tensor x = (Tensor) t[1];
            if (x == null) {
                throw new IllegalArgumentException(t[0] + " is null");
            }
            if (x.dim() != 3) {
                throw new IllegalArgumentException(t[0] + " must be [B, L, d], shape is " + Arrays.toString(x.shape()));
            }
        }
        int[] qs = q.shape();
        int[] ks = k.shape();
        int[] vs = v.shape();
        if (ks[0] != qs[0] || vs[0] != qs[0] || ks[2] != qs[2] || vs[1] != ks[1]) {
            throw new IllegalArgumentException("q is " + Arrays.toString(qs) + ", k is " + Arrays.toString(ks) + ", v is "
                    + Arrays.toString(vs) + ": need q [B, Lq, d_k], k [B, Lk, d_k], v [B, Lk, d_v]");
        }
        if (qs[2] == 0) {
            throw new IllegalArgumentException("d_k is 0: q is " + Arrays.toString(qs));
        }
        return new Dims(qs[0], qs[1], ks[1], qs[2], vs[2]);
    }

    /** The mask broadcast to [B, Lq, Lk] (row-major), or null. */
    private static double[] blockedMask(Dims d, Tensor mask) {
        if (mask == null) {
            return null;
        }
        try {
            return mask.expand(d.b, d.lq, d.lk).toArray();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("mask is " + Arrays.toString(mask.shape()) + " but must broadcast to [B, Lq, Lk] = "
                    + Arrays.toString(new int[] {d.b, d.lq, d.lk}), e);
        }
    }
}
