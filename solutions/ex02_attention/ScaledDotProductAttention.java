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
        double[] scores = new double[lk];
        for (int i = 0; i < lq; i++) {
            // scores for query i: one per key
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < lk; j++) {
                double dot = 0;
                for (int c = 0; c < dk; c++) {
                    dot += (double) q[i][c] * k[j][c];
                }
                scores[j] = dot * scale;
                max = Math.max(max, scores[j]);
            }
            // softmax over the keys, shifted by the row maximum: exp(s - max) <= 1, never overflows
            double sum = 0;
            for (int j = 0; j < lk; j++) {
                scores[j] = Math.exp(scores[j] - max);
                sum += scores[j];
            }
            // output row i = sum_j weight(i, j) * v[j]
            for (int j = 0; j < lk; j++) {
                double p = scores[j] / sum;
                weights[i][j] = (float) p;
                for (int c = 0; c < dv; c++) {
                    output[i][c] += (float) (p * v[j][c]);
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
