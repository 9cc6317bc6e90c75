// MUTANT: heads split by interleaving: head h takes columns h, h+H, h+2H, ... instead of a contiguous block
package ex04_multihead;

import dojo.exercise.api.Mask;
import dojo.exercise.api.MhaResult;
import dojo.exercise.api.MhaWeights;
import dojo.exercise.api.MultiHeadAttention;

/**
 * Model answer for ex04: {@code torch.nn.MultiheadAttention} for one sequence.
 *
 * <p>The heads are a reshape, not extra weights: one [E][E] projection is cut into H contiguous
 * column blocks of width d = E / H (PyTorch's {@code view(L, H, d)}), and head h attends over the
 * <em>positions</em> using only its block. Each head's softmax is scaled by 1/sqrt(d), its own width.
 * The head outputs go back side by side, in head order, and one more [E][E] projection mixes them.
 */
public class MultiHeadAttentionLayer implements MultiHeadAttention {

    @Override
    public MhaResult forward(MhaWeights w, float[][] query, float[][] key, float[][] value, Mask mask) {
        if (w == null) {
            throw new IllegalArgumentException("weights are null");
        }
        if (mask == null) {
            throw new IllegalArgumentException("mask is null: pass Mask.none() for no masking");
        }
        int e = w.embedDim();
        int heads = w.numHeads();
        int d = w.headDim();
        requireMatrix("query", query, e);
        requireMatrix("key", key, e);
        requireMatrix("value", value, e);
        if (value.length != key.length) {
            throw new IllegalArgumentException("key is " + shape(key) + " but value is " + shape(value)
                    + ": key and value need the same number of rows (one value per key)");
        }
        int lq = query.length;
        int lk = key.length;
        mask.requireFits(lq, lk);

        float[][] in = w.inProjWeight();
        float[] bias = w.inProjBias();
        float[][] q = project(query, in, bias, 0, e);       // rows [0, E) of in_proj: Wq
        float[][] k = project(key, in, bias, e, e);         // rows [E, 2E): Wk
        float[][] v = project(value, in, bias, 2 * e, e);   // rows [2E, 3E): Wv

        double scale = 1.0 / Math.sqrt(d);
        float[][][] weights = new float[heads][lq][lk];
        float[][] concat = new float[lq][e];
        double[] scores = new double[lk];
        for (int h = 0; h < heads; h++) {
            int from = h * d; // head h owns columns [h*d, (h+1)*d)
            for (int i = 0; i < lq; i++) {
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < lk; j++) {
                    if (!allowed(mask, i, j)) {
                        scores[j] = Double.NEGATIVE_INFINITY;
                        continue;
                    }
                    double dot = 0;
                    for (int t = 0; t < d; t++) {
                        int c = t * heads + h; // head h takes columns h, h+H, h+2H, ...
                        dot += (double) q[i][c] * k[j][c];
                    }
                    scores[j] = dot * scale + (mask.additive() == null ? 0 : mask.additive()[i][j]);
                    max = Math.max(max, scores[j]);
                }
                if (max == Double.NEGATIVE_INFINITY) {
                    continue; // no key allowed: zero weights and a zero head output
                }
                double sum = 0;
                for (int j = 0; j < lk; j++) {
                    scores[j] = Math.exp(scores[j] - max);
                    sum += scores[j];
                }
                for (int j = 0; j < lk; j++) {
                    double p = scores[j] / sum;
                    weights[h][i][j] = (float) p;
                    for (int t = 0; t < d; t++) {
                        int c = t * heads + h;
                        concat[i][c] += (float) (p * v[j][c]);
                    }
                }
            }
        }
        float[][] output = project(concat, w.outProjWeight(), w.outProjBias(), 0, e);
        return new MhaResult(output, weights);
    }

    /** {@code x W[rows firstRow..firstRow+n)^T + b[same range]}, nn.Linear's y = x W^T + b. */
    private static float[][] project(float[][] x, float[][] weight, float[] bias, int firstRow, int n) {
        float[][] y = new float[x.length][n];
        for (int i = 0; i < x.length; i++) {
            for (int o = 0; o < n; o++) {
                float[] wRow = weight[firstRow + o];
                double acc = bias[firstRow + o];
                for (int c = 0; c < wRow.length; c++) {
                    acc += (double) x[i][c] * wRow[c];
                }
                y[i][o] = (float) acc;
            }
        }
        return y;
    }

    private static boolean allowed(Mask mask, int i, int j) {
        if (mask.isCausal() && j > i) {
            return false;
        }
        if (mask.keyPadding() != null && mask.keyPadding()[j]) {
            return false;
        }
        if (mask.blocked() != null && mask.blocked()[i][j]) {
            return false;
        }
        return mask.additive() == null || mask.additive()[i][j] != Float.NEGATIVE_INFINITY;
    }

    private static void requireMatrix(String name, float[][] m, int e) {
        if (m == null) {
            throw new IllegalArgumentException(name + " is null");
        }
        if (m.length == 0) {
            throw new IllegalArgumentException(name + " is empty: it needs at least one row");
        }
        for (int r = 0; r < m.length; r++) {
            if (m[r] == null || m[r].length != e) {
                throw new IllegalArgumentException(name + " is [" + m.length + " x "
                        + (m[0] == null ? "?" : m[0].length) + "]" + (r > 0 ? " (row " + r + " differs)" : "")
                        + " but the layer has embed dim E = " + e + ": every row must have E entries");
            }
            for (int c = 0; c < e; c++) {
                if (!Float.isFinite(m[r][c])) {
                    throw new IllegalArgumentException(name + " has " + m[r][c] + " at [" + r + "][" + c
                            + "]: inputs must be finite");
                }
            }
        }
    }

    private static String shape(float[][] m) {
        return "[" + m.length + " x " + m[0].length + "]";
    }
}
