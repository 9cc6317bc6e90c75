package dojo.models.data;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * "Do the leftmost and the rightmost glyph have the same shape?": relational image classification on
 * 16x16 images cut into 4x4 patches (a 4 x 4 grid of cells), that no bag of patches can answer.
 *
 * <p>Generator (seeded, nothing downloaded): three glyphs are drawn into three distinct columns of the
 * grid (the three columns a uniform 3-subset of the four, each glyph in a uniformly drawn row), each glyph
 * patch-aligned so it fills exactly one patch, each with its own brightness uniform in
 * [{@value #MIN_BRIGHTNESS}, 1]. Their shapes are always a pair and an odd one out: {@code A, A, B} with
 * {@code (A, B)} a uniform ordered pair of distinct shapes from the {@value #SHAPES} of {@link #glyph}.
 * Label 1 ("same") puts the odd glyph {@code B} in the middle column, so the leftmost and the rightmost
 * glyph are both {@code A}; label 0 ("different") puts it at the left or the right end (a fair coin).
 *
 * <p>Every random draw (cells, shapes, brightnesses, the coin) is made before the label is used, and the
 * label only decides which of the three drawn glyphs goes to which of the three drawn cells. So the
 * multiset of patches, and the set of occupied cells, have the same distribution under both labels
 * ({@code OuterGlyphsImagesTest.theBagOfPatchesIsTheSameUnderBothLabels} checks the coupling): a model
 * that encodes each patch alone and pools without positions is at chance by construction. Labels
 * alternate, so every split is exactly balanced; images never repeat across the splits; each split is
 * shuffled with the seed.
 *
 * <p>Why attention: the answer needs the positions (which glyph is outermost depends on where the others
 * are) and a comparison of two patches' contents wherever they are: a patch must look at other patches.
 */
public final class OuterGlyphsImages {

    public static final int SIZE = 16;
    public static final int PATCH = 4;
    public static final int GRID = SIZE / PATCH;
    public static final int SHAPES = 8;
    public static final int GLYPHS_PER_IMAGE = 3;
    public static final double MIN_BRIGHTNESS = 0.5;
    public static final List<String> CLASSES = List.of("different", "same");

    private static final String[] GLYPHS = {
        "####" + "#..#" + "#..#" + "####", // square
        ".##." + "####" + "####" + ".##.", // disc
        "#..#" + ".##." + ".##." + "#..#", // cross
        "...#" + "..##" + ".###" + "####", // triangle
        ".#.." + ".#.." + ".#.." + ".#..", // bar
        "####" + "...." + "...." + "####", // rails
        "#..." + "#..." + "#..." + "####", // corner
        ".#.." + "####" + ".#.." + ".#..", // plus
    };

    /** One drawn glyph: its cell (row-major index in the grid), shape and brightness. */
    public record Glyph(int cell, int shape, double brightness) {
        public int row() {
            return cell / GRID;
        }

        public int column() {
            return cell % GRID;
        }
    }

    private OuterGlyphsImages() {
    }

    /** Whether pixel (r, c) of shape {@code s} is on. */
    public static boolean glyph(int s, int r, int c) {
        return GLYPHS[s].charAt(r * PATCH + c) == '#';
    }

    /** The three splits, all from {@code seed}; images are unique across them. */
    public static Split<ImageExample> generate(long seed, int train, int validation, int test) {
        if (train < 0 || validation < 0 || test < 0) throw new IllegalArgumentException("split sizes must be >= 0");
        SplittableRandom rng = new SplittableRandom(seed);
        Set<List<Glyph>> seen = new HashSet<>();
        return new Split<>("outer-glyphs", part(rng, train, seen), part(rng, validation, seen), part(rng, test, seen));
    }

    private static List<ImageExample> part(SplittableRandom rng, int n, Set<List<Glyph>> seen) {
        List<ImageExample> out = new ArrayList<>(n);
        while (out.size() < n) {
            List<Glyph> g = glyphs(rng, out.size() % 2);
            if (seen.add(g)) out.add(render(g, out.size() % 2));
        }
        LastTokenRepeats.shuffle(out, rng);
        return out;
    }

    /**
     * The glyphs of one image with the given label, left to right. All draws come first, so two streams
     * in the same state give the same cells, shapes and brightnesses for either label.
     */
    public static List<Glyph> glyphs(SplittableRandom rng, int label) {
        if (label != 0 && label != 1) throw new IllegalArgumentException("label must be 0 or 1, was " + label);
        int skipped = rng.nextInt(GRID);                       // the column left empty
        int[] cells = new int[GLYPHS_PER_IMAGE];
        for (int i = 0, col = 0; col < GRID; col++) {
            if (col == skipped) continue;
            cells[i++] = rng.nextInt(GRID) * GRID + col;       // left to right
        }
        int a = rng.nextInt(SHAPES), b = rng.nextInt(SHAPES - 1);
        if (b >= a) b++;
        double[] bright = new double[GLYPHS_PER_IMAGE];
        for (int i = 0; i < bright.length; i++) bright[i] = MIN_BRIGHTNESS + (1 - MIN_BRIGHTNESS) * rng.nextDouble();
        int oddAtEnd = rng.nextBoolean() ? 0 : GLYPHS_PER_IMAGE - 1;
        int odd = label == 1 ? 1 : oddAtEnd;                   // which column slot gets B
        // the drawn glyphs are (A, bright[0]), (A, bright[1]), (B, bright[2]); the label only chooses where B goes
        List<Glyph> out = new ArrayList<>(GLYPHS_PER_IMAGE);
        for (int slot = 0, nextA = 0; slot < GLYPHS_PER_IMAGE; slot++) {
            out.add(slot == odd ? new Glyph(cells[slot], b, bright[2]) : new Glyph(cells[slot], a, bright[nextA++]));
        }
        return List.copyOf(out);
    }

    /** One image with the given label. */
    public static ImageExample example(SplittableRandom rng, int label) {
        return render(glyphs(rng, label), label);
    }

    /** Draws glyphs (patch-aligned) on a black image. */
    public static ImageExample render(List<Glyph> glyphs, int label) {
        double[] px = new double[SIZE * SIZE];
        for (Glyph g : glyphs) {
            int r0 = g.row() * PATCH, c0 = g.column() * PATCH;
            for (int r = 0; r < PATCH; r++) {
                for (int c = 0; c < PATCH; c++) {
                    if (glyph(g.shape(), r, c)) px[(r0 + r) * SIZE + c0 + c] = g.brightness();
                }
            }
        }
        return new ImageExample(px, SIZE, SIZE, label);
    }
}
