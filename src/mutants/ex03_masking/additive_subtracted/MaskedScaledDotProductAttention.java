// MUTANT: the additive mask is subtracted from the scores instead of added
package ex03_masking;

import dojo.exercise.api.AttentionResult;
import dojo.exercise.api.Mask;
import dojo.exercise.api.MaskedAttention;

/**
 * Model answer for ex03: attention where some (query, key) pairs are not allowed.
 *
 * <p>Masking happens on the scores, before the softmax: a blocked key gets score -Infinity, so
 * {@code exp} makes its weight exactly 0 and the remaining weights still sum to 1. Zeroing weights
 * after the softmax would leave rows that no longer sum to 1. Every form of mask is "per key j of
 * query i", so the padding mask indexes keys (columns), never queries. When no key is allowed, the
 * softmax would be 0/0 = NaN (what PyTorch returns); this project defines that row as zeros, so we
 * detect it and skip the softmax.
 */
public class MaskedScaledDotProductAttention implements MaskedAttention {

    @Override
    public AttentionResult attend(float[][] q, float[][] k, float[][] v, Mask mask) {
        requireMatrix("q", q);
        requireMatrix("k", k);
        requireMatrix("v", v);
        if (mask == null) {
            throw new IllegalArgumentException("mask is null: pass Mask.none() for no masking");
        }
        int lq = q.length;
        int dk = q[0].length;
        int lk = k.length;
        int dv = v[0].length;
        if (k[0].length != dk) {
            throw new IllegalArgumentException("q is " + shape(q) + " but k is " + shape(k)
                    + ": q and k need the same d_k (number of columns)");
        }
        if (v.length != lk) {
            throw new IllegalArgumentException("k is " + shape(k) + " but v is " + shape(v)
                    + ": k and v need the same number of rows (one value per key)");
        }
        mask.requireFits(lq, lk);

        double scale = 1.0 / Math.sqrt(dk);
        float[][] weights = new float[lq][lk];
        float[][] output = new float[lq][dv];
        double[] scores = new double[lk];
        for (int i = 0; i < lq; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < lk; j++) {
                if (!allowed(mask, i, j)) {
                    scores[j] = Double.NEGATIVE_INFINITY;
                    continue;
                }
                double dot = 0;
                for (int c = 0; c < dk; c++) {
                    dot += (double) q[i][c] * k[j][c];
                }
                scores[j] = dot * scale - (mask.additive() == null ? 0 : mask.additive()[i][j]);
                max = Math.max(max, scores[j]);
            }
            if (max == Double.NEGATIVE_INFINITY) {
                continue; // every key masked: zero weights, zero output (not NaN)
            }
            double sum = 0;
            for (int j = 0; j < lk; j++) {
                scores[j] = Math.exp(scores[j] - max); // exp(-inf) = 0 for masked keys
                sum += scores[j];
            }
            for (int j = 0; j < lk; j++) {
                double p = scores[j] / sum;
                weights[i][j] = (float) p;
                if (p != 0) {
                    for (int c = 0; c < dv; c++) {
                        output[i][c] += (float) (p * v[j][c]);
                    }
                }
            }
        }
        return new AttentionResult(output, weights);
    }

    /** May query i look at key j? Every given form must agree. */
    private static boolean allowed(Mask mask, int i, int j) {
        if (mask.isCausal() && j > i) {
            return false; // top-left aligned: query i sees keys 0..i
        }
        if (mask.keyPadding() != null && mask.keyPadding()[j]) {
            return false; // padding is a property of the key (column j), for every query
        }
        if (mask.blocked() != null && mask.blocked()[i][j]) {
            return false;
        }
        return mask.additive() == null || mask.additive()[i][j] != Float.NEGATIVE_INFINITY;
    }

    private static void requireMatrix(String name, float[][] m) {
        if (m == null) {
            throw new IllegalArgumentException(name + " is null");
        }
        if (m.length == 0 || m[0] == null || m[0].length == 0) {
            throw new IllegalArgumentException(name + " is empty: it needs at least one row and one column");
        }
        for (int r = 0; r < m.length; r++) {
            if (m[r] == null || m[r].length != m[0].length) {
                throw new IllegalArgumentException(name + " is ragged: row " + r + " has "
                        + (m[r] == null ? "no array" : m[r].length + " entries") + " but row 0 has " + m[0].length);
            }
            for (int c = 0; c < m[r].length; c++) {
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
