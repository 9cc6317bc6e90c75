package ex07_attention_backward;

import dojo.exercise.api.AttentionBackward;
import dojo.exercise.api.AttentionGradients;
import dojo.exercise.api.NotImplementedYet;
import dojo.tensor.Autograd;
import dojo.tensor.Tensor;

/**
 * Exercise ex07: the backward pass of scaled dot-product attention, the classic interview derivation.
 *
 * <pre>
 *   forward                                    backward (given dO = dL/dO)
 *   S = Q K^T / sqrt(d_k), masked -> -inf      dV = P^T dO
 *   P = softmax(S) per row (over keys)         dP = dO V^T
 *   O = P V                                    dS = P * (dP - rowsum(dP * P))     (ex06's softmax backward)
 *                                              dQ = dS K / sqrt(d_k)     dK = dS^T Q / sqrt(d_k)
 * </pre>
 *
 * Shapes are batch-first: q [B, Lq, d_k], k [B, Lk, d_k], v [B, Lk, d_v]; the mask (null, or 0/1 broadcasting
 * to [B, Lq, Lk], non-zero = not allowed) blocks pairs. A query with every key blocked: zero output row,
 * zero gradients, never NaN. The backward must use the same masked P as the forward.
 *
 * Run: {@code ./dojo grade ex07_attention_backward} or {@code mvn test}. Instructions: README.md next to this file.
 */
public class AttentionWithBackward implements AttentionBackward {

    /**
     * Compute O from plain values (q.toArray(), ... row-major; a [Lq, Lk] mask broadcasts with
     * mask.expand(B, Lq, Lk)), then record the backward:
     * {@code Autograd.record("attention", out, g -> new Tensor[] {dq, dk, dv}, q, k, v)} with the three
     * gradients taken from your backward(...) on detached copies of the inputs.
     */
    @Override
    public Tensor forward(Tensor q, Tensor k, Tensor v, Tensor mask) {
        throw new NotImplementedYet();
    }

    /** Recompute P (masked, as the forward), then dV, dP, dS, dQ, dK as above. */
    @Override
    public AttentionGradients backward(Tensor q, Tensor k, Tensor v, Tensor mask, Tensor gradOutput) {
        throw new NotImplementedYet();
    }
}
