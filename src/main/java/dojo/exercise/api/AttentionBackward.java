package dojo.exercise.api;

import dojo.tensor.Tensor;

/**
 * Scaled dot-product attention with a hand-written backward pass (exercise ex07_attention_backward):
 * {@code out = softmax(q k^T / sqrt(d_k), masked) v}, batch-first, in double.
 *
 * <p>Shapes: {@code q} [B, Lq, d_k], {@code k} [B, Lk, d_k], {@code v} [B, Lk, d_v], output
 * [B, Lq, d_v]. {@code mask} is null (nothing masked) or a 0/1 tensor that broadcasts to [B, Lq, Lk]
 * ([Lq, Lk] for every batch entry, or [B, Lq, Lk]); non-zero means the query may NOT attend to that key
 * (PyTorch's boolean {@code attn_mask} of {@code nn.MultiheadAttention}). A query whose keys are all
 * masked gets a zero output row and contributes zero gradients (PyTorch gives NaN).
 *
 * <p>{@link #forward} returns a tensor that takes part in autograd: when q, k or v requires a gradient,
 * its backward is {@link #backward} (recorded with {@code dojo.tensor.Autograd.record}). Shapes that do
 * not fit throw {@link IllegalArgumentException} naming them. Inputs are never modified.
 */
public interface AttentionBackward {

    /** The attention output [B, Lq, d_v]. */
    Tensor forward(Tensor q, Tensor k, Tensor v, Tensor mask);

    /** dL/dq, dL/dk, dL/dv given {@code gradOutput} = dL/dout [B, Lq, d_v]. */
    AttentionGradients backward(Tensor q, Tensor k, Tensor v, Tensor mask, Tensor gradOutput);
}
