package dojo.models.viz;

import java.util.ArrayList;
import java.util.List;

/**
 * What {@code dojo viz} shows for one image: the image (grey pixels in [0, 1], row-major), its patch size,
 * and the model's attention over its tokens: token 0 is [CLS], token 1 + i is patch i in row-major order
 * (row i / grid, column i % grid), as a ViT builds them.
 *
 * @param attention the per-layer, per-head maps over 1 + N tokens with the prediction ({@link AttentionView})
 * @param pixels    height * width grey values, row-major (one channel)
 * @param patch     the patch side in pixels; height and width are multiples of it
 */
public record PatchAttentionView(AttentionView attention, double[] pixels, int height, int width, int patch) {

    /** The token labels of an image with {@code grid x grid} patches: "[CLS]", then "r0c0", "r0c1", ... */
    public static List<String> tokenLabels(int rows, int cols) {
        List<String> out = new ArrayList<>();
        out.add("[CLS]");
        for (int r = 0; r < rows; r++) for (int c = 0; c < cols; c++) out.add("r" + r + "c" + c);
        return out;
    }

    public PatchAttentionView {
        if (patch < 1 || height % patch != 0 || width % patch != 0) {
            throw new IllegalArgumentException("a " + height + "x" + width + " image is not cut into " + patch + "x" + patch + " patches");
        }
        if (pixels.length != height * width) throw new IllegalArgumentException(pixels.length + " pixels for a " + height + "x" + width + " image");
        int tokens = 1 + (height / patch) * (width / patch);
        if (attention.tokens().size() != tokens) {
            throw new IllegalArgumentException(attention.tokens().size() + " tokens for [CLS] + " + (tokens - 1) + " patches");
        }
        for (AttentionMap m : attention.maps()) {
            if (m.size() != tokens) throw new IllegalArgumentException("layer " + m.layer() + " head " + m.head() + " has " + m.size() + " rows, not " + tokens);
        }
        pixels = pixels.clone();
    }

    @Override
    public double[] pixels() {
        return pixels.clone();
    }

    public int rows() {
        return height / patch;
    }

    public int cols() {
        return width / patch;
    }

    /** The token of a patch cell (1 + row-major index). */
    public int token(int row, int col) {
        if (row < 0 || row >= rows() || col < 0 || col >= cols()) {
            throw new IllegalArgumentException("patch (" + row + ", " + col + ") is outside the " + rows() + "x" + cols() + " grid");
        }
        return 1 + row * cols() + col;
    }

    /** "[CLS]" for token 0, "patch (r, c)" otherwise. */
    public String describe(int token) {
        if (token == 0) return "[CLS]";
        int i = token - 1;
        return "patch (" + i / cols() + ", " + i % cols() + ")";
    }

    double pixel(int r, int c) {
        return pixels[r * width + c];
    }
}
