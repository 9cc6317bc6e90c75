package dojo.models.data;

import java.util.Arrays;

/**
 * One image of {@link LayoutCaptions} with the caption that describes it: row-major {@code [height * width]}
 * pixels in 0..1, caption token ids (1..vocab-1, no padding) and the composition, one entry per cell of
 * the patch grid ({@code -1} empty, otherwise the glyph's shape), which identifies the image up to
 * brightness.
 */
public record LayoutImage(double[] pixels, int height, int width, int[] caption, int[] composition) {
    public LayoutImage {
        if (pixels.length != height * width) {
            throw new IllegalArgumentException(pixels.length + " pixels for a " + height + "x" + width + " image");
        }
        if (caption.length == 0) throw new IllegalArgumentException("a caption needs at least one token");
        pixels = pixels.clone();
        caption = caption.clone();
        composition = composition.clone();
    }

    @Override
    public double[] pixels() {
        return pixels.clone();
    }

    @Override
    public int[] caption() {
        return caption.clone();
    }

    @Override
    public int[] composition() {
        return composition.clone();
    }

    public double pixel(int row, int col) {
        return pixels[row * width + col];
    }

    /** The composition as text, e.g. "square@top-left disc@centre" (cells in reading order). */
    public String describe() {
        return LayoutCaptions.describe(composition);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LayoutImage c && Arrays.equals(c.pixels, pixels) && Arrays.equals(c.caption, caption)
                && Arrays.equals(c.composition, composition);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(caption) + Arrays.hashCode(composition);
    }

    @Override
    public String toString() {
        return LayoutCaptions.words(caption) + " | " + describe();
    }
}
