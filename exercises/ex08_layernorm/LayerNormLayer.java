package ex08_layernorm;

import dojo.exercise.api.LayerNormByHand;
import dojo.exercise.api.LayerNormGradients;
import dojo.exercise.api.NotImplementedYet;
import dojo.tensor.Autograd;
import dojo.tensor.Tensor;

/**
 * Exercise ex08: layer norm over the last dimension, forward and backward by hand (as PyTorch's
 * {@code F.layer_norm(x, (E,), gamma, beta, eps)}).
 *
 * <pre>
 *   mu = mean(x)    var = mean((x - mu)^2)   BIASED: divide by E, not E - 1
 *   r = 1 / sqrt(var + eps)                  eps INSIDE the square root
 *   xh = (x - mu) r          y = xh * gamma + beta
 *
 *   dbeta = sum of g over every position     dgamma = sum of g * xh over every position
 *   dxh = g * gamma          dx = r * (dxh - mean(dxh) - xh * mean(dxh * xh))   per [E] vector
 * </pre>
 *
 * The trap in the backward: mu and var depend on every element, so dx has two mean terms; treating them as
 * constants gives dx = r * dxh, which GradCheck rejects.
 *
 * Run: {@code ./dojo grade ex08_layernorm} or {@code mvn test}. Instructions: README.md next to this file.
 */
public class LayerNormLayer implements LayerNormByHand {

    /**
     * Normalise each [E] vector of x.toArray() (row-major, E = x.size(-1)), then record the backward:
     * {@code Autograd.record("layerNorm", y, g -> new Tensor[] {dx, dgamma, dbeta}, x, gamma, beta)}.
     */
    @Override
    public Tensor forward(Tensor x, Tensor gamma, Tensor beta, double eps) {
        throw new NotImplementedYet();
    }

    /** dx (shape of x), dgamma [E], dbeta [E] for the upstream gradient gradOutput (shape of x). */
    @Override
    public LayerNormGradients backward(Tensor x, Tensor gamma, double eps, Tensor gradOutput) {
        throw new NotImplementedYet();
    }
}
