package dojo.models.data;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * "Is the square to the left of the disc?": relational image classification on 16x16 images cut into 4x4
 * patches (a 4 x 4 grid of cells), that no bag of patches can answer.
 *
 * <p>Generator (seeded, nothing downloaded): one glyph in every column of the grid, each in a uniformly
 * drawn row, patch-aligned so that it fills exactly one patch, each with its own brightness uniform in
 * [{@value #MIN_BRIGHTNESS}, 1]. The four glyphs are always the square, the disc and two distractors drawn
 * uniformly (with repetition) from the other {@value #SHAPES} - 2 shapes of {@link #glyph}; they go to the
 * four columns in a uniformly random order. Label 1 ("square left") when the square's column is left of
 * the disc's, label 0 ("disc left") otherwise: the generator draws an order and, when it disagrees with
 * the label, swaps the square and the disc (each keeps its brightness).
 *
 * <p>Every random draw (rows, distractor shapes, brightnesses, the order) is made before the label is used,
 * and the label only decides whether the square and the disc trade places. So the multiset of patches,
 * and the set of occupied cells, are the same under both labels for the same draws, hence have the same
 * distribution ({@code LeftOfImagesTest.theBagOfPatchesIsTheSameUnderBothLabels} checks the coupling): a
 * model that encodes each patch alone and pools without positions is at chance by construction. Labels
 * alternate, so every split is exactly balanced; images never repeat across the splits; each split is
 * shuffled with the seed.
 *
 * <p>Why attention: the answer relates two patches, found by their content wherever they are, through
 * their positions. [CLS] can find the square with one head and the disc with another (content-based
 * queries), read their positions from the values, and the head compares the two columns.
 */
public final class LeftOfImages {

    public static final int SIZE = 16;
    public static final int PATCH = 4;
    public static final int GRID = SIZE / PATCH;
    public static final int SHAPES = 8;
    public static final int SQUARE = 0;
    public static final int DISC = 1;
    public static final double MIN_BRIGHTNESS = 0.5;
    public static final List<String> CLASSES = List.of("disc left", "square left");

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

    private LeftOfImages() {
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
        return new Split<>("left-of", part(rng, train, seen), part(rng, validation, seen), part(rng, test, seen));
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
     * The glyphs of one image with the given label, left to right (column 0..3). All draws come first, so two
     * streams in the same state give the same cells, shapes and brightnesses for either label.
     */
    public static List<Glyph> glyphs(SplittableRandom rng, int label) {
        if (label != 0 && label != 1) throw new IllegalArgumentException("label must be 0 or 1, was " + label);
        int[] shapes = {SQUARE, DISC, 2 + rng.nextInt(SHAPES - 2), 2 + rng.nextInt(SHAPES - 2)};
        int[] column = {0, 1, 2, 3};                            // column[i]: where shapes[i] goes
        for (int i = GRID - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = column[i];
            column[i] = column[j];
            column[j] = t;
        }
        int[] rows = new int[GRID];
        for (int col = 0; col < GRID; col++) rows[col] = rng.nextInt(GRID);
        double[] bright = new double[GRID];
        for (int i = 0; i < GRID; i++) bright[i] = MIN_BRIGHTNESS + (1 - MIN_BRIGHTNESS) * rng.nextDouble();
        if ((column[SQUARE] < column[DISC]) != (label == 1)) {  // the label only swaps the square and the disc
            int t = column[SQUARE];
            column[SQUARE] = column[DISC];
            column[DISC] = t;
        }
        Glyph[] out = new Glyph[GRID];
        for (int i = 0; i < GRID; i++) {
            int col = column[i];
            out[col] = new Glyph(rows[col] * GRID + col, shapes[i], bright[i]);
        }
        return List.of(out);
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
