package dojo.exercise.api;

/**
 * The sizes of the tiny vision transformer of exercise ex12_image_classifier (the original interview
 * document's C3 image classifier, corrected).
 *
 * @param channels    C, input channels (1 for the grey images of {@code ./dojo train image-classifier})
 * @param imageSize   H = W, the image side; a multiple of {@code patchSize}
 * @param patchSize   P, the side of a square patch (the kernel and the stride of {@code patch_embed})
 * @param dModel      E, the width of every token; divisible by {@code heads}
 * @param heads       attention heads per layer
 * @param feedForward the hidden width of each layer's feed-forward block
 * @param layers      encoder layers
 * @param classes     output classes (at least 2)
 */
public record ImageClassifierConfig(int channels, int imageSize, int patchSize, int dModel, int heads, int feedForward,
                                    int layers, int classes) {

    public ImageClassifierConfig {
        positive("channels", channels);
        positive("imageSize", imageSize);
        positive("patchSize", patchSize);
        positive("dModel", dModel);
        positive("heads", heads);
        positive("feedForward", feedForward);
        positive("layers", layers);
        if (classes < 2) throw new IllegalArgumentException("classes must be at least 2, was " + classes);
        if (imageSize % patchSize != 0) {
            throw new IllegalArgumentException("imageSize " + imageSize + " is not a multiple of patchSize " + patchSize
                    + ": the patches must tile the image");
        }
        if (dModel % heads != 0) throw new IllegalArgumentException("dModel " + dModel + " is not divisible by heads " + heads);
    }

    private static void positive(String name, int v) {
        if (v < 1) throw new IllegalArgumentException(name + " must be positive, was " + v);
    }

    /** Patches per side, imageSize / patchSize. */
    public int grid() {
        return imageSize / patchSize;
    }

    /** N, the number of patch tokens (grid * grid). */
    public int patches() {
        return grid() * grid();
    }

    /** 1 + N: the [CLS] token and the patches. */
    public int tokens() {
        return 1 + patches();
    }
}
