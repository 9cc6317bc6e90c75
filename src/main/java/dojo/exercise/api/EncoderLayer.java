package dojo.exercise.api;

import dojo.tensor.Tensor;
import java.util.Map;

/**
 * A transformer encoder layer (exercise ex10_encoder_layer), equal to
 * {@code nn.TransformerEncoderLayer(E, H, dim_feedforward=F, dropout=0.0, activation="gelu",
 * batch_first=True, norm_first=...)} called as {@code layer(src, src_mask=causal, src_key_padding_mask=pad)}.
 *
 * <pre>
 *   post-LN (normFirst = false):  x = norm1(x + sa(x));        x = norm2(x + ff(x))
 *   pre-LN  (normFirst = true):   x = x + sa(norm1(x));        x = x + ff(norm2(x))
 *   sa = multi-head self-attention (in_proj, H heads of width E/H, out_proj); ff = linear2(gelu(linear1(.)))
 * </pre>
 *
 * <p>{@code weights} holds PyTorch's state_dict names: {@code self_attn.in_proj_weight} [3E, E],
 * {@code self_attn.in_proj_bias} [3E], {@code self_attn.out_proj.weight} [E, E],
 * {@code self_attn.out_proj.bias} [E], {@code linear1.weight} [F, E], {@code linear1.bias} [F],
 * {@code linear2.weight} [E, F], {@code linear2.bias} [E], {@code norm1.weight}, {@code norm1.bias},
 * {@code norm2.weight}, {@code norm2.bias} [E]. {@code src} is [B, L, E]; {@code keyPadding} is null or
 * [B, L] with non-zero = that key is padding (ignored by every query); {@code causal} lets query i attend
 * only to keys 0..i. A query with every key masked gets a zero attention output. The result is [B, L, E]
 * and takes part in autograd (gradients reach src and every weight that requires one). A missing weight
 * or a shape that does not fit throws {@link IllegalArgumentException} naming it. Inputs are never modified.
 */
public interface EncoderLayer {

    /** One encoder layer applied to src [B, L, E]. */
    Tensor forward(Tensor src, Map<String, Tensor> weights, EncoderLayerConfig config, Tensor keyPadding, boolean causal);
}
