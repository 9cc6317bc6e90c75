package dojo.models.data;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * "Which shapes appear twice?": per-pixel segmentation of glyph images where a pixel's class depends on the
 * rest of the image.
 *
 * <p>Generator: an image is a grid of {@code side x side} cells of 4x4 pixels (the experiment uses side 4:
 * 16x16 images, one cell = one 4x4 patch). Four glyphs from the {@value Glyphs#SHAPES} fixed 4x4
 * shapes of {@link Glyphs#glyph} are drawn into four distinct, uniformly chosen cells: one shape
 * twice and two other shapes once each (three distinct shapes, a uniform choice). Each glyph has its own
 * brightness, uniform in [0.5, 1]. Labels per pixel: {@link #BACKGROUND} for every pixel that is off
 * (including the off pixels inside a glyph's cell), {@link #REPEATED} for the on pixels of the two glyphs
 * that share a shape, {@link #SINGLE} for the on pixels of the other two.
 *
 * <p>Why attention: a glyph's own pixels (shape, brightness, position) have the same distribution whether it
 * is labelled repeated or single: every shape is equally likely in every role. The class of a pixel is
 * decided by whether ANOTHER cell, anywhere in the image, holds the same shape. A model that encodes each
 * patch alone can find the glyph's pixels (background is local) but can only guess between the two glyph
 * classes; it needs to compare patches across the image.
 *
 * <p>Splits are drawn one after the other from one seeded stream; an image layout (cells and shapes) never
 * repeats within or across splits.
 */
public final class RepeatedShapeSegmentation {

    public static final int BACKGROUND = 0;
    public static final int REPEATED = 1;
    public static final int SINGLE = 2;
    public static final int CLASSES = 3;
    public static final String[] CLASS_NAMES = {"background", "repeated shape", "single shape"};
    /** Cell side in pixels (= the glyph size = the model's patch). */
    public static final int CELL = Glyphs.SIDE;
    /** Glyphs per image: a pair and two singles. */
    public static final int GLYPHS = 4;

    private RepeatedShapeSegmentation() {
    }

    /** Train, validation and test parts of {@code side x side}-cell images ({@code side * 4} pixels square). */
    public static Split<SegmentationExample> generate(long seed, int side, int train, int validation, int test) {
        if (side * side < GLYPHS) {
            throw new IllegalArgumentException("a " + side + "x" + side + " grid has no room for " + GLYPHS + " glyphs");
        }
        long layouts = layouts(side);
        if (train + validation + test > layouts / 2) {
            throw new IllegalArgumentException(train + validation + test + " images requested but a " + side + "x" + side
                    + " grid has only " + layouts + " layouts (at most half may be drawn)");
        }
        SplittableRandom rng = new SplittableRandom(seed);
        Set<String> seen = new HashSet<>();
        return new Split<>("repeated-shape-segmentation", part(rng, side, train, seen), part(rng, side, validation, seen),
                part(rng, side, test, seen));
    }

    private static List<SegmentationExample> part(SplittableRandom rng, int side, int n, Set<String> seen) {
        List<SegmentationExample> out = new ArrayList<>(n);
        while (out.size() < n) {
            Layout layout = Layout.draw(rng, side);
            double[] brightness = new double[GLYPHS];
            for (int i = 0; i < GLYPHS; i++) {
                brightness[i] = 0.5 + 0.5 * rng.nextDouble();
            }
            if (seen.add(layout.key())) {
                out.add(render(side, layout, brightness));
            }
        }
        return out;
    }

    /** Where the four glyphs go: cells[i] holds shapes[i]; glyphs 0 and 1 share a shape. */
    record Layout(int[] cells, int[] shapes) {
        static Layout draw(SplittableRandom rng, int side) {
            int n = side * side;
            int[] cells = new int[GLYPHS];
            for (int i = 0; i < GLYPHS; i++) {
                int c;
                boolean taken;
                do {
                    c = rng.nextInt(n);
                    taken = false;
                    for (int j = 0; j < i; j++) {
                        taken |= cells[j] == c;
                    }
                } while (taken);
                cells[i] = c;
            }
            int pair = rng.nextInt(Glyphs.SHAPES);
            int a, b;
            do {
                a = rng.nextInt(Glyphs.SHAPES);
            } while (a == pair);
            do {
                b = rng.nextInt(Glyphs.SHAPES);
            } while (b == pair || b == a);
            return new Layout(cells, new int[] {pair, pair, a, b});
        }

        /** The same image content whatever the order the glyphs were drawn in: shape per cell. */
        String key() {
            int max = 0;
            for (int c : cells) {
                max = Math.max(max, c);
            }
            char[] k = new char[max + 1];
            java.util.Arrays.fill(k, '.');
            for (int i = 0; i < GLYPHS; i++) {
                k[cells[i]] = (char) ('0' + shapes[i]);
            }
            return new String(k);
        }
    }

    static SegmentationExample render(int side, Layout layout, double[] brightness) {
        int size = side * CELL;
        double[] px = new double[size * size];
        int[] labels = new int[size * size];
        for (int g = 0; g < GLYPHS; g++) {
            int cls = g < 2 ? REPEATED : SINGLE;
            int r0 = (layout.cells()[g] / side) * CELL, c0 = (layout.cells()[g] % side) * CELL;
            for (int r = 0; r < CELL; r++) {
                for (int c = 0; c < CELL; c++) {
                    if (Glyphs.glyph(layout.shapes()[g], r, c)) {
                        px[(r0 + r) * size + c0 + c] = brightness[g];
                        labels[(r0 + r) * size + c0 + c] = cls;
                    }
                }
            }
        }
        return new SegmentationExample(px, labels, size, size);
    }

    /** Distinct images up to brightness: ordered choices of 4 cells / 2 (the pair's order) times the shape choices. */
    static long layouts(int side) {
        long n = (long) side * side;
        long s = Glyphs.SHAPES;
        return n * (n - 1) * (n - 2) * (n - 3) / 2 / 2 * s * (s - 1) * (s - 2);
    }
}
