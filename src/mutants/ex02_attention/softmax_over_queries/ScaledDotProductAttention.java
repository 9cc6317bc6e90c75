// MUTANT: softmax normalises each column (over the queries) instead of each row (over the keys)
package ex02_attention;

import dojo.exercise.api.Attention;
import dojo.exercise.api.AttentionResult;

/**
 * Model answer for ex02: scaled dot-product attention, {@code softmax(q k^T / sqrt(d_k)) v}.
 *
 * <p>Three things make it correct rather than merely plausible: the scores are divided by
 * sqrt(d_k) (the variance of a dot product of d_k unit-variance terms is d_k, so without it the
 * softmax saturates as d_k grows); the softmax runs over the keys, one row per query; and the row
 * maximum is subtracted before {@code exp} so that scores of 1000 do not overflow to Infinity/NaN.
 */
public class ScaledDotProductAttention implements Attention {

    @Override
    public AttentionResult attend(float[][] q, float[][] k, float[][] v) {
        requireMatrix("q", q);
        requireMatrix("k", k);
        requireMatrix("v", v);
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

        double scale = 1.0 / Math.sqrt(dk);
        float[][] weights = new float[lq][lk];
        float[][] output = new float[lq][dv];
        double[][] all = new double[lq][lk];
        for (int i = 0; i < lq; i++) {
            for (int j = 0; j < lk; j++) {
                double dot = 0;
                for (int c = 0; c < dk; c++) {
                    dot += (double) q[i][c] * k[j][c];
                }
                all[i][j] = dot * scale;
            }
        }
        for (int j = 0; j < lk; j++) { // softmax down each column: over the queries
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < lq; i++) {
                max = Math.max(max, all[i][j]);
            }
            double sum = 0;
            for (int i = 0; i < lq; i++) {
                all[i][j] = Math.exp(all[i][j] - max);
                sum += all[i][j];
            }
            for (int i = 0; i < lq; i++) {
                weights[i][j] = (float) (all[i][j] / sum);
            }
        }
        for (int i = 0; i < lq; i++) {
            for (int j = 0; j < lk; j++) {
                for (int c = 0; c < dv; c++) {
                    output[i][c] += weights[i][j] * v[j][c];
                }
            }
        }
        return new AttentionResult(output, weights);
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
