package dojo.models.data;

import java.util.Arrays;

/**
 * One caption (token ids 1..vocab-1, no padding) with its single-channel image (row-major
 * {@code [height * width]} pixels in 0..1) and a class label. {@code glyphShapes[i]} was drawn into patch
 * cell {@code glyphCells[i]} (what the generator put in the picture, for tests and labels of a viz; models
 * only see the pixels).
 */
public record SentimentExample(int[] tokens, double[] pixels, int height, int width, int[] glyphShapes, int[] glyphCells, int label) {

    public SentimentExample {
        if (pixels.length != height * width) {
            throw new IllegalArgumentException(pixels.length + " pixels for a " + height + "x" + width + " image");
        }
        if (glyphShapes.length != glyphCells.length) {
            throw new IllegalArgumentException(glyphShapes.length + " glyph shapes for " + glyphCells.length + " cells");
        }
        tokens = tokens.clone();
        pixels = pixels.clone();
        glyphShapes = glyphShapes.clone();
        glyphCells = glyphCells.clone();
    }

    public int length() {
        return tokens.length;
    }

    @Override
    public int[] tokens() {
        return tokens.clone();
    }

    @Override
    public double[] pixels() {
        return pixels.clone();
    }

    @Override
    public int[] glyphShapes() {
        return glyphShapes.clone();
    }

    @Override
    public int[] glyphCells() {
        return glyphCells.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SentimentExample c && c.label == label && c.height == height && c.width == width
                && Arrays.equals(c.tokens, tokens) && Arrays.equals(c.pixels, pixels)
                && Arrays.equals(c.glyphShapes, glyphShapes) && Arrays.equals(c.glyphCells, glyphCells);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(tokens) + Arrays.hashCode(pixels)) + label;
    }

    @Override
    public String toString() {
        return Arrays.toString(tokens) + " + glyphs " + Arrays.toString(glyphShapes) + " at " + Arrays.toString(glyphCells) + " -> " + label;
    }
}
