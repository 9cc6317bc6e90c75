package exercises.ex19_multimodal_sentiment;

import dojo.exercise.api.MultimodalSentimentConfig;
import dojo.exercise.api.MultimodalSentimentExercise;
import dojo.exercise.api.MultimodalSentimentModel;
import dojo.exercise.api.SentimentBatch;
import dojo.tensor.Generator;
import dojo.tensor.Tensor;
import exercises.ex06_softmax_xent_backward.TensorFixture;
import java.util.Map;
import org.opentest4j.AssertionFailedError;

/** Fixtures of ex19: PyTorch's golden file (scripts/golden/ex19_multimodal_sentiment.py) and the model sizes it uses. */
final class SentimentCases {
    static final TensorFixture GOLDEN = TensorFixture.load("ex19_multimodal_sentiment", "multimodal_sentiment.safetensors");
    /** The golden file's small model: vocab 12, max_len 5, 1 channel, 8x8 images, 4x4 patches, E 8, 2 heads, ff 16, 1 + 1 layers, 3 classes. */
    static final MultimodalSentimentConfig SMALL = new MultimodalSentimentConfig(12, 5, 1, 8, 4, 8, 2, 16, 1, 1, 3);
    /** The deep case: 4 heads, two encoder layers per modality. */
    static final MultimodalSentimentConfig DEEP = new MultimodalSentimentConfig(12, 5, 1, 8, 4, 8, 4, 16, 2, 2, 3);
    /** The sizes ./dojo train uses (the java_trained checkpoint). */
    static final MultimodalSentimentConfig REFERENCE = new MultimodalSentimentConfig(19, 5, 1, 8, 4, 32, 4, 64, 1, 1, 3);

    private SentimentCases() {
    }

    static MultimodalSentimentModel build(MultimodalSentimentExercise exercise, MultimodalSentimentConfig c, long seed) {
        MultimodalSentimentModel m = exercise.build(c, new Generator(seed));
        if (m == null) throw new AssertionFailedError("build returned null: return new CrossAttentionSentiment(config, generator)");
        return m;
    }

    /** The weights of a golden case, by state_dict name. */
    static Map<String, Tensor> weights(String c) {
        return GOLDEN.group(c + ".w.");
    }

    /** Loads weights strictly: a missing, extra or mis-shaped name fails with PyTorch's kind of message. */
    static void load(MultimodalSentimentModel m, Map<String, Tensor> w) {
        try {
            m.loadStateDict(w, true);
        } catch (IllegalArgumentException e) {
            throw new AssertionFailedError("PyTorch's state_dict does not load into your model: " + e.getMessage()
                    + " (register token_embedding, text_position, text_encoder, patch_embed, image_position, image_encoder,"
                    + " cross_attn, cross_norm, linear1, linear2, ff_norm, head, with those names)");
        }
    }

    /** The captions and images of a golden case as a batch (padding 0 on the right). */
    static SentimentBatch batch(String c) {
        Tensor ids = GOLDEN.get(c, "ids");
        int b = ids.size(0);
        int l = ids.size(1);
        double[] v = ids.toArray();
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) out[i] = (int) v[i];
        return new SentimentBatch(out, b, l, GOLDEN.get(c, "images"), new int[b]);
    }

    static int[] labels(String c) {
        double[] v = GOLDEN.get(c, "labels").toArray();
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) out[i] = (int) v[i];
        return out;
    }

    /** Captions padded to {@code length}, with seeded random 8x8 images. */
    static SentimentBatch rows(int length, long imageSeed, int[]... rows) {
        int[] ids = new int[rows.length * length];
        for (int i = 0; i < rows.length; i++) System.arraycopy(rows[i], 0, ids, i * length, rows[i].length);
        return new SentimentBatch(ids, rows.length, length, Tensor.rand(new Generator(imageSeed), rows.length, 1, 8, 8), new int[rows.length]);
    }

    /** The F32 checkpoint ./dojo train wrote (PyTorch loads it strictly: see the golden script), as doubles. */
    static Map<String, Tensor> javaTrainedCheckpoint() {
        return TensorFixture.stateDict("ex19_multimodal_sentiment", "java_trained.safetensors");
    }
}
