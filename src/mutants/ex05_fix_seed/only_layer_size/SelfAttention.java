// MUTANT: scaling and heads fixed, but out_linear still expects heads * embed_size inputs
package ex05_fix_seed;

import dojo.exercise.api.SeedSelfAttention;
import dojo.exercise.api.SeedWeights;

/**
 * Model answer for ex05: the seed's SelfAttention with its three bugs fixed. It is now exactly
 * {@code nn.MultiheadAttention(embed_size, heads)} with separate q/k/v projections.
 *
 * <ol>
 *   <li>{@code out_linear} takes E inputs, not heads * E: the H heads of width E / H concatenate
 *       back to E. (The seed only runs with heads = 1; with 2 heads PyTorch stops with
 *       "mat1 and mat2 shapes cannot be multiplied (5x8 and 16x8)".)</li>
 *   <li>The heads are split with {@code view(b, L, H, d).transpose(1, 2)}, giving (b, H, L, d), so the
 *       matmul over the last two dims compares positions with positions inside each head. The seed
 *       left out the transpose, so every position attended over its own heads and no information
 *       moved between tokens at all.</li>
 *   <li>Scores are divided by sqrt(d_k) = sqrt(head_dim), the width of the vectors in each dot product.</li>
 * </ol>
 */
public class SelfAttention implements SeedSelfAttention {

    /** {@code self.out_linear = nn.Linear(embed_size, embed_size)}: the concatenated heads are E wide. */
    @Override
    public int outputProjectionInFeatures(int embedSize, int heads) {
        return heads * embedSize;
    }

    /**
     * The attention core, per head over positions: {@code view(b, L, H, d).transpose(1, 2)}, then
     * {@code softmax(q k^T / sqrt(d)) v}, then transpose back and concatenate the heads.
     */
    @Override
    public float[][] attend(float[][] q, float[][] k, float[][] v, int heads) {
        requireSameShape(q, k, v, heads);
        int seqLen = q.length;
        int embed = q[0].length;
        int headDim = embed / heads;
        double scale = 1.0 / Math.sqrt(headDim); // fix 1: d_k is the head width

        float[][] attnOutput = new float[seqLen][embed];
        double[] scores = new double[seqLen];
        // fix 2: for every head h, query position i attends over all key positions j
        for (int h = 0; h < heads; h++) {
            int from = h * headDim;
            for (int i = 0; i < seqLen; i++) {
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < seqLen; j++) {
                    double dot = 0;
                    for (int c = from; c < from + headDim; c++) {
                        dot += (double) q[i][c] * k[j][c];
                    }
                    scores[j] = dot * scale;
                    max = Math.max(max, scores[j]);
                }
                double sum = 0;
                for (int j = 0; j < seqLen; j++) {
                    scores[j] = Math.exp(scores[j] - max);
                    sum += scores[j];
                }
                for (int j = 0; j < seqLen; j++) {
                    double p = scores[j] / sum;
                    for (int c = from; c < from + headDim; c++) {
                        attnOutput[i][c] += (float) (p * v[j][c]);
                    }
                }
            }
        }
        return attnOutput;
    }

    /** {@code forward(x)}: the projections, the attention core, the output projection. */
    @Override
    public float[][] forward(SeedWeights w, float[][] x) {
        int embedSize = w.embedSize();
        int heads = w.heads();
        // __init__ builds out_linear with outputProjectionInFeatures(...) inputs; loading weights of
        // another size fails like PyTorch's load_state_dict does.
        int inFeatures = outputProjectionInFeatures(embedSize, heads);
        if (w.outInFeatures() != inFeatures) {
            throw new IllegalArgumentException("size mismatch for out_linear.weight: copying a param with shape ["
                    + embedSize + ", " + w.outInFeatures() + "], the shape in current model is ["
                    + embedSize + ", " + inFeatures + "]");
        }
        float[][] q = linear("query_linear", x, w.queryWeight(), w.queryBias());
        float[][] k = linear("key_linear", x, w.keyWeight(), w.keyBias());
        float[][] v = linear("value_linear", x, w.valueWeight(), w.valueBias());
        float[][] attnOutput = attend(q, k, v, heads);
        return linear("out_linear", attnOutput, w.outWeight(), w.outBias());
    }

    /** nn.Linear: {@code y[i][o] = sum_c x[i][c] * weight[o][c] + bias[o]}. Not a bug site. */
    static float[][] linear(String name, float[][] x, float[][] weight, float[] bias) {
        int in = weight[0].length;
        if (x == null || x.length == 0) {
            throw new IllegalArgumentException(name + ": input is " + (x == null ? "null" : "empty"));
        }
        float[][] y = new float[x.length][weight.length];
        for (int i = 0; i < x.length; i++) {
            if (x[i] == null || x[i].length != in) {
                throw new IllegalArgumentException(name + ": mat1 and mat2 shapes cannot be multiplied ("
                        + x.length + "x" + (x[i] == null ? "?" : x[i].length) + " and " + in + "x" + weight.length + ")");
            }
            for (int o = 0; o < weight.length; o++) {
                float acc = bias[o];
                for (int c = 0; c < in; c++) {
                    acc += x[i][c] * weight[o][c];
                }
                y[i][o] = acc;
            }
        }
        return y;
    }

    /** Not a bug site: q, k, v must be the same [L][E] with H dividing E (view would fail otherwise). */
    static void requireSameShape(float[][] q, float[][] k, float[][] v, int heads) {
        float[][][] all = {q, k, v};
        String[] names = {"q", "k", "v"};
        if (q == null || q.length == 0 || q[0] == null || q[0].length == 0) {
            throw new IllegalArgumentException("q must be a non-empty [L x E] matrix");
        }
        int rows = q.length;
        int cols = q[0].length;
        for (int t = 0; t < 3; t++) {
            float[][] m = all[t];
            if (m == null || m.length != rows) {
                throw new IllegalArgumentException(names[t] + " must be [" + rows + " x " + cols + "] like q");
            }
            for (float[] row : m) {
                if (row == null || row.length != cols) {
                    throw new IllegalArgumentException(names[t] + " must be [" + rows + " x " + cols + "] like q");
                }
            }
        }
        if (heads < 1 || cols % heads != 0) {
            throw new IllegalArgumentException("heads = " + heads + " does not divide embed_size = " + cols
                    + ": view(batch, seq_len, heads, -1) needs E % H == 0");
        }
    }
}
