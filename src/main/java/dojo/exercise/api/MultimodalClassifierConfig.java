package dojo.exercise.api;

/**
 * Sizes of the single-stream multimodal classifier (exercise ex13_multimodal_classifier): a caption of at
 * most {@code maxTextLength} token ids (vocabulary {@code vocab}, id 0 = padding) and a
 * {@code channels} x {@code imageSize} x {@code imageSize} image cut into square {@code patchSize} patches, both
 * projected to width {@code dModel} and read by one {@code layers}-deep encoder with {@code heads} heads and a
 * feed-forward width {@code feedForward}; {@code classes} logits per example.
 */
public record MultimodalClassifierConfig(int vocab, int maxTextLength, int channels, int imageSize, int patchSize, int dModel,
                                         int heads, int feedForward, int layers, int classes) {

    public MultimodalClassifierConfig {
        positive("vocab", vocab);
        positive("maxTextLength", maxTextLength);
        positive("channels", channels);
        positive("imageSize", imageSize);
        positive("patchSize", patchSize);
        positive("dModel", dModel);
        positive("heads", heads);
        positive("feedForward", feedForward);
        positive("layers", layers);
        positive("classes", classes);
        if (vocab < 2) throw new IllegalArgumentException("vocab must be at least 2 (id 0 is padding), was " + vocab);
        if (imageSize % patchSize != 0) {
            throw new IllegalArgumentException("imageSize " + imageSize + " is not a multiple of patchSize " + patchSize);
        }
        if (dModel % heads != 0) throw new IllegalArgumentException("dModel " + dModel + " is not divisible by heads " + heads);
    }

    private static void positive(String name, int v) {
        if (v < 1) throw new IllegalArgumentException(name + " must be positive, was " + v);
    }

    /** Patches per image side: {@code imageSize / patchSize}. */
    public int grid() {
        return imageSize / patchSize;
    }

    /** Image tokens per example: {@code grid()^2}. */
    public int patches() {
        return grid() * grid();
    }

    /** The longest sequence the encoder reads: caption + patches. */
    public int maxSequence() {
        return maxTextLength + patches();
    }
}
