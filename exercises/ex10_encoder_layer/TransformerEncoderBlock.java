package ex10_encoder_layer;

import dojo.exercise.api.EncoderLayer;
import dojo.exercise.api.EncoderLayerConfig;
import dojo.exercise.api.NotImplementedYet;
import dojo.tensor.Tensor;
import java.util.Map;

/**
 * Exercise ex10: a transformer encoder layer, equal to PyTorch's nn.TransformerEncoderLayer(E, H,
 * dim_feedforward=F, dropout=0.0, activation="gelu", batch_first=True, norm_first=...), built from YOUR
 * earlier parts: {@code new ex07_attention_backward.AttentionWithBackward()},
 * {@code new ex08_layernorm.LayerNormLayer()}, {@code new ex09_ffn_positions.FeedForwardAndPositions()}.
 *
 * <pre>
 *   post-LN (normFirst = false):  x = norm1(x + sa(x));   x = norm2(x + ff(x))
 *   pre-LN  (normFirst = true):   x = x + sa(norm1(x));   x = x + ff(norm2(x))
 *   sa(x): qkv = x in_proj_weight^T + in_proj_bias; q, k, v = columns [0,E), [E,2E), [2E,3E);
 *          split into H heads of width d = E/H (head h = columns [h d, (h+1) d)): [B, L, E] -> [B*H, L, d];
 *          attention with the mask; merge the heads back; out_proj.
 * </pre>
 *
 * The mask for your ex07 attention is [B*H, L, L] with 1 where query i may not see key j: key j is padding
 * in its batch entry (keyPadding[b][j] != 0), or causal and j > i. Gradients come for free: every piece
 * records its backward.
 *
 * Run: {@code ./dojo grade ex10_encoder_layer} or {@code mvn test}. Instructions: README.md next to this file.
 */
public class TransformerEncoderBlock implements EncoderLayer {

    /** src [B, L, E]; weights by nn.TransformerEncoderLayer's state_dict names; keyPadding [B, L] or null. */
    @Override
    public Tensor forward(Tensor src, Map<String, Tensor> weights, EncoderLayerConfig config, Tensor keyPadding, boolean causal) {
        throw new NotImplementedYet();
    }
}
