package dojo.exercise.api;

/**
 * Scaled dot-product attention with masks (exercise ex03_masking): masked scores are excluded from the
 * softmax, so each query's weights are spread over the keys it is allowed to see.
 *
 * <p>Shapes as in {@link Attention}: {@code q} [Lq][d_k], {@code k} [Lk][d_k], {@code v} [Lk][d_v];
 * the mask must fit [Lq][Lk] (see {@link Mask#requireFits(int, int)}). A query with no allowed key gets
 * an all-zero weights row and an all-zero output row, never NaN. Invalid inputs throw
 * {@link IllegalArgumentException} naming the shapes or the position; a null mask is invalid (use
 * {@link Mask#none()}).
 */
public interface MaskedAttention {

    /**
     * @param q    queries [Lq][d_k]
     * @param k    keys [Lk][d_k]
     * @param v    values [Lk][d_v]
     * @param mask which keys each query may see; {@link Mask#none()} for plain attention
     * @return output [Lq][d_v] and weights [Lq][Lk]; masked weights are exactly 0
     * @throws IllegalArgumentException on null, empty, ragged, non-finite or mismatched inputs
     */
    AttentionResult attend(float[][] q, float[][] k, float[][] v, Mask mask);
}
