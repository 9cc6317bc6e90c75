package exercises.ex16_image_segmenter;

import dojo.exercise.api.ImageSegmenterConfig;
import dojo.exercise.api.ImageSegmenterModel;
import dojo.tensor.Tensor;
import exercises.ex06_softmax_xent_backward.TensorFixture;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.opentest4j.AssertionFailedError;

/** Golden cases of scripts/golden/ex16_image_segmenter.py and helpers for the ex16 suites. */
public final class SegmenterCases {

    public static final TensorFixture GOLDEN = TensorFixture.load("ex16_image_segmenter", "golden.safetensors");

    private static final List<String> LAYER_KEYS = List.of("self_attn.in_proj_weight", "self_attn.in_proj_bias",
            "self_attn.out_proj.weight", "self_attn.out_proj.bias", "linear1.weight", "linear1.bias", "linear2.weight",
            "linear2.bias", "norm1.weight", "norm1.bias", "norm2.weight", "norm2.bias");

    private SegmenterCases() {
    }

    /** The PyTorch state_dict names of a segmenter with {@code layers} encoder layers, in PyTorch's order. */
    public static List<String> keys(int layers) {
        List<String> keys = new ArrayList<>(List.of("patch_embed.weight", "patch_embed.bias", "position.weight"));
        for (int l = 0; l < layers; l++) {
            for (String k : LAYER_KEYS) {
                keys.add("encoder.layers." + l + "." + k);
            }
        }
        keys.addAll(List.of("head.weight", "head.bias"));
        return keys;
    }

    /** The configuration of a golden case. */
    public static ImageSegmenterConfig config(String c) {
        double[] v = GOLDEN.get(c, "config").toArray();
        return new ImageSegmenterConfig((int) v[0], (int) v[1], (int) v[2], (int) v[3], (int) v[4], (int) v[5], (int) v[6],
                (int) v[7], (int) v[8]);
    }

    /** The state dict of a golden case (fresh tensors). */
    public static Map<String, Tensor> state(String c) {
        Map<String, Tensor> state = new LinkedHashMap<>();
        for (String k : keys(config(c).layers())) {
            state.put(k, GOLDEN.get(c, k));
        }
        return state;
    }

    /** Loads {@code state} into the learner's model strictly; a failure says which names differ from PyTorch's. */
    public static void loadStrict(ImageSegmenterModel model, Map<String, Tensor> state) {
        try {
            model.loadStateDict(state, true);
        } catch (IllegalArgumentException e) {
            throw new AssertionFailedError("the model must load PyTorch's state_dict with strict=True (the names and shapes"
                    + " of the module in ImageSegmenterModel's javadoc): " + e.getMessage(), e);
        }
    }

    /** The state dict of a safetensors checkpoint on the test classpath (F32 or F64, read as double). */
    public static Map<String, Tensor> checkpoint(String name) {
        return TensorFixture.stateDict("ex16_image_segmenter", name);
    }

    /** [B, K, H, W] logits as [B*H*W, K] rows, pixel order b, row, col (labels [B, H, W] flattened). */
    public static Tensor pixelRows(Tensor logits) {
        return logits.permute(0, 2, 3, 1).reshape(-1, logits.size(1));
    }

    /** A copy of a state dict with one tensor replaced. */
    public static Map<String, Tensor> with(Map<String, Tensor> state, String key, Tensor value) {
        Map<String, Tensor> out = new LinkedHashMap<>(state);
        out.put(key, value);
        return out;
    }
}
