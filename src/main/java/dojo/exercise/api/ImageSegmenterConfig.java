package dojo.exercise.api;

/**
 * Sizes of the corrected image segmenter (exercise ex16_image_segmenter), the arguments of the PyTorch
 * module in {@link ImageSegmenterModel}. Dropout is 0, the encoder is post-LN with ReLU (PyTorch's
 * {@code nn.TransformerEncoderLayer} defaults otherwise).
 *
 * @param channels input channels C_in (1 for the dojo's grey images)
 * @param height image height H, a multiple of {@code patch}
 * @param width image width W, a multiple of {@code patch} (H and W may differ)
 * @param patch patch side p: kernel and stride of the patch embedding; the image is a (H/p) x (W/p) grid of tokens
 * @param dModel d, the token width; a multiple of {@code heads}
 * @param heads attention heads per layer
 * @param feedForward hidden width of each layer's feed-forward block
 * @param layers encoder layers
 * @param classes K, classes per pixel (class 0 is background by convention)
 */
public record ImageSegmenterConfig(int channels, int height, int width, int patch, int dModel, int heads,
                                   int feedForward, int layers, int classes) {

    public ImageSegmenterConfig {
        positive("channels", channels);
        positive("height", height);
        positive("width", width);
        positive("patch", patch);
        positive("dModel", dModel);
        positive("heads", heads);
        positive("feedForward", feedForward);
        positive("layers", layers);
        if (classes < 2) {
            throw new IllegalArgumentException("classes must be at least 2, was " + classes);
        }
        if (height % patch != 0 || width % patch != 0) {
            throw new IllegalArgumentException("a " + height + "x" + width + " image cannot be cut into " + patch + "x" + patch
                    + " patches: height and width must be multiples of the patch");
        }
        if (dModel % heads != 0) {
            throw new IllegalArgumentException("dModel " + dModel + " is not divisible by heads " + heads);
        }
    }

    /** Patch rows, H / p. */
    public int gridHeight() {
        return height / patch;
    }

    /** Patch columns, W / p. */
    public int gridWidth() {
        return width / patch;
    }

    /** Tokens per image, (H / p) * (W / p). */
    public int tokens() {
        return gridHeight() * gridWidth();
    }

    private static void positive(String name, int v) {
        if (v < 1) {
            throw new IllegalArgumentException(name + " must be positive, was " + v);
        }
    }
}
