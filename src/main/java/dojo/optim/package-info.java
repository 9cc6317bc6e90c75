/** Optimizers that update {@link dojo.tensor.Tensor} parameters in place with {@code torch.optim}'s formulas. */
package dojo.optim;
