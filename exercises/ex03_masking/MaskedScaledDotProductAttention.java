package ex03_masking;

import dojo.exercise.api.AttentionResult;
import dojo.exercise.api.Mask;
import dojo.exercise.api.MaskedAttention;
import dojo.exercise.api.NotImplementedYet;

/**
 * Exercise ex03: attention with masks. A mask says which keys a query may not look at: the future
 * (causal, for a decoder that generates left to right), padding tokens (a batch of sentences of
 * different lengths is padded to one length), or any pattern you like (boolean or additive masks).
 *
 * The trick is where to apply it: on the scores, before the softmax. A blocked score becomes
 * -Infinity, exp(-Infinity) = 0, so the blocked key gets weight exactly 0 and the other weights still
 * sum to 1. Zeroing weights after the softmax is wrong: the row would no longer sum to 1.
 *
 * Run: {@code ./dojo grade ex03_masking} or {@code mvn test}. Instructions: README.md next to this file.
 */
public class MaskedScaledDotProductAttention implements MaskedAttention {

    /**
     * Start from your ex02 attention (copy it here), then:
     * 1. Validate as in ex02; a null mask is invalid too. {@code mask.requireFits(Lq, Lk)} checks the
     *    mask shapes for you.
     * 2. Key j is allowed for query i unless ANY form blocks it:
     *    mask.isCausal() and j > i;  mask.keyPadding()[j];  mask.blocked()[i][j];
     *    mask.additive()[i][j] == -Infinity. (Forms that are null do not apply.)
     * 3. score(i, j) = q[i] . k[j] / sqrt(d_k) + additive[i][j] for allowed keys, -Infinity otherwise.
     * 4. A row with no allowed key: weights and output stay all zeros. (Careful: the max of such a
     *    row is -Infinity, and -Infinity - (-Infinity) is NaN.)
     */
    @Override
    public AttentionResult attend(float[][] q, float[][] k, float[][] v, Mask mask) {
        throw new NotImplementedYet();
    }
}
