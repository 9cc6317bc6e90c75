package dojo.exercise.api;

import dojo.tensor.Tensor;

/**
 * The gradients of a loss with respect to layer norm's input and parameters (exercise ex08_layernorm).
 *
 * @param dx dL/dx, the shape of x [..., E]
 * @param dgamma dL/dgamma [E] (summed over every position)
 * @param dbeta dL/dbeta [E] (summed over every position)
 */
public record LayerNormGradients(Tensor dx, Tensor dgamma, Tensor dbeta) {
}
