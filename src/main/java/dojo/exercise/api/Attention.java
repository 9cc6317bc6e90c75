package dojo.exercise.api;

/**
 * Scaled dot-product attention for one sequence (exercise ex02_attention):
 * {@code output = softmax(q k^T / sqrt(d_k)) v}, the softmax taken over the keys (each row).
 *
 * <p>Shapes: {@code q} is [Lq][d_k], {@code k} is [Lk][d_k], {@code v} is [Lk][d_v]; the result holds
 * {@code output} [Lq][d_v] and {@code weights} [Lq][Lk]. Lq may differ from Lk (cross attention) and
 * d_v may differ from d_k. A null, empty or ragged matrix, a NaN or infinite entry, or shapes that do
 * not fit throw {@link IllegalArgumentException} whose message names the shapes or the position, for
 * example {@code "q is [3 x 4] but k is [5 x 6]: q and k need the same d_k"}. Inputs are never modified.
 */
public interface Attention {

    /**
     * Attends every query row of {@code q} over the keys {@code k} and mixes the values {@code v}.
     *
     * @param q queries [Lq][d_k]
     * @param k keys [Lk][d_k]
     * @param v values [Lk][d_v]
     * @return output [Lq][d_v] and the attention weights [Lq][Lk] (each row sums to 1)
     * @throws IllegalArgumentException on null, empty, ragged, non-finite or mismatched inputs
     */
    AttentionResult attend(float[][] q, float[][] k, float[][] v);
}
