package ex04_multihead;

import dojo.exercise.api.Mask;
import dojo.exercise.api.MhaResult;
import dojo.exercise.api.MhaWeights;
import dojo.exercise.api.MultiHeadAttention;
import dojo.exercise.api.NotImplementedYet;

/**
 * Exercise ex04: multi-head attention, exactly as {@code torch.nn.MultiheadAttention} computes it, so
 * that PyTorch weights load as they are.
 *
 * <pre>
 *   Q = query Wq^T + bq,  K = key Wk^T + bk,  V = value Wv^T + bv      each [L x E]
 *   head h = attention(Q[:, h*d:(h+1)*d], K[:, same], V[:, same])     d = E / H, scale 1/sqrt(d)
 *   output = concat(head 0, ..., head H-1) Wo^T + bo                    [Lq x E]
 * </pre>
 *
 * H heads of width d cost the same as one head of width E, but each head can attend to different
 * positions (one follows syntax, another the previous token). The split is a reshape of the
 * columns: head h owns the contiguous block of columns [h*d, (h+1)*d), and attends over positions.
 *
 * Run: {@code ./dojo grade ex04_multihead} or {@code mvn test}. Instructions: README.md next to this file.
 */
public class MultiHeadAttentionLayer implements MultiHeadAttention {

    /**
     * Steps:
     * 1. Validate: query [Lq][E], key and value [Lk][E] with E = w.embedDim(), finite; mask not null
     *    and {@code mask.requireFits(Lq, Lk)}. (MhaWeights already checked its own shapes.)
     * 2. Project with nn.Linear's convention y = x W^T + b: Wq is rows [0, E) of w.inProjWeight(),
     *    Wk rows [E, 2E), Wv rows [2E, 3E); the biases are the same ranges of w.inProjBias().
     * 3. For each head h: masked scaled dot-product attention (your ex03) on the columns
     *    [h*d, (h+1)*d) of Q, K, V, with scale 1/sqrt(d) where d = w.headDim(). Keep its weights as
     *    weights[h] and write its output into the same columns of a [Lq][E] "concat" matrix.
     * 4. output = concat Wo^T + bo with w.outProjWeight(), w.outProjBias().
     */
    @Override
    public MhaResult forward(MhaWeights w, float[][] query, float[][] key, float[][] value, Mask mask) {
        throw new NotImplementedYet();
    }
}
