package dojo.exercise.api;

/**
 * Sizes of the dual-encoder retriever (exercise ex17_retriever). Both towers use the same transformer sizes.
 *
 * @param vocab token ids 0..vocab-1, id 0 is padding
 * @param maxTextLen the longest caption (text positions)
 * @param channels image channels C
 * @param imageSize H = W, a multiple of {@code patch}
 * @param patch the patch side p (kernel = stride of the patch convolution)
 * @param dModel width d of both transformer encoders
 * @param heads attention heads per layer (d divisible by it)
 * @param feedForward hidden width of the feed-forward blocks
 * @param layers encoder layers per tower
 * @param embedDim width D of the shared embedding space (the projections' output)
 */
public record RetrieverConfig(int vocab, int maxTextLen, int channels, int imageSize, int patch, int dModel, int heads,
                              int feedForward, int layers, int embedDim) {

    public RetrieverConfig {
        positive("vocab", vocab);
        positive("maxTextLen", maxTextLen);
        positive("channels", channels);
        positive("imageSize", imageSize);
        positive("patch", patch);
        positive("dModel", dModel);
        positive("heads", heads);
        positive("feedForward", feedForward);
        positive("layers", layers);
        positive("embedDim", embedDim);
        if (vocab < 2) throw new IllegalArgumentException("vocab must hold padding (id 0) and at least one token, was " + vocab);
        if (imageSize % patch != 0) {
            throw new IllegalArgumentException("imageSize " + imageSize + " is not a multiple of the patch " + patch);
        }
        if (dModel % heads != 0) throw new IllegalArgumentException("dModel " + dModel + " is not divisible by heads " + heads);
    }

    private static void positive(String name, int v) {
        if (v < 1) throw new IllegalArgumentException(name + " must be positive, was " + v);
    }

    /** Patches per image: (imageSize / patch)^2 image tokens. */
    public int patches() {
        int side = imageSize / patch;
        return side * side;
    }
}
