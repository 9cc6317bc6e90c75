package dojo.exercise.api;

import dojo.tensor.Tensor;
import java.util.Map;

/**
 * The position-wise feed-forward block with exact GELU, and sinusoidal and rotary position encodings
 * (exercise ex09_ffn_positions), on {@link Tensor} (double, batch-first).
 *
 * <ul>
 *   <li>{@link #gelu}: {@code x * Phi(x)} with the exact normal CDF {@code Phi(x) = (1 + erf(x / sqrt 2)) / 2}
 *       (PyTorch's default {@code F.gelu}, not the tanh approximation); its backward is hand-written.</li>
 *   <li>{@link #feedForward}: {@code linear2(gelu(linear1(x)))} with PyTorch's state_dict names
 *       {@code linear1.weight} [F, E], {@code linear1.bias} [F], {@code linear2.weight} [E, F],
 *       {@code linear2.bias} [E] ({@code y = x W^T + b}); x is [..., E].</li>
 *   <li>{@link #sinusoidal}: the table [L, E] of Vaswani et al. (2017) §3.5,
 *       {@code PE[p, 2i] = sin(p / 10000^(2i/E))}, {@code PE[p, 2i+1] = cos(p / 10000^(2i/E))}; E even.</li>
 *   <li>{@link #rotary}: rotary position embedding (RoFormer, Su et al. 2021) over the last dimension d
 *       (even) of x [..., L, d], the position p being the index along dimension -2. Pairing convention:
 *       <b>half-split</b>, dimension i pairs with i + d/2 (the {@code rotate_half} form of GPT-NeoX and
 *       Hugging Face LLaMA): {@code out[i] = x[i] cos(p theta_i) - x[i+d/2] sin(p theta_i)},
 *       {@code out[i+d/2] = x[i+d/2] cos(p theta_i) + x[i] sin(p theta_i)}, {@code theta_i = 10000^(-2i/d)}.</li>
 * </ul>
 *
 * <p>gelu, feedForward and rotary take part in autograd. Missing weights, shapes that do not fit or an
 * odd dimension throw {@link IllegalArgumentException} naming them. Inputs are never modified.
 */
public interface FeedForwardPositions {

    /** Exact GELU, element-wise; differentiable with a hand-written backward. */
    Tensor gelu(Tensor x);

    /** {@code linear2(gelu(linear1(x)))} with weights by PyTorch state_dict name. */
    Tensor feedForward(Tensor x, Map<String, Tensor> weights);

    /** The sinusoidal table [length, dim]. */
    Tensor sinusoidal(int length, int dim);

    /** Rotary position embedding of x [..., L, d], half-split pairs. */
    Tensor rotary(Tensor x);
}
