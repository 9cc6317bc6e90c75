// MUTANT: scaling and layer size fixed, but attention still runs across heads instead of positions
package ex05_fix_seed;

import dojo.exercise.api.SeedSelfAttention;
import dojo.exercise.api.SeedWeights;

/**
 * The seed document's SelfAttention, ported line by line from PyTorch to Java. It runs, and it is
 * wrong in three places. Your job: find and fix all three (see README.md; the tests have one group
 * per bug).
 *
 * <pre>
 * class SelfAttention(nn.Module):
 *     def __init__(self, embed_size, heads):
 *         self.query_linear = nn.Linear(embed_size, embed_size)   # same for key_linear, value_linear
 *         self.out_linear = nn.Linear(heads * embed_size, embed_size)
 *     def forward(self, x):
 *         q = self.query_linear(x).view(batch_size, seq_len, self.heads, -1)   # same for k, v
 *         attn_scores = torch.matmul(q, k.transpose(2, 3))
 *         attn_scores = F.softmax(attn_scores, dim=3)
 *         attn_output = torch.matmul(attn_scores, v)
 *         attn_output = attn_output.view(batch_size, seq_len, -1)
 *         output = self.out_linear(attn_output)
 * </pre>
 *
 * <p>One sequence x [L][E] is processed (batch_size = 1 is left out). Before you start, delete the
 * three lines {@code NotStarted.untilYouDeleteThisLine();}: while they are there, the grader reports
 * this exercise as "not started" (the code below runs, so without them a fresh clone would fail).
 */
public class SelfAttention implements SeedSelfAttention {

    /**
     * {@code self.out_linear = nn.Linear(heads * embed_size, embed_size)}: the number of input
     * features of the output projection. Ask: how wide is {@code attn_output} when it reaches
     * {@code out_linear}? (Count: H heads of width E / H.)
     */
    @Override
    public int outputProjectionInFeatures(int embedSize, int heads) {
        return embedSize;
    }

    /**
     * The attention core of {@code forward}, from {@code view} to the second {@code view}.
     *
     * <p>Ask, for the 4-D tensors {@code (batch, seq_len, heads, head_dim)}: {@code torch.matmul}
     * multiplies the last two dimensions and loops over the others. Which two are multiplied here,
     * and over which axis does the softmax then normalise? Attention should mix positions.
     * And how large do the scores get when head_dim grows?
     */
    @Override
    public float[][] attend(float[][] q, float[][] k, float[][] v, int heads) {
        requireSameShape(q, k, v, heads);
        int seqLen = q.length;
        int embed = q[0].length;
        int headDim = embed / heads; // .view(batch_size, seq_len, self.heads, -1): -1 = embed / heads

        float[][] attnOutput = new float[seqLen][embed];
        // q, k, v viewed as [seq_len][heads][head_dim]: element (i, h, c) is q[i][h * headDim + c].
        // torch.matmul(q, k.transpose(2, 3)) multiplies the last two dims, [heads x head_dim] times
        // [head_dim x heads], once for every leading index (batch, i):
        for (int i = 0; i < seqLen; i++) {
            float[][] attnScores = new float[heads][heads];
            for (int h = 0; h < heads; h++) {
                for (int g = 0; g < heads; g++) {
                    float dot = 0f;
                    for (int c = 0; c < headDim; c++) {
                        dot += q[i][h * headDim + c] * k[i][g * headDim + c];
                    }
                    attnScores[h][g] = (float) (dot / Math.sqrt(headDim));
                }
            }
            // F.softmax(attn_scores, dim=3): over the last axis (PyTorch subtracts the maximum itself)
            for (int h = 0; h < heads; h++) {
                float max = Float.NEGATIVE_INFINITY;
                for (int g = 0; g < heads; g++) {
                    max = Math.max(max, attnScores[h][g]);
                }
                float sum = 0f;
                for (int g = 0; g < heads; g++) {
                    attnScores[h][g] = (float) Math.exp(attnScores[h][g] - max);
                    sum += attnScores[h][g];
                }
                for (int g = 0; g < heads; g++) {
                    attnScores[h][g] /= sum;
                }
            }
            // torch.matmul(attn_scores, v): [heads x heads] times [heads x head_dim]
            // then .view(batch_size, seq_len, -1): the heads side by side again
            for (int h = 0; h < heads; h++) {
                for (int c = 0; c < headDim; c++) {
                    float acc = 0f;
                    for (int g = 0; g < heads; g++) {
                        acc += attnScores[h][g] * v[i][g * headDim + c];
                    }
                    attnOutput[i][h * headDim + c] = acc;
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
