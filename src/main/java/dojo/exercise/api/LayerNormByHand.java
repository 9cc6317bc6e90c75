package dojo.exercise.api;

import dojo.tensor.Tensor;

/**
 * Layer normalisation over the last dimension with a hand-written backward pass (exercise ex08_layernorm),
 * as {@code torch.nn.functional.layer_norm(x, (E,), gamma, beta, eps)}:
 * {@code y = (x - mean) / sqrt(var + eps) * gamma + beta}, the variance biased (divided by E).
 *
 * <p>Shapes: {@code x} [..., E] (typically [B, L, E]), {@code gamma} and {@code beta} [E], output the
 * shape of x. {@link #forward} takes part in autograd: when x, gamma or beta requires a gradient, its
 * backward is {@link #backward} (recorded with {@code dojo.tensor.Autograd.record}). A gamma or beta of
 * another length than E, or eps &lt;= 0, throws {@link IllegalArgumentException} naming the shapes or
 * the value. Inputs are never modified.
 */
public interface LayerNormByHand {

    /** Layer norm of each [E] vector of x. */
    Tensor forward(Tensor x, Tensor gamma, Tensor beta, double eps);

    /** dL/dx, dL/dgamma, dL/dbeta given {@code gradOutput} = dL/dy (the shape of x). */
    LayerNormGradients backward(Tensor x, Tensor gamma, double eps, Tensor gradOutput);
}
