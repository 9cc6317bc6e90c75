package exercises.ex10_encoder_layer;

import dojo.exercise.api.EncoderLayerConfig;
import dojo.tensor.Generator;
import dojo.tensor.Tensor;
import exercises.ex06_softmax_xent_backward.TensorFixture;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Golden cases and random layers for the ex10 suites. */
public final class EncoderCases {

    public static final List<String> KEYS = List.of("self_attn.in_proj_weight", "self_attn.in_proj_bias", "self_attn.out_proj.weight",
            "self_attn.out_proj.bias", "linear1.weight", "linear1.bias", "linear2.weight", "linear2.bias", "norm1.weight",
            "norm1.bias", "norm2.weight", "norm2.bias");

    public static final TensorFixture GOLDEN = TensorFixture.load("ex10_encoder_layer", "encoder.safetensors");

    private EncoderCases() {
    }

    /** The state dict of a golden case (fresh tensors, requiring a gradient when asked). */
    public static Map<String, Tensor> weights(String c, boolean grad) {
        Map<String, Tensor> w = new LinkedHashMap<>();
        for (String k : KEYS) {
            w.put(k, GOLDEN.get(c, k).requiresGrad(grad));
        }
        return w;
    }

    public static EncoderLayerConfig config(String c) {
        return new EncoderLayerConfig((int) GOLDEN.number(c, "num_heads"), GOLDEN.number(c, "norm_first") != 0, GOLDEN.number(c, "eps"));
    }

    public static Tensor keyPadding(String c) {
        return GOLDEN.has(c, "key_padding_mask") ? GOLDEN.get(c, "key_padding_mask") : null;
    }

    public static boolean causal(String c) {
        return GOLDEN.number(c, "causal") != 0;
    }

    /** A random layer: weights N(0, 0.5^2), norm weights 1 + N(0, 0.1^2). */
    public static Map<String, Tensor> random(long seed, int e, int f, boolean grad) {
        Generator g = new Generator(seed);
        Map<String, Tensor> w = new LinkedHashMap<>();
        int[][] shapes = {{3 * e, e}, {3 * e}, {e, e}, {e}, {f, e}, {f}, {e, f}, {e}, {e}, {e}, {e}, {e}};
        for (int i = 0; i < KEYS.size(); i++) {
            Tensor t = Tensor.randn(g, shapes[i]).mul(KEYS.get(i).startsWith("norm") && KEYS.get(i).endsWith("weight") ? 0.1 : 0.5);
            if (KEYS.get(i).startsWith("norm") && KEYS.get(i).endsWith("weight")) {
                t = t.add(1);
            }
            w.put(KEYS.get(i), t.requiresGrad(grad));
        }
        return w;
    }
}
