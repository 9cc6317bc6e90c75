package dojo.exercise.api;

/**
 * Multi-head attention with the parameter layout and semantics of {@code torch.nn.MultiheadAttention}
 * (exercise ex04_multihead), for one sequence (batch_first, batch of 1 removed).
 *
 * <p>With E = embed dim, H = heads, d = E / H:
 * {@code Q = query Wq^T + bq}, {@code K = key Wk^T + bk}, {@code V = value Wv^T + bv} where Wq, Wk, Wv
 * are rows [0, E), [E, 2E), [2E, 3E) of {@code inProjWeight}; head h uses columns [h*d, (h+1)*d) of
 * Q, K and V, attends with scale 1/sqrt(d) and the mask; the head outputs are concatenated in head order
 * and projected: {@code output = concat Wo^T + bo}.
 *
 * <p>Shapes: {@code query} [Lq][E], {@code key} [Lk][E], {@code value} [Lk][E] (self attention passes
 * the same matrix three times; cross attention has Lq != Lk). Result: {@code output} [Lq][E],
 * {@code weights} [H][Lq][Lk] (per head, as PyTorch with {@code average_attn_weights=False}). A query
 * with no allowed key gets zero weights and a zero head output, so its output row is the output bias.
 * Invalid inputs throw {@link IllegalArgumentException} naming the shapes.
 */
public interface MultiHeadAttention {

    /**
     * @param w     the layer's parameters (validated by the record)
     * @param query [Lq][E]
     * @param key   [Lk][E]
     * @param value [Lk][E]
     * @param mask  applied identically in every head; {@link Mask#none()} for none
     * @return output [Lq][E] and per-head weights [H][Lq][Lk]
     * @throws IllegalArgumentException on null, ragged, non-finite or mismatched inputs
     */
    MhaResult forward(MhaWeights w, float[][] query, float[][] key, float[][] value, Mask mask);
}
