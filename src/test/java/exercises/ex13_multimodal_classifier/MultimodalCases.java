package exercises.ex13_multimodal_classifier;

import dojo.exercise.api.CaptionImageBatch;
import dojo.exercise.api.MultimodalClassifierConfig;
import dojo.exercise.api.MultimodalClassifierModel;
import dojo.exercise.api.TokenBatch;
import dojo.nn.Module;
import dojo.tensor.Generator;
import dojo.tensor.Tensor;
import exercises.ex06_softmax_xent_backward.TensorFixture;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.opentest4j.AssertionFailedError;

/**
 * Shared cases of the ex13 suites: the PyTorch golden files of scripts/golden/ex13_multimodal_classifier.py
 * (the "small" config: vocab 12, captions up to 5 tokens, 2-channel 12x12 images in 4x4 patches, d 16, 2 heads,
 * feed-forward 32, 2 layers, 3 classes), random batches, and a state-dict check whose messages teach.
 */
final class MultimodalCases {
    static final String ID = "ex13_multimodal_classifier";
    static final TensorFixture GOLDEN = TensorFixture.load(ID, "model.safetensors");
    static final TensorFixture PT_TRAINED = TensorFixture.load(ID, "pt_trained.safetensors");
    static final MultimodalClassifierConfig SMALL = new MultimodalClassifierConfig(12, 5, 2, 12, 4, 16, 2, 32, 2, 3);
    /** The overfit test's config: 8x8 images in 4 patches, one layer of width 16. */
    static final MultimodalClassifierConfig FIT = new MultimodalClassifierConfig(12, 5, 1, 8, 4, 16, 2, 32, 1, 2);
    /** A tiny config for gradient checks: 4 patches, d 8. */
    static final MultimodalClassifierConfig TINY = new MultimodalClassifierConfig(6, 3, 1, 4, 2, 8, 2, 8, 1, 2);

    private MultimodalCases() {
    }

    /** A checkpoint with plain state_dict names (as ./dojo train writes it) from the test resources, as double tensors. */
    static Map<String, Tensor> checkpoint(String file) {
        return TensorFixture.stateDict(ID, file);
    }

    /** The PyTorch state dict of golden case {@code c} (names without the case prefix). */
    static Map<String, Tensor> weights(TensorFixture file, String c) {
        Map<String, Tensor> w = new LinkedHashMap<>();
        for (String name : GOLDEN_NAMES) w.put(name, file.get(c, name));
        return w;
    }

    /** The batch of golden case {@code c} (ids, images, labels if present). */
    static CaptionImageBatch batch(TensorFixture file, String c) {
        int[] ids = file.ints(c, "ids");
        Tensor images = file.get(c, "images");
        int b = images.size(0);
        int[] labels = file.has(c, "labels") ? file.ints(c, "labels") : new int[b];
        return new CaptionImageBatch(new TokenBatch(ids, b, ids.length / b, labels), images);
    }

    /** Builds the learner's model and loads golden case {@code c}'s weights into it (strict). */
    static MultimodalClassifierModel loaded(dojo.exercise.api.MultimodalClassifierExercise exercise, MultimodalClassifierConfig config,
                                            TensorFixture file, String c) {
        MultimodalClassifierModel m = exercise.build(config, new Generator(1));
        assertStateDictLikePyTorch(m, file, c, config);
        m.loadStateDict(weights(file, c), true);
        return m;
    }

    /**
     * Fails unless the model's state dict has exactly the PyTorch module's names and shapes, naming every
     * difference and the likely cause (the original document's vocabulary bug, a missing module, ...).
     */
    static void assertStateDictLikePyTorch(Module m, TensorFixture file, String c, MultimodalClassifierConfig config) {
        Map<String, Tensor> own = m.stateDict();
        List<String> problems = new ArrayList<>();
        for (var e : own.entrySet()) {
            if (!file.has(c, e.getKey())) {
                problems.add("unexpected key " + e.getKey() + " (PyTorch's module has no such parameter)");
            } else {
                int[] want = file.get(c, e.getKey()).shape();
                if (!Arrays.equals(want, e.getValue().shape())) {
                    String why = e.getKey().equals("text_embedding.weight") && e.getValue().size(0) == config.dModel()
                            ? ": one row per token id, so [vocab, d], not [d, d] (the original document's bug: "
                            + "nn.Embedding(text_embed_size, text_embed_size) used the embedding size as the vocabulary size)"
                            : "";
                    problems.add(e.getKey() + " has shape " + Arrays.toString(e.getValue().shape()) + ", PyTorch's is "
                            + Arrays.toString(want) + why);
                }
            }
        }
        for (String name : GOLDEN_NAMES) {
            if (!own.containsKey(name)) problems.add("missing key " + name);
        }
        if (!problems.isEmpty()) {
            throw new AssertionFailedError("the state dict must have exactly the PyTorch module's names and shapes "
                    + "(see MultimodalClassifierModel's javadoc): " + String.join("; ", problems));
        }
    }

    /** Every parameter name of the PyTorch module (layers 0 and 1). */
    static final List<String> GOLDEN_NAMES;

    static {
        List<String> names = new ArrayList<>(List.of("text_embedding.weight", "text_position.weight", "patch_embed.weight",
                "patch_embed.bias", "patch_position.weight", "token_type.weight"));
        for (int layer = 0; layer < 2; layer++) {
            for (String p : List.of("self_attn.in_proj_weight", "self_attn.in_proj_bias", "self_attn.out_proj.weight",
                    "self_attn.out_proj.bias", "linear1.weight", "linear1.bias", "linear2.weight", "linear2.bias", "norm1.weight",
                    "norm1.bias", "norm2.weight", "norm2.bias")) {
                names.add("encoder.layers." + layer + "." + p);
            }
        }
        names.add("head.weight");
        names.add("head.bias");
        GOLDEN_NAMES = List.copyOf(names);
    }

    /** A random batch: captions of the given lengths (ids 1..vocab-1) padded to {@code length}, images uniform in [0, 1). */
    static CaptionImageBatch random(MultimodalClassifierConfig c, long seed, int length, int... lengths) {
        SplittableRandom rng = new SplittableRandom(seed);
        int b = lengths.length;
        int[] ids = new int[b * length];
        int[] labels = new int[b];
        for (int i = 0; i < b; i++) {
            for (int j = 0; j < lengths[i]; j++) ids[i * length + j] = 1 + rng.nextInt(c.vocab() - 1);
            labels[i] = rng.nextInt(c.classes());
        }
        double[] px = new double[b * c.channels() * c.imageSize() * c.imageSize()];
        for (int i = 0; i < px.length; i++) px[i] = rng.nextDouble();
        return new CaptionImageBatch(new TokenBatch(ids, b, length, labels), Tensor.of(px, b, c.channels(), c.imageSize(), c.imageSize()));
    }

    /** The same captions and images with every caption padded to {@code length} (>= the batch's). */
    static CaptionImageBatch padTo(CaptionImageBatch batch, int length) {
        int b = batch.batch();
        int l = batch.text().length();
        int[] ids = new int[b * length];
        int[] old = batch.text().ids();
        for (int i = 0; i < b; i++) System.arraycopy(old, i * l, ids, i * length, l);
        return new CaptionImageBatch(new TokenBatch(ids, b, length, batch.labels()), batch.images());
    }
}
