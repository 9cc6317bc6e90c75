package dojo.models.data;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * "Same shape?": relational image classification on 16x16 images cut into 4x4 patches (a 4 x 4 grid).
 *
 * <p>Generator: two glyphs from the {@value #SHAPES} fixed 4x4 shapes of {@link #glyph} are drawn into two
 * distinct, uniformly chosen cells of the patch grid (patch-aligned, so each glyph is one patch); each
 * glyph gets its own brightness, uniform in [0.4, 1]; label 1 when both glyphs are the same shape.
 * Labels alternate, so each split is exactly balanced; the shapes of a label-0 pair are a uniform pair
 * of distinct shapes. Splits are drawn one after the other from one seeded stream and shuffled.
 *
 * <p>Why attention: the label is a relation between two patches wherever they are; a per-patch encoder
 * followed by mean pooling mixes the two glyphs with brightness before any comparison is possible.
 */
public final class SameShapeImages {

    public static final int SIZE = 16;
    public static final int PATCH = 4;
    public static final int SHAPES = 8;

    private static final String[] GLYPHS = {
        "####" + "#..#" + "#..#" + "####", // square
        ".##." + "####" + "####" + ".##.", // disc
        "#..#" + ".##." + ".##." + "#..#", // cross
        "...#" + "..##" + ".###" + "####", // triangle
        ".#.." + ".#.." + ".#.." + ".#..", // bar
        "####" + "...." + "...." + "####", // rails
        "#..." + "#..." + "#..." + "####", // corner
        ".#.." + "####" + ".#.." + ".#..", // plus-ish
    };

    private SameShapeImages() {
    }

    /** Whether pixel (r, c) of shape {@code s} is on. */
    public static boolean glyph(int s, int r, int c) {
        return GLYPHS[s].charAt(r * PATCH + c) == '#';
    }

    public static Split<ImageExample> generate(long seed, int train, int validation, int test) {
        SplittableRandom rng = new SplittableRandom(seed);
        return new Split<>("same-shape", part(rng, train), part(rng, validation), part(rng, test));
    }

    private static List<ImageExample> part(SplittableRandom rng, int n) {
        List<ImageExample> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) out.add(example(rng, i % 2));
        LastTokenRepeats.shuffle(out, rng);
        return out;
    }

    public static ImageExample example(SplittableRandom rng, int label) {
        int cells = (SIZE / PATCH) * (SIZE / PATCH);
        int a = rng.nextInt(cells), b = rng.nextInt(cells - 1);
        if (b >= a) b++;
        int sa = rng.nextInt(SHAPES), sb;
        if (label == 1) {
            sb = sa;
        } else {
            sb = rng.nextInt(SHAPES - 1);
            if (sb >= sa) sb++;
        }
        double[] px = new double[SIZE * SIZE];
        draw(px, a, sa, 0.4 + 0.6 * rng.nextDouble());
        draw(px, b, sb, 0.4 + 0.6 * rng.nextDouble());
        return new ImageExample(px, SIZE, SIZE, label);
    }

    private static void draw(double[] px, int cell, int shape, double brightness) {
        int per = SIZE / PATCH, r0 = (cell / per) * PATCH, c0 = (cell % per) * PATCH;
        for (int r = 0; r < PATCH; r++) {
            for (int c = 0; c < PATCH; c++) {
                if (glyph(shape, r, c)) px[(r0 + r) * SIZE + c0 + c] = brightness;
            }
        }
    }
}
