package dojo.exercise.api;

/**
 * Sizes and loss weights of the multi-task classifier (exercise ex18_multitask): one shared encoder, two
 * task heads, trained on {@code weightA * CE(task A) + weightB * CE(task B)}.
 *
 * @param vocab token ids 0..vocab-1, 0 is padding ({@code nn.Embedding(vocab, dModel, padding_idx=0)})
 * @param dModel width d of the shared representation; divisible by {@code heads}
 * @param heads attention heads per encoder layer
 * @param feedForward the encoder layers' feed-forward width
 * @param layers encoder layers (post-LN, ReLU, dropout 0, as {@code nn.TransformerEncoderLayer}'s defaults)
 * @param maxLen longest sequence (rows of the learned position table)
 * @param headHidden hidden width of each task head ({@code fc1: Linear(d, headHidden)}, ReLU, {@code fc2})
 * @param classesA classes of task A (head_a's output width)
 * @param classesB classes of task B (head_b's output width)
 * @param weightA weight of task A's mean cross-entropy in the training loss (>= 0)
 * @param weightB weight of task B's mean cross-entropy in the training loss (>= 0)
 */
public record MultiTaskConfig(int vocab, int dModel, int heads, int feedForward, int layers, int maxLen, int headHidden,
                              int classesA, int classesB, double weightA, double weightB) {

    public MultiTaskConfig {
        positive("vocab", vocab);
        positive("dModel", dModel);
        positive("heads", heads);
        positive("feedForward", feedForward);
        positive("layers", layers);
        positive("maxLen", maxLen);
        positive("headHidden", headHidden);
        if (vocab < 2) throw new IllegalArgumentException("vocab must hold padding (id 0) and at least one token, was " + vocab);
        if (dModel % heads != 0) {
            throw new IllegalArgumentException("dModel " + dModel + " is not divisible by heads " + heads);
        }
        if (classesA < 2) throw new IllegalArgumentException("classesA must be at least 2, was " + classesA);
        if (classesB < 2) throw new IllegalArgumentException("classesB must be at least 2, was " + classesB);
        weight("weightA", weightA);
        weight("weightB", weightB);
        if (weightA == 0 && weightB == 0) throw new IllegalArgumentException("weightA and weightB are both 0: nothing would be trained");
    }

    private static void positive(String name, int v) {
        if (v < 1) throw new IllegalArgumentException(name + " must be positive, was " + v);
    }

    private static void weight(String name, double w) {
        if (!(w >= 0) || Double.isInfinite(w)) throw new IllegalArgumentException(name + " must be finite and >= 0, was " + w);
    }

    /** The same sizes with other loss weights. */
    public MultiTaskConfig withWeights(double a, double b) {
        return new MultiTaskConfig(vocab, dModel, heads, feedForward, layers, maxLen, headHidden, classesA, classesB, a, b);
    }
}
