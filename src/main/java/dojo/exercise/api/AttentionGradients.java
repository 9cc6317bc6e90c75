package dojo.exercise.api;

import dojo.tensor.Tensor;

/**
 * The gradients of a loss with respect to the inputs of scaled dot-product attention (exercise
 * ex07_attention_backward); each has the shape of its input.
 *
 * @param dq dL/dq [B, Lq, d_k]
 * @param dk dL/dk [B, Lk, d_k]
 * @param dv dL/dv [B, Lk, d_v]
 */
public record AttentionGradients(Tensor dq, Tensor dk, Tensor dv) {
}
