package ex09_ffn_positions;

import dojo.exercise.api.FeedForwardPositions;
import dojo.exercise.api.NotImplementedYet;
import dojo.exercise.api.SpecialFunctions;
import dojo.tensor.Autograd;
import dojo.tensor.Tensor;
import java.util.Map;

/**
 * Exercise ex09: the transformer's feed-forward block with exact GELU, and the two classic ways to tell it
 * where a token is: sinusoidal tables and rotary embeddings.
 *
 * <pre>
 *   gelu(x) = x Phi(x) = x (1 + erf(x / sqrt 2)) / 2          gelu'(x) = Phi(x) + x phi(x)    (product rule)
 *   ffn(x)  = linear2(gelu(linear1(x)))                          nn.Linear: y = x W^T + b, W is [out, in]
 *   PE[p, 2i] = sin(p / 10000^(2i/E))     PE[p, 2i+1] = cos(p / 10000^(2i/E))
 *   RoPE, HALF-SPLIT pairs (i, i + d/2), t_i = 10000^(-2i/d), p = index along dim -2:
 *     out[i]       = x[i] cos(p t_i) - x[i + d/2] sin(p t_i)
 *     out[i + d/2] = x[i + d/2] cos(p t_i) + x[i] sin(p t_i)
 * </pre>
 *
 * {@code SpecialFunctions.normalCdf} / {@code normalPdf} / {@code erf} give Phi, phi and erf (the JDK has no
 * erf). The tanh formula 0.5 x (1 + tanh(sqrt(2/pi)(x + 0.044715 x^3))) is an approximation: PyTorch's
 * default F.gelu is exact, and the golden tests use 1e-10.
 *
 * Run: {@code ./dojo grade ex09_ffn_positions} or {@code mvn test}. Instructions: README.md next to this file.
 */
public class FeedForwardAndPositions implements FeedForwardPositions {

    /** Exact GELU element-wise, recorded with your backward Phi(x) + x phi(x) (times the upstream gradient). */
    @Override
    public Tensor gelu(Tensor x) {
        throw new NotImplementedYet();
    }

    /**
     * weights.get("linear1.weight") [F, E], "linear1.bias" [F], "linear2.weight" [E, F], "linear2.bias" [E].
     * Tensor operations (matmul, t(), add) record their own backward; use your gelu in the middle.
     */
    @Override
    public Tensor feedForward(Tensor x, Map<String, Tensor> weights) {
        throw new NotImplementedYet();
    }

    /** The table [length, dim] (dim even); no gradient needed. */
    @Override
    public Tensor sinusoidal(int length, int dim) {
        throw new NotImplementedYet();
    }

    /**
     * RoPE of x [..., L, d]. With tensor operations: cos and sin tables [L, d] (the angle of pair i repeated at
     * i and i + d/2), rotateHalf(x) = cat(-x[..., d/2:], x[..., :d/2]) along -1 (narrow, neg, Tensor.cat), then
     * x * cos + rotateHalf(x) * sin. Broadcasting applies the [L, d] tables to every leading index.
     */
    @Override
    public Tensor rotary(Tensor x) {
        throw new NotImplementedYet();
    }
}
