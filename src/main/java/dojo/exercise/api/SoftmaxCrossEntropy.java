package dojo.exercise.api;

import dojo.tensor.Tensor;

/**
 * Softmax and cross-entropy with hand-written backward passes (exercise ex06_softmax_xent_backward), on
 * {@link Tensor} (double, batch-first).
 *
 * <p>Softmax runs over the last dimension of a tensor of any rank ({@code [C]}, {@code [N, C]},
 * {@code [B, L, C]}); {@code -Infinity} entries get probability 0 and a line whose entries are all
 * {@code -Infinity} gives all zeros (this project's rule; PyTorch gives NaN). Cross-entropy takes logits
 * {@code [..., C]} (the leading dimensions are flattened row-major into N rows, as
 * {@code F.cross_entropy(logits.reshape(-1, C), targets)}) and N class indices, with PyTorch's
 * {@code ignore_index} and {@code label_smoothing}, mean reduction over the rows that are not ignored.
 * When every row is ignored the loss is NaN and the gradient zero (as in PyTorch).
 *
 * <p>The forward methods return tensors that take part in autograd: when an input requires a gradient,
 * the result's backward is the learner's own backward method (recorded with
 * {@code dojo.tensor.Autograd.record}). Invalid input (null, a target outside {@code [0, C)} that is not
 * the ignore index, a number of targets other than N, a smoothing outside {@code [0, 1]}) throws
 * {@link IllegalArgumentException} naming the row or the shapes. Inputs are never modified.
 */
public interface SoftmaxCrossEntropy {

    /** Softmax over the last dimension; differentiable through {@link #softmaxBackward}. */
    Tensor softmax(Tensor logits);

    /**
     * The softmax's vector-Jacobian product: given {@code probs = softmax(x)} and
     * {@code gradProbs = dL/dprobs} (same shape), returns {@code dL/dx} (same shape).
     */
    Tensor softmaxBackward(Tensor probs, Tensor gradProbs);

    /** Mean cross-entropy, a tensor of shape [] (one element); differentiable through {@link #crossEntropyBackward}. */
    Tensor crossEntropy(Tensor logits, int[] targets, int ignoreIndex, double labelSmoothing);

    /** {@code d crossEntropy / d logits}, the shape of {@code logits}. */
    Tensor crossEntropyBackward(Tensor logits, int[] targets, int ignoreIndex, double labelSmoothing);
}
