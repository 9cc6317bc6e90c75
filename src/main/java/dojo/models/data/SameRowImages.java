package dojo.models.data;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * "Is the square in the same row as the disc?": relational image classification on 16x16 images cut into
 * 4x4 patches (a 4 x 4 grid of cells), that no bag of patches can answer.
 *
 * <p>Generator (seeded, nothing downloaded): one glyph in every column of the grid, each in a uniformly
 * drawn row (the four rows redrawn until at least two of them are equal and at least two differ), each
 * glyph patch-aligned so that it fills exactly one patch, each with its own brightness uniform in
 * [{@value #MIN_BRIGHTNESS}, 1]. The four glyphs are the square, the disc and two distractors drawn
 * uniformly (with repetition) from the other {@value #SHAPES} - 2 shapes of {@link Glyphs}. Label 1
 * ("same row") puts the square and the disc on a uniformly chosen pair of the drawn cells that share a
 * row, label 0 ("different rows") on a uniformly chosen pair that does not; which of the two gets the
 * square is a fair coin, and the distractors fill the other two cells.
 *
 * <p>Every random draw (rows, distractor shapes, brightnesses, both pairs, the coins) is made before the
 * label is used, and the label only decides which drawn cells the square and the disc take. So the
 * multiset of patches, and the set of occupied cells, are the same under both labels for the same draws,
 * hence have the same distribution ({@code SameRowImagesTest.theBagOfPatchesIsTheSameUnderBothLabels}
 * checks the coupling): a model that encodes each patch alone and pools without positions is at chance by
 * construction. The square's row alone, or the disc's, says nothing either: the label is a relation
 * between two patches, not a sum of per-patch evidence, so even a bag of patches WITH positions cannot
 * add it up. Labels alternate, so every split is exactly balanced; images never repeat across the splits;
 * each split is shuffled with the seed.
 *
 * <p>Why attention: [CLS] must find the square and the disc by content, wherever they are, bring both
 * positions together and compare them: one head can look up the square, another the disc.
 */
public final class SameRowImages {

    public static final int SIZE = 16;
    public static final int PATCH = Glyphs.SIDE;
    public static final int GRID = SIZE / PATCH;
    public static final int SHAPES = Glyphs.SHAPES;
    public static final int SQUARE = 0;
    public static final int DISC = 1;
    public static final double MIN_BRIGHTNESS = 0.5;
    public static final List<String> CLASSES = List.of("different rows", "same row");

    /** One drawn glyph: its cell (row-major index in the grid), shape and brightness. */
    public record Glyph(int cell, int shape, double brightness) {
        public int row() {
            return cell / GRID;
        }

        public int column() {
            return cell % GRID;
        }
    }

    private SameRowImages() {
    }

    /** Whether pixel (r, c) of shape {@code s} is on ({@link Glyphs#glyph}). */
    public static boolean glyph(int s, int r, int c) {
        return Glyphs.glyph(s, r, c);
    }

    /** The three splits, all from {@code seed}; images are unique across them. */
    public static Split<ImageExample> generate(long seed, int train, int validation, int test) {
        if (train < 0 || validation < 0 || test < 0) throw new IllegalArgumentException("split sizes must be >= 0");
        SplittableRandom rng = new SplittableRandom(seed);
        Set<List<Glyph>> seen = new HashSet<>();
        return new Split<>("same-row", part(rng, train, seen), part(rng, validation, seen), part(rng, test, seen));
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
        int[] rows = new int[GRID];
        List<int[]> sameRow = new ArrayList<>(), otherRows = new ArrayList<>();
        do {
            for (int col = 0; col < GRID; col++) rows[col] = rng.nextInt(GRID);
            sameRow.clear();
            otherRows.clear();
            for (int a = 0; a < GRID; a++) {
                for (int b = a + 1; b < GRID; b++) (rows[a] == rows[b] ? sameRow : otherRows).add(new int[] {a, b});
            }
        } while (sameRow.isEmpty() || otherRows.isEmpty());
        int[] distractor = {2 + rng.nextInt(SHAPES - 2), 2 + rng.nextInt(SHAPES - 2)};
        double[] bright = new double[GRID];
        for (int i = 0; i < GRID; i++) bright[i] = MIN_BRIGHTNESS + (1 - MIN_BRIGHTNESS) * rng.nextDouble();
        int[] same = sameRow.get(rng.nextInt(sameRow.size()));
        int[] other = otherRows.get(rng.nextInt(otherRows.size()));
        boolean squareSecond = rng.nextBoolean();
        boolean distractorsSwapped = rng.nextBoolean();
        // the drawn glyphs: (square, bright[0]), (disc, bright[1]), (distractor 0, bright[2]), (distractor 1, bright[3])
        int[] pair = label == 1 ? same : other;
        int squareCol = pair[squareSecond ? 1 : 0], discCol = pair[squareSecond ? 0 : 1];
        Glyph[] out = new Glyph[GRID];
        out[squareCol] = new Glyph(rows[squareCol] * GRID + squareCol, SQUARE, bright[0]);
        out[discCol] = new Glyph(rows[discCol] * GRID + discCol, DISC, bright[1]);
        int next = distractorsSwapped ? 1 : 0;
        for (int col = 0; col < GRID; col++) {
            if (out[col] != null) continue;
            out[col] = new Glyph(rows[col] * GRID + col, distractor[next], bright[2 + next]);
            next = 1 - next;
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
