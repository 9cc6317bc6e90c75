package dojo.models.data;

import java.util.Arrays;

/**
 * One (caption, image) pair with its label: caption token ids (no padding, ids >= 1), a single-channel
 * {@code size} x {@code size} image (row-major pixels in 0..1) and 1 when the caption describes the image.
 */
public record CaptionedImage(int[] tokens, double[] pixels, int size, int label) {
    public CaptionedImage {
        if (pixels.length != size * size) throw new IllegalArgumentException(pixels.length + " pixels for a " + size + "x" + size + " image");
        for (int t : tokens) if (t < 1) throw new IllegalArgumentException("caption token ids start at 1 (0 is padding), found " + t);
        tokens = tokens.clone();
        pixels = pixels.clone();
    }

    @Override
    public int[] tokens() {
        return tokens.clone();
    }

    @Override
    public double[] pixels() {
        return pixels.clone();
    }

    public int length() {
        return tokens.length;
    }

    public double pixel(int row, int col) {
        return pixels[row * size + col];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CaptionedImage c && c.label == label && c.size == size && Arrays.equals(c.tokens, tokens)
                && Arrays.equals(c.pixels, pixels);
    }

    @Override
    public int hashCode() {
        return (31 * Arrays.hashCode(tokens) + Arrays.hashCode(pixels)) * 31 + label;
    }

    @Override
    public String toString() {
        return GlyphCaptions.describe(tokens) + " -> " + label;
    }
}
