package exercises.ex11_text_classifier;

import dojo.exercise.api.TextClassifierConfig;
import dojo.exercise.api.TextClassifierExercise;
import dojo.exercise.api.TextClassifierModel;
import dojo.exercise.api.TokenBatch;
import dojo.tensor.Generator;
import dojo.tensor.Tensor;
import exercises.ex06_softmax_xent_backward.TensorFixture;
import java.util.Map;
import org.opentest4j.AssertionFailedError;

/** Fixtures of ex11: PyTorch's golden file (scripts/golden/ex11_text_classifier.py) and the model sizes it uses. */
final class TextClassifierCases {
    static final TensorFixture GOLDEN = TensorFixture.load("ex11_text_classifier", "text_classifier.safetensors");
    /** The golden file's small model: vocab 10, E 8, 2 heads, ff 16, 2 layers, max_len 7, 3 classes. */
    static final TextClassifierConfig SMALL = new TextClassifierConfig(10, 8, 2, 16, 2, 7, 3);
    /** The sizes ./dojo train uses (the java_trained checkpoint). */
    static final TextClassifierConfig REFERENCE = new TextClassifierConfig(17, 48, 4, 96, 2, 12, 2);

    private TextClassifierCases() {
    }

    static TextClassifierModel build(TextClassifierExercise exercise, TextClassifierConfig c, long seed) {
        TextClassifierModel m = exercise.build(c, new Generator(seed));
        if (m == null) throw new AssertionFailedError("build returned null: return new TextClassifier(config, generator)");
        return m;
    }

    /** The weights of a golden case, by state_dict name. */
    static Map<String, Tensor> weights(String c) {
        return GOLDEN.group(c + ".w.");
    }

    /** Loads weights strictly: a missing, extra or mis-shaped name fails with PyTorch's kind of message. */
    static void load(TextClassifierModel m, Map<String, Tensor> w) {
        try {
            m.loadStateDict(w, true);
        } catch (IllegalArgumentException e) {
            throw new AssertionFailedError("PyTorch's state_dict does not load into your model: " + e.getMessage()
                    + " (register embedding, position, encoder, head, in that order and with those names)");
        }
    }

    /** The token ids of a golden case as a batch (padding 0 on the right). */
    static TokenBatch batch(String c) {
        Tensor ids = GOLDEN.get(c, "ids");
        int b = ids.size(0), l = ids.size(1);
        double[] v = ids.toArray();
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) out[i] = (int) v[i];
        return new TokenBatch(out, b, l, new int[b]);
    }

    static int[] labels(String c) {
        double[] v = GOLDEN.get(c, "labels").toArray();
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) out[i] = (int) v[i];
        return out;
    }

    /** The F32 checkpoint ./dojo train wrote (PyTorch loads it strictly: see the golden script), as doubles. */
    static Map<String, Tensor> javaTrainedCheckpoint() {
        return TensorFixture.stateDict("ex11_text_classifier", "java_trained.safetensors");
    }

    /** A batch of the given rows padded to {@code length}. */
    static TokenBatch rows(int length, int[]... rows) {
        return TokenBatch.of(java.util.List.of(rows), new int[rows.length], length);
    }
}
