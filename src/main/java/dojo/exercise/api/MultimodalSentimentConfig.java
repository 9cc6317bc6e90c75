package dojo.exercise.api;

/**
 * Sizes of the cross-attention sentiment model (exercise ex19_multimodal_sentiment).
 *
 * @param vocab        token ids are 0..vocab-1, 0 is padding
 * @param maxTextLen   longest caption (rows of {@code text_position.weight})
 * @param channels     image channels C
 * @param imageSize    images are C x imageSize x imageSize
 * @param patchSize    patch side (the conv's kernel and stride); imageSize must be a multiple of it
 * @param dModel       width of every token and patch vector
 * @param heads        attention heads of every attention (dModel must be a multiple of it)
 * @param feedForward  hidden width of every feed-forward block
 * @param textLayers   encoder layers on the caption
 * @param imageLayers  encoder layers on the patches
 * @param classes      outputs of the head (3: negative, neutral, positive)
 */
public record MultimodalSentimentConfig(int vocab, int maxTextLen, int channels, int imageSize, int patchSize, int dModel,
                                        int heads, int feedForward, int textLayers, int imageLayers, int classes) {

    public MultimodalSentimentConfig {
        positive("vocab", vocab);
        positive("maxTextLen", maxTextLen);
        positive("channels", channels);
        positive("imageSize", imageSize);
        positive("patchSize", patchSize);
        positive("dModel", dModel);
        positive("heads", heads);
        positive("feedForward", feedForward);
        positive("textLayers", textLayers);
        positive("imageLayers", imageLayers);
        positive("classes", classes);
        if (vocab < 2) throw new IllegalArgumentException("vocab must hold padding (0) and at least one token, was " + vocab);
        if (dModel % heads != 0) throw new IllegalArgumentException("dModel " + dModel + " must be a multiple of heads " + heads);
        if (imageSize % patchSize != 0) {
            throw new IllegalArgumentException("imageSize " + imageSize + " must be a multiple of patchSize " + patchSize);
        }
    }

    private static void positive(String name, int v) {
        if (v < 1) throw new IllegalArgumentException(name + " must be positive, was " + v);
    }

    /** Patches per image: (imageSize / patchSize)^2. */
    public int patches() {
        int g = imageSize / patchSize;
        return g * g;
    }
}
