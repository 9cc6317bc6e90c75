package ex06_softmax_xent_backward;

import dojo.exercise.api.NotImplementedYet;
import dojo.exercise.api.SoftmaxCrossEntropy;
import dojo.tensor.Autograd;
import dojo.tensor.Tensor;

/**
 * Exercise ex06: softmax and cross-entropy, forward AND backward, by hand.
 *
 * <pre>
 *   p = softmax(x)                 p_j = e^(x_j - max) / sum_k e^(x_k - max)       over the last dim
 *   softmax backward               dx_k = p_k (g_k - sum_j g_j p_j)                g = dL/dp
 *   L = mean over counted rows of  -sum_c y_c log p_c,   y = (1 - eps) onehot(t) + eps / C
 *   cross-entropy backward         dL/dx = (p - y) / (number of rows that are not ignored)
 * </pre>
 *
 * The trap in softmax backward is the row-sum term: every p_j depends on every x_k. The trap in
 * cross-entropy backward is the mean: p - y is the gradient of ONE row's loss; the mean divides it by
 * the number of counted rows (ignored rows count for nothing and get zero gradient).
 *
 * To make a forward method differentiable, compute its values from plain doubles and record your own
 * backward (see docs/tensors.md, "Writing an operation with its own backward"):
 * <pre>
 *   Tensor out = Tensor.of(values, shape);
 *   return Autograd.record("softmax", out, g -> new Tensor[] {softmaxBackward(out.detach(), g)}, logits);
 * </pre>
 *
 * Run: {@code ./dojo grade ex06_softmax_xent_backward} or {@code mvn test}. Instructions: README.md next to this file.
 */
public class SoftmaxCrossEntropyByHand implements SoftmaxCrossEntropy {

    /**
     * Softmax over the last dim of logits [..., C]: read the values with {@code logits.toArray()} (row-major,
     * C per line), subtract each line's max before exp, give an all -inf line zeros, then record the backward
     * with {@code Autograd.record} (it returns the tensor unchanged when nothing needs a gradient).
     */
    @Override
    public Tensor softmax(Tensor logits) {
        throw new NotImplementedYet();
    }

    /** dx_k = p_k (g_k - sum_j g_j p_j) per line of C; same shape as probs. */
    @Override
    public Tensor softmaxBackward(Tensor probs, Tensor gradProbs) {
        throw new NotImplementedYet();
    }

    /**
     * Mean cross-entropy over the rows whose target is not ignoreIndex (N = numel / C rows). Per row:
     * (1 - eps) (-log p_target) + eps * mean_c(-log p_c), with log p_c = x_c - max - log sum_k e^(x_k - max).
     * Return {@code Tensor.scalar(...)} recorded with a backward that multiplies crossEntropyBackward by the
     * upstream gradient {@code g.item()}.
     */
    @Override
    public Tensor crossEntropy(Tensor logits, int[] targets, int ignoreIndex, double labelSmoothing) {
        throw new NotImplementedYet();
    }

    /** (p - y) / counted for every counted row, zeros for ignored rows; the shape of logits. */
    @Override
    public Tensor crossEntropyBackward(Tensor logits, int[] targets, int ignoreIndex, double labelSmoothing) {
        throw new NotImplementedYet();
    }
}
