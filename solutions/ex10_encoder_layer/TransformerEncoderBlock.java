package ex10_encoder_layer;

import dojo.exercise.api.EncoderLayer;
import dojo.exercise.api.EncoderLayerConfig;
import dojo.tensor.Tensor;
import ex07_attention_backward.AttentionWithBackward;
import ex08_layernorm.LayerNormLayer;
import ex09_ffn_positions.FeedForwardAndPositions;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Model answer for ex10: nn.TransformerEncoderLayer (gelu, dropout 0, batch_first) built from the earlier
 * exercises: attention with its backward (ex07), layer norm (ex08) and the feed-forward block (ex09).
 *
 * <pre>
 *   post-LN:  x = norm1(x + sa(x));   x = norm2(x + ff(x))      (the 2017 paper, PyTorch's default)
 *   pre-LN:   x = x + sa(norm1(x));   x = x + ff(norm2(x))      (GPT-2 onwards: the residual path stays clean)
 * </pre>
 *
 * Gradients need no code here: every piece records its backward (yours in ex07-ex09, the library's for
 * matmul, reshape, permute, add), and autograd chains them.
 */
public class TransformerEncoderBlock implements EncoderLayer {

    static final List<String> KEYS = List.of("self_attn.in_proj_weight", "self_attn.in_proj_bias", "self_attn.out_proj.weight",
            "self_attn.out_proj.bias", "linear1.weight", "linear1.bias", "linear2.weight", "linear2.bias", "norm1.weight",
            "norm1.bias", "norm2.weight", "norm2.bias");

    private final AttentionWithBackward attention = new AttentionWithBackward();
    private final LayerNormLayer layerNorm = new LayerNormLayer();
    private final FeedForwardAndPositions feedForward = new FeedForwardAndPositions();

    @Override
    public Tensor forward(Tensor src, Map<String, Tensor> weights, EncoderLayerConfig config, Tensor keyPadding, boolean causal) {
        if (src == null || weights == null || config == null) {
            throw new IllegalArgumentException((src == null ? "src" : weights == null ? "weights" : "config") + " is null");
        }
        if (src.dim() != 3) {
            throw new IllegalArgumentException("src must be [B, L, E], shape is " + Arrays.toString(src.shape()));
        }
        for (String k : KEYS) {
            if (weights.get(k) == null) {
                throw new IllegalArgumentException("missing weight '" + k + "' (nn.TransformerEncoderLayer state_dict keys: " + KEYS + ")");
            }
        }
        int b = src.size(0);
        int l = src.size(1);
        int e = src.size(2);
        if (e % config.numHeads() != 0) {
            throw new IllegalArgumentException("E = " + e + " is not divisible by numHeads = " + config.numHeads());
        }
        requireShape(weights, "self_attn.in_proj_weight", 3 * e, e);
        requireShape(weights, "self_attn.in_proj_bias", 3 * e);
        requireShape(weights, "self_attn.out_proj.weight", e, e);
        requireShape(weights, "self_attn.out_proj.bias", e);
        for (String n : List.of("norm1.weight", "norm1.bias", "norm2.weight", "norm2.bias")) {
            requireShape(weights, n, e);
        }
        if (keyPadding != null && !Arrays.equals(keyPadding.shape(), new int[] {b, l})) {
            throw new IllegalArgumentException("keyPadding is " + Arrays.toString(keyPadding.shape()) + " but src is "
                    + Arrays.toString(src.shape()) + ": it must be [B, L] = [" + b + ", " + l + "]");
        }
        Tensor mask = blockedMask(b, config.numHeads(), l, keyPadding, causal);

        Tensor x = src;
        if (config.normFirst()) {
            x = x.add(selfAttention(norm(x, weights, "norm1", config.eps()), weights, config.numHeads(), mask));
            x = x.add(feedForward.feedForward(norm(x, weights, "norm2", config.eps()), ffnWeights(weights)));
        } else {
            x = norm(x.add(selfAttention(x, weights, config.numHeads(), mask)), weights, "norm1", config.eps());
            x = norm(x.add(feedForward.feedForward(x, ffnWeights(weights))), weights, "norm2", config.eps());
        }
        return x;
    }

    /** Multi-head self-attention with nn.MultiheadAttention's weights: in_proj, H heads, out_proj. */
    private Tensor selfAttention(Tensor x, Map<String, Tensor> w, int heads, Tensor mask) {
        int b = x.size(0);
        int l = x.size(1);
        int e = x.size(2);
        // rows [0, E) of in_proj are Wq, [E, 2E) Wk, [2E, 3E) Wv
        Tensor qkv = x.matmul(w.get("self_attn.in_proj_weight").t()).add(w.get("self_attn.in_proj_bias"));
        Tensor q = splitHeads(qkv.narrow(-1, 0, e), heads);
        Tensor k = splitHeads(qkv.narrow(-1, e, e), heads);
        Tensor v = splitHeads(qkv.narrow(-1, 2 * e, e), heads);
        Tensor attended = attention.forward(q, k, v, mask); // [B*H, L, d], scaled by 1/sqrt(d)
        Tensor merged = attended.reshape(b, heads, l, e / heads).permute(0, 2, 1, 3).reshape(b, l, e);
        return merged.matmul(w.get("self_attn.out_proj.weight").t()).add(w.get("self_attn.out_proj.bias"));
    }

    /** [B, L, E] -> [B*H, L, d]: head h takes the contiguous columns [h d, (h+1) d) (PyTorch's view(B, L, H, d)). */
    private static Tensor splitHeads(Tensor t, int heads) {
        int b = t.size(0);
        int l = t.size(1);
        int d = t.size(2) / heads;
        return t.reshape(b, l, heads, d).permute(0, 2, 1, 3).reshape(b * heads, l, d);
    }

    /** [B*H, L, L]: 1 where query i may not see key j (key j padded in its batch entry, or j > i when causal). */
    private static Tensor blockedMask(int b, int heads, int l, Tensor keyPadding, boolean causal) {
        if (keyPadding == null && !causal) {
            return null;
        }
        double[] pad = keyPadding == null ? null : keyPadding.toArray();
        double[] m = new double[b * heads * l * l];
        for (int bi = 0; bi < b; bi++) {
            for (int h = 0; h < heads; h++) {
                for (int i = 0; i < l; i++) {
                    for (int j = 0; j < l; j++) {
                        boolean blocked = (causal && j > i) || (pad != null && pad[bi * l + j] != 0); // padding is on KEYS
                        m[((bi * heads + h) * l + i) * l + j] = blocked ? 1 : 0;
                    }
                }
            }
        }
        return Tensor.of(m, b * heads, l, l);
    }

    private Tensor norm(Tensor x, Map<String, Tensor> w, String name, double eps) {
        return layerNorm.forward(x, w.get(name + ".weight"), w.get(name + ".bias"), eps);
    }

    private static Map<String, Tensor> ffnWeights(Map<String, Tensor> w) {
        Map<String, Tensor> f = new LinkedHashMap<>();
        for (String k : List.of("linear1.weight", "linear1.bias", "linear2.weight", "linear2.bias")) {
            f.put(k, w.get(k));
        }
        return f;
    }

    private static void requireShape(Map<String, Tensor> w, String name, int... shape) {
        if (!Arrays.equals(w.get(name).shape(), shape)) {
            throw new IllegalArgumentException(name + " is " + Arrays.toString(w.get(name).shape()) + " but must be "
                    + Arrays.toString(shape));
        }
    }
}
