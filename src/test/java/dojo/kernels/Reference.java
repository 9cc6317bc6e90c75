package dojo.kernels;

import java.util.Random;

/** Naive double-precision references (the specification) and seeded test data. */
final class Reference {
    private Reference() {}

    static float[] uniform(long seed, int size) {
        Random r = new Random(seed);
        float[] x = new float[size];
        for (int i = 0; i < size; i++) x[i] = r.nextFloat() * 2f - 1f;
        return x;
    }

    static boolean[] padding(long seed, int keys, double p) {
        Random r = new Random(seed);
        boolean[] pad = new boolean[keys];
        for (int j = 0; j < keys; j++) pad[j] = r.nextDouble() < p;
        return pad;
    }

    /** C = A.B (or A.B^T) in double, plus the sum of |products| per element (the error scale). */
    static double[][] matmul(int m, int n, int k, float[] a, float[] b, boolean bTransposed) {
        double[] c = new double[m * n], mag = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0, g = 0;
                for (int p = 0; p < k; p++) {
                    double prod = (double) a[i * k + p] * (bTransposed ? b[j * k + p] : b[p * n + j]);
                    s += prod;
                    g += Math.abs(prod);
                }
                c[i * n + j] = s;
                mag[i * n + j] = g;
            }
        }
        return new double[][] {c, mag};
    }

    /**
     * One head of attention in double: scores scaled by 1/sqrt(d); masked keys excluded; a query that
     * sees no key gives a zero row.
     */
    static double[] attention(int n, int m, int d, int dv, float[] q, int qOff, float[] k, int kOff, float[] v, int vOff,
                              boolean causal, boolean[] pad) {
        double[] out = new double[n * dv];
        double scale = 1.0 / Math.sqrt(d);
        double[] s = new double[m];
        for (int i = 0; i < n; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < m; j++) {
                boolean masked = (causal && j > i) || (pad != null && pad[j]);
                if (masked) {
                    s[j] = Double.NEGATIVE_INFINITY;
                    continue;
                }
                double dot = 0;
                for (int c = 0; c < d; c++) dot += (double) q[qOff + i * d + c] * k[kOff + j * d + c];
                s[j] = dot * scale;
                max = Math.max(max, s[j]);
            }
            if (max == Double.NEGATIVE_INFINITY) continue;
            double sum = 0;
            for (int j = 0; j < m; j++) sum += s[j] = Math.exp(s[j] - max);
            for (int j = 0; j < m; j++) {
                if (s[j] == 0) continue;
                for (int c = 0; c < dv; c++) out[i * dv + c] += s[j] / sum * v[vOff + j * dv + c];
            }
        }
        return out;
    }

    /** torch.nn.MultiheadAttention (batch first) in double. */
    static double[] multiHead(MultiHeadAttentionWeights w, int batch, int lq, int lk, float[] query, float[] key,
                              float[] value, boolean causal, boolean[][] pad) {
        int e = w.embedDim(), h = w.numHeads(), hd = w.headDim();
        double[] out = new double[batch * lq * e];
        for (int b = 0; b < batch; b++) {
            double[] qp = linear(query, b * lq * e, lq, e, w.inProjWeight(), 0, w.inProjBias(), 0);
            double[] kp = linear(key, b * lk * e, lk, e, w.inProjWeight(), e * e, w.inProjBias(), e);
            double[] vp = linear(value, b * lk * e, lk, e, w.inProjWeight(), 2 * e * e, w.inProjBias(), 2 * e);
            double[] ctxD = new double[lq * e];
            for (int hh = 0; hh < h; hh++) {
                float[] qh = head(qp, lq, e, hh, hd), kh = head(kp, lk, e, hh, hd), vh = head(vp, lk, e, hh, hd);
                double[] o = attention(lq, lk, hd, hd, qh, 0, kh, 0, vh, 0, causal, pad == null ? null : pad[b]);
                for (int i = 0; i < lq; i++) for (int c = 0; c < hd; c++) ctxD[i * e + hh * hd + c] = o[i * hd + c];
            }
            double[] y = linearD(ctxD, lq, e, w.outProjWeight(), w.outProjBias());
            System.arraycopy(y, 0, out, b * lq * e, y.length);
        }
        return out;
    }

    private static float[] head(double[] x, int rows, int e, int h, int hd) {
        float[] y = new float[rows * hd];
        for (int i = 0; i < rows; i++) for (int c = 0; c < hd; c++) y[i * hd + c] = (float) x[i * e + h * hd + c];
        return y;
    }

    private static double[] linear(float[] x, int off, int rows, int e, float[] w, int wOff, float[] bias, int bOff) {
        double[] y = new double[rows * e];
        for (int i = 0; i < rows; i++) {
            for (int o = 0; o < e; o++) {
                double s = bias[bOff + o];
                for (int c = 0; c < e; c++) s += (double) x[off + i * e + c] * w[wOff + o * e + c];
                y[i * e + o] = s;
            }
        }
        return y;
    }

    private static double[] linearD(double[] x, int rows, int e, float[] w, float[] bias) {
        double[] y = new double[rows * e];
        for (int i = 0; i < rows; i++) {
            for (int o = 0; o < e; o++) {
                double s = bias[o];
                for (int c = 0; c < e; c++) s += x[i * e + c] * w[o * e + c];
                y[i * e + o] = s;
            }
        }
        return y;
    }

    /** Largest |actual - expected| / (abs + rel * |expected|); <= 1 means within tolerance. NaN counts as failure. */
    static double worstRatio(float[] actual, double[] expected, double abs, double rel) {
        double worst = 0;
        for (int i = 0; i < expected.length; i++) {
            double err = Math.abs(actual[i] - expected[i]) / (abs + rel * Math.abs(expected[i]));
            if (!(err <= worst)) worst = Double.isNaN(err) ? Double.POSITIVE_INFINITY : err;
        }
        return worst;
    }

    static double[] toDouble(float[] x) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) y[i] = x[i];
        return y;
    }

    /**
     * The attention gradient of one head, materialised (what autograd computes): the full n x m
     * probability matrix P, then dV = P^T.dO, dP = dO.V^T, dS = P * (dP - rowsum(dP * P)), dQ = dS.K/sqrt(d),
     * dK = dS^T.Q/sqrt(d). Masked keys have P = 0; a row that sees no key has P = 0 (zero output). Returns
     * {dq [n][d], dk [m][d], dv [m][dv]}.
     */
    static double[][] attentionBackward(int n, int m, int d, int dv, double[] q, int qOff, double[] k, int kOff,
                                        double[] v, int vOff, double[] dOut, int dOff, boolean causal, boolean[] pad) {
        double scale = 1.0 / Math.sqrt(d);
        double[][] p = new double[n][m];
        for (int i = 0; i < n; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < m; j++) {
                if ((causal && j > i) || (pad != null && pad[j])) {
                    p[i][j] = Double.NEGATIVE_INFINITY;
                    continue;
                }
                double dot = 0;
                for (int c = 0; c < d; c++) dot += q[qOff + i * d + c] * k[kOff + j * d + c];
                p[i][j] = dot * scale;
                max = Math.max(max, p[i][j]);
            }
            if (max == Double.NEGATIVE_INFINITY) {
                java.util.Arrays.fill(p[i], 0.0);
                continue;
            }
            double sum = 0;
            for (int j = 0; j < m; j++) sum += p[i][j] = Math.exp(p[i][j] - max);
            for (int j = 0; j < m; j++) p[i][j] /= sum;
        }
        double[] dq = new double[n * d], dk = new double[m * d], dV = new double[m * dv];
        for (int i = 0; i < n; i++) {
            double[] dp = new double[m];
            double rowDot = 0;
            for (int j = 0; j < m; j++) {
                for (int c = 0; c < dv; c++) {
                    dV[j * dv + c] += p[i][j] * dOut[dOff + i * dv + c];
                    dp[j] += dOut[dOff + i * dv + c] * v[vOff + j * dv + c];
                }
                rowDot += dp[j] * p[i][j];
            }
            for (int j = 0; j < m; j++) {
                double ds = p[i][j] * (dp[j] - rowDot) * scale;
                for (int c = 0; c < d; c++) {
                    dq[i * d + c] += ds * k[kOff + j * d + c];
                    dk[j * d + c] += ds * q[qOff + i * d + c];
                }
            }
        }
        return new double[][] {dq, dk, dV};
    }
}
