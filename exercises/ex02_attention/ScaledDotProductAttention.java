package ex02_attention;

import dojo.exercise.api.Attention;
import dojo.exercise.api.AttentionResult;
import dojo.exercise.api.NotImplementedYet;

/**
 * Exercise ex02: scaled dot-product attention, the heart of every transformer.
 *
 * <pre>
 *   scores  = q k^T / sqrt(d_k)        [Lq x Lk]   one score per (query, key)
 *   weights = softmax(scores) per row  [Lq x Lk]   each row sums to 1
 *   output  = weights v                [Lq x d_v]  each row: a weighted average of the rows of v
 * </pre>
 *
 * Why divide by sqrt(d_k)? If the entries of q and k have variance 1, a dot product of d_k of them
 * has variance d_k. With d_k = 64 the scores are ~8 times larger than with d_k = 1, the softmax
 * saturates to an almost one-hot row, and its gradient vanishes. Dividing by sqrt(d_k) brings the
 * variance back to 1, whatever the head width.
 *
 * Run: {@code ./dojo grade ex02_attention} or {@code mvn test}. Instructions: README.md next to this file.
 */
public class ScaledDotProductAttention implements Attention {

    /**
     * Steps, one query row i at a time:
     * 1. Check the inputs first: null, empty, ragged rows, NaN/Infinity, and the shapes must fit
     *    (q and k the same number of columns d_k, k and v the same number of rows Lk). Throw
     *    IllegalArgumentException naming the shapes, e.g. "q is [3 x 4] but k is [5 x 6]: q and k
     *    need the same d_k". {@code dojo.exercise.api.Shapes.describe(m)} formats a shape for you.
     * 2. score(i, j) = (q[i] . k[j]) / sqrt(d_k) for every key j.
     * 3. Softmax over j (the keys). Subtract the row maximum before exp, or a score of 1000
     *    overflows to Infinity and the row becomes NaN.
     * 4. output[i] = sum over j of weight(i, j) * v[j].
     * Return both: new AttentionResult(output, weights). Do not modify the inputs.
     */
    @Override
    public AttentionResult attend(float[][] q, float[][] k, float[][] v) {
        throw new NotImplementedYet();
    }
}
