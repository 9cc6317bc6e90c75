package exercises.ex02_attention;

import dojo.exercise.api.Mask;
import dojo.exercise.api.MhaWeights;
import java.util.Random;

/**
 * The specification the hidden suites of ex02..ex05 compare learner code with: attention, masking and
 * multi-head attention in double precision, written as plainly as possible. Also the random inputs and
 * a few deliberately wrong variants, used to name the likely cause of a failure.
 */
public final class ReferenceAttention {

    private ReferenceAttention() {
    }

    /** The variants a suite can ask for: the right one and known mistakes. */
    public enum Variant { CORRECT, NO_SCALING, SCALE_BY_DK, SOFTMAX_OVER_QUERIES, SCALE_BY_SQRT_LK, SCALE_BY_SQRT_DV }

    /** {output, weights} of masked scaled dot-product attention; fully masked rows are zeros. */
    public static float[][][] attention(float[][] q, float[][] k, float[][] v, Mask mask, Variant variant) {
        int lq = q.length;
        int lk = k.length;
        int dk = q[0].length;
        int dv = v[0].length;
        double scale = switch (variant) {
            case NO_SCALING -> 1.0;
            case SCALE_BY_DK -> 1.0 / dk;
            case SCALE_BY_SQRT_LK -> 1.0 / Math.sqrt(lk);
            case SCALE_BY_SQRT_DV -> 1.0 / Math.sqrt(dv);
            default -> 1.0 / Math.sqrt(dk);
        };
        double[][] s = new double[lq][lk];
        for (int i = 0; i < lq; i++) {
            for (int j = 0; j < lk; j++) {
                if (!allowed(mask, i, j)) {
                    s[i][j] = Double.NEGATIVE_INFINITY;
                    continue;
                }
                double dot = 0;
                for (int c = 0; c < dk; c++) {
                    dot += (double) q[i][c] * k[j][c];
                }
                s[i][j] = dot * scale + (mask.additive() == null ? 0 : mask.additive()[i][j]);
            }
        }
        double[][] w = variant == Variant.SOFTMAX_OVER_QUERIES ? transpose(softmaxRows(transpose(s))) : softmaxRows(s);
        float[][] out = new float[lq][dv];
        float[][] weights = new float[lq][lk];
        for (int i = 0; i < lq; i++) {
            for (int c = 0; c < dv; c++) {
                double acc = 0;
                for (int j = 0; j < lk; j++) {
                    acc += w[i][j] * v[j][c];
                }
                out[i][c] = (float) acc;
            }
            for (int j = 0; j < lk; j++) {
                weights[i][j] = (float) w[i][j];
            }
        }
        return new float[][][] {out, weights};
    }

    /** Plain attention, no mask. */
    public static float[][][] attention(float[][] q, float[][] k, float[][] v) {
        return attention(q, k, v, Mask.none(), Variant.CORRECT);
    }

    /** May query i see key j under this mask? */
    public static boolean allowed(Mask mask, int i, int j) {
        return !(mask.isCausal() && j > i)
                && !(mask.keyPadding() != null && mask.keyPadding()[j])
                && !(mask.blocked() != null && mask.blocked()[i][j])
                && !(mask.additive() != null && mask.additive()[i][j] == Float.NEGATIVE_INFINITY);
    }

    /** Multi-head attention as nn.MultiheadAttention: returns {output [Lq][E]} and per-head weights. */
    public static MhaOut mha(MhaWeights w, float[][] query, float[][] key, float[][] value, Mask mask, double headScale) {
        int e = w.embedDim();
        int h = w.numHeads();
        int d = e / h;
        float[][] q = linear(query, w.inProjWeight(), w.inProjBias(), 0, e);
        float[][] k = linear(key, w.inProjWeight(), w.inProjBias(), e, e);
        float[][] v = linear(value, w.inProjWeight(), w.inProjBias(), 2 * e, e);
        float[][] concat = new float[query.length][e];
        float[][][] weights = new float[h][][];
        for (int head = 0; head < h; head++) {
            float[][] qh = columns(q, head * d, d);
            // scale the queries so that the shared 1/sqrt(d) of attention() becomes headScale
            double fix = headScale * Math.sqrt(d);
            for (float[] row : qh) {
                for (int c = 0; c < d; c++) {
                    row[c] = (float) (row[c] * fix);
                }
            }
            float[][][] r = attention(qh, columns(k, head * d, d), columns(v, head * d, d), mask, Variant.CORRECT);
            weights[head] = r[1];
            for (int i = 0; i < query.length; i++) {
                System.arraycopy(r[0][i], 0, concat[i], head * d, d);
            }
        }
        return new MhaOut(linear(concat, w.outProjWeight(), w.outProjBias(), 0, e), weights);
    }

    /** Multi-head attention with the right scale 1/sqrt(head_dim). */
    public static MhaOut mha(MhaWeights w, float[][] query, float[][] key, float[][] value, Mask mask) {
        return mha(w, query, key, value, mask, 1.0 / Math.sqrt(w.headDim()));
    }

    /** Output and per-head weights of the reference multi-head attention. */
    public record MhaOut(float[][] output, float[][][] weights) {
    }

    /** nn.Linear on rows [first, first + n) of weight and bias: y = x W^T + b. */
    public static float[][] linear(float[][] x, float[][] weight, float[] bias, int first, int n) {
        float[][] y = new float[x.length][n];
        for (int i = 0; i < x.length; i++) {
            for (int o = 0; o < n; o++) {
                double acc = bias == null ? 0 : bias[first + o];
                for (int c = 0; c < x[i].length; c++) {
                    acc += (double) x[i][c] * weight[first + o][c];
                }
                y[i][o] = (float) acc;
            }
        }
        return y;
    }

    /** Columns [from, from + n) of m, copied. */
    public static float[][] columns(float[][] m, int from, int n) {
        float[][] out = new float[m.length][n];
        for (int i = 0; i < m.length; i++) {
            System.arraycopy(m[i], from, out[i], 0, n);
        }
        return out;
    }

    static double[][] softmaxRows(double[][] s) {
        double[][] w = new double[s.length][];
        for (int i = 0; i < s.length; i++) {
            w[i] = new double[s[i].length];
            double max = Double.NEGATIVE_INFINITY;
            for (double x : s[i]) {
                max = Math.max(max, x);
            }
            if (max == Double.NEGATIVE_INFINITY) {
                continue;
            }
            double sum = 0;
            for (int j = 0; j < s[i].length; j++) {
                w[i][j] = Math.exp(s[i][j] - max);
                sum += w[i][j];
            }
            for (int j = 0; j < s[i].length; j++) {
                w[i][j] /= sum;
            }
        }
        return w;
    }

    static double[][] transpose(double[][] m) {
        double[][] t = new double[m[0].length][m.length];
        for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < m[0].length; j++) {
                t[j][i] = m[i][j];
            }
        }
        return t;
    }

    /** A [rows][cols] matrix of N(0, scale^2) entries from a fixed seed. */
    public static float[][] random(long seed, int rows, int cols, double scale) {
        Random r = new Random(seed);
        float[][] m = new float[rows][cols];
        for (float[] row : m) {
            for (int c = 0; c < cols; c++) {
                row[c] = (float) (r.nextGaussian() * scale);
            }
        }
        return m;
    }

    /** A vector of N(0, scale^2) entries from a fixed seed. */
    public static float[] randomVector(long seed, int n, double scale) {
        return random(seed, 1, n, scale)[0];
    }

    /** Random weights for an E-wide, H-head layer with non-zero biases. */
    public static MhaWeights randomWeights(long seed, int e, int heads) {
        double s = 1 / Math.sqrt(e);
        return new MhaWeights(heads, random(seed, 3 * e, e, s), randomVector(seed + 1, 3 * e, 0.5),
                random(seed + 2, e, e, s), randomVector(seed + 3, e, 0.5));
    }

    /** A deep copy. */
    public static float[][] copy(float[][] m) {
        float[][] c = new float[m.length][];
        for (int i = 0; i < m.length; i++) {
            c[i] = m[i].clone();
        }
        return c;
    }

    /** Flattens row-major. */
    public static float[] flat(float[][] m) {
        int n = 0;
        for (float[] row : m) {
            n += row.length;
        }
        float[] f = new float[n];
        int p = 0;
        for (float[] row : m) {
            System.arraycopy(row, 0, f, p, row.length);
            p += row.length;
        }
        return f;
    }

    /** Flattens row-major. */
    public static float[] flat(float[][][] t) {
        float[][] rows = java.util.Arrays.stream(t).flatMap(java.util.Arrays::stream).toArray(float[][]::new);
        return flat(rows);
    }

    /** True when a and b have the same length and agree within abs + rel * |b| everywhere. */
    public static boolean close(float[] a, float[] b, double abs, double rel) {
        if (a.length != b.length) {
            return false;
        }
        for (int i = 0; i < a.length; i++) {
            if (!(Math.abs(a[i] - b[i]) <= abs + rel * Math.abs(b[i]))) {
                return false;
            }
        }
        return true;
    }
}
