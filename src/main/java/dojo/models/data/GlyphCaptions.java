package dojo.models.data;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * "Does the caption describe the image?": caption-image matching that needs both modalities and attention
 * between them.
 *
 * <p>Image: {@value #SIZE}x{@value #SIZE} pixels, a {@value #GRID}x{@value #GRID} grid of {@value #CELL}x{@value #CELL}
 * cells (one cell = one patch). Three distinct glyphs of the {@value #GLYPHS} shapes of {@link #glyph} sit in
 * three distinct cells, each with its own brightness, uniform in [0.5, 1]. Caption: {@code [the] X [is] WHERE}
 * (2 to 4 tokens, "the" and "is" each present with probability 1/2), where X names one of two of the glyphs (the
 * third is a distractor) and WHERE is left (column 0), right (last column), top (row 0) or bottom (last row),
 * chosen among the words true of exactly one of the two. Label 1 when the named glyph is where the caption says.
 *
 * <p>Examples come in <em>minimal quadruples</em> from one scene with glyphs X, Y and the distractor Z: image I,
 * image I' (I with the cells of X and Y swapped, each glyph keeping its brightness), caption c (true of I: it
 * names whichever of X and Y is WHERE) and caption c' (the same words naming the other glyph): (I, c) 1, (I, c') 0,
 * (I', c) 0, (I', c') 1. So every image, every caption, and every pair of (multiset of caption tokens, multiset of
 * patches) occurs as often with label 1 as with label 0: neither modality alone nor any bag of tokens and patches
 * (mean-pooled embeddings, whatever the weights) carries information about the label. Only where the named glyph
 * is decides it: the caption's glyph name has to find its glyph among the patches (cross-modal attention) and
 * that patch's position has to be checked against the caption's word.
 *
 * <p>Splits: scenes are drawn one after the other from one {@link SplittableRandom} stream; a scene whose glyph
 * layout (which glyph in which cell, for I or I') was used before is redrawn, so no image layout of the test or
 * validation split occurs in training. Each split holds whole quadruples (sizes are rounded up to a multiple of
 * 4), is exactly balanced, and is shuffled.
 */
public final class GlyphCaptions {

    public static final int GRID = 3;
    public static final int CELL = 4;
    public static final int SIZE = GRID * CELL;
    public static final int GLYPHS = 6;

    public static final int PAD = 0;
    /** Glyph names are ids 1..GLYPHS (glyph s has id s + 1). */
    public static final int LEFT = GLYPHS + 1;
    public static final int RIGHT = GLYPHS + 2;
    public static final int TOP = GLYPHS + 3;
    public static final int BOTTOM = GLYPHS + 4;
    public static final int THE = GLYPHS + 5;
    public static final int IS = GLYPHS + 6;
    public static final int VOCAB = GLYPHS + 7;
    public static final int MAX_TEXT = 4;

    private static final String[] NAMES = {"square", "disc", "cross", "triangle", "bar", "rails"};
    private static final String[] WORDS = {"<pad>", "square", "disc", "cross", "triangle", "bar", "rails", "left", "right", "top",
        "bottom", "the", "is"};

    private static final String[] SHAPES = {
        "####" + "#..#" + "#..#" + "####", // square
        ".##." + "####" + "####" + ".##.", // disc
        "#..#" + ".##." + ".##." + "#..#", // cross
        "...#" + "..##" + ".###" + "####", // triangle
        ".#.." + ".#.." + ".#.." + ".#..", // bar
        "####" + "...." + "...." + "####", // rails
    };

    private GlyphCaptions() {
    }

    /** Whether pixel (r, c) of glyph {@code s} is on. */
    public static boolean glyph(int s, int r, int c) {
        return SHAPES[s].charAt(r * CELL + c) == '#';
    }

    public static String glyphName(int s) {
        return NAMES[s];
    }

    /** The word of a token id ("&lt;pad&gt;" for 0). */
    public static String word(int id) {
        if (id < 0 || id >= VOCAB) throw new IllegalArgumentException("token id " + id + " is not in 0.." + (VOCAB - 1));
        return WORDS[id];
    }

    /** The caption as words, e.g. "the disc is left". */
    public static String describe(int[] tokens) {
        StringBuilder sb = new StringBuilder();
        for (int t : tokens) sb.append(sb.length() == 0 ? "" : " ").append(word(t));
        return sb.toString();
    }

    /** Train, validation and test examples (each size rounded up to whole quadruples). */
    public static Split<CaptionedImage> generate(long seed, int train, int validation, int test) {
        SplittableRandom rng = new SplittableRandom(seed);
        Set<String> layouts = new HashSet<>();
        return new Split<>("glyph-captions", part(rng, layouts, train), part(rng, layouts, validation), part(rng, layouts, test));
    }

    private static List<CaptionedImage> part(SplittableRandom rng, Set<String> layouts, int n) {
        List<CaptionedImage> out = new ArrayList<>(n + 3);
        while (out.size() < n) out.addAll(scene(rng, layouts));
        LastTokenRepeats.shuffle(out, rng);
        return out;
    }

    /** A scene's glyphs: shape, cell and brightness of X, Y and the distractor Z. */
    private record Placed(int shape, int cell, double brightness) {
    }

    private static List<CaptionedImage> scene(SplittableRandom rng, Set<String> layouts) {
        int cells = GRID * GRID;
        while (true) {
            int[] cell = distinct(rng, 3, cells);
            int[] shape = distinct(rng, 3, GLYPHS);
            Placed x = new Placed(shape[0], cell[0], 0.5 + 0.5 * rng.nextDouble());
            Placed y = new Placed(shape[1], cell[1], 0.5 + 0.5 * rng.nextDouble());
            Placed z = new Placed(shape[2], cell[2], 0.5 + 0.5 * rng.nextDouble());
            Placed xs = new Placed(x.shape, y.cell, x.brightness);
            Placed ys = new Placed(y.shape, x.cell, y.brightness);
            String k1 = layout(x, y, z), k2 = layout(xs, ys, z);
            int[] words = new int[4];
            int n = 0;
            for (int w = LEFT; w <= BOTTOM; w++) if (holds(x.cell, w) != holds(y.cell, w)) words[n++] = w;
            if (n == 0) continue;                               // X and Y in the middle row and column: no word tells them apart
            int where = words[rng.nextInt(n)];
            boolean the = rng.nextBoolean(), is = rng.nextBoolean();
            if (layouts.contains(k1) || layouts.contains(k2)) continue;
            layouts.add(k1);
            layouts.add(k2);
            int[] aboutX = caption(x.shape, where, the, is);
            int[] aboutY = caption(y.shape, where, the, is);
            int[] truthful = holds(x.cell, where) ? aboutX : aboutY;
            int[] other = truthful == aboutX ? aboutY : aboutX;
            double[] image = draw(x, y, z), swapped = draw(xs, ys, z);
            return List.of(new CaptionedImage(truthful, image, SIZE, 1), new CaptionedImage(other, image, SIZE, 0),
                    new CaptionedImage(truthful, swapped, SIZE, 0), new CaptionedImage(other, swapped, SIZE, 1));
        }
    }

    /**
     * The label by definition, read back from the pixels: 1 when the glyph the caption names is drawn in a cell
     * that its location word describes. Throws when the caption has no glyph name or no location word.
     */
    public static int labelOf(int[] tokens, double[] pixels) {
        int shape = -1, where = -1;
        for (int t : tokens) {
            if (t >= 1 && t <= GLYPHS) shape = t - 1;
            if (t >= LEFT && t <= BOTTOM) where = t;
        }
        if (shape < 0 || where < 0) throw new IllegalArgumentException("caption " + describe(tokens) + " names no glyph or no place");
        for (int cell = 0; cell < GRID * GRID; cell++) {
            if (cellShows(pixels, cell, shape)) return holds(cell, where) ? 1 : 0;
        }
        return 0;
    }

    /** The glyph drawn in {@code cell} of an image of this dataset, if any. */
    public static java.util.Optional<Integer> shapeIn(double[] pixels, int cell) {
        for (int s = 0; s < GLYPHS; s++) if (cellShows(pixels, cell, s)) return java.util.Optional.of(s);
        return java.util.Optional.empty();
    }

    /** Whether {@code cell} shows glyph {@code shape} (its "on" pixels lit, the others dark). */
    static boolean cellShows(double[] pixels, int cell, int shape) {
        int r0 = (cell / GRID) * CELL, c0 = (cell % GRID) * CELL;
        for (int r = 0; r < CELL; r++) {
            for (int c = 0; c < CELL; c++) {
                if ((pixels[(r0 + r) * SIZE + c0 + c] > 0) != glyph(shape, r, c)) return false;
            }
        }
        return true;
    }

    /** Whether a glyph in {@code cell} is where the word {@code where} (LEFT, RIGHT, TOP or BOTTOM) says. */
    public static boolean holds(int cell, int where) {
        int r = cell / GRID, c = cell % GRID;
        return switch (where) {
            case LEFT -> c == 0;
            case RIGHT -> c == GRID - 1;
            case TOP -> r == 0;
            case BOTTOM -> r == GRID - 1;
            default -> throw new IllegalArgumentException("token id " + where + " is not a location word");
        };
    }

    private static int[] caption(int shape, int where, boolean the, boolean is) {
        int[] t = new int[2 + (the ? 1 : 0) + (is ? 1 : 0)];
        int i = 0;
        if (the) t[i++] = THE;
        t[i++] = shape + 1;
        if (is) t[i++] = IS;
        t[i] = where;
        return t;
    }

    private static String layout(Placed... glyphs) {
        int[] byCell = new int[GRID * GRID];
        for (Placed p : glyphs) byCell[p.cell] = p.shape + 1;
        return java.util.Arrays.toString(byCell);
    }

    private static int[] distinct(SplittableRandom rng, int k, int n) {
        int[] out = new int[k];
        for (int i = 0; i < k; i++) {
            boolean again;
            do {
                out[i] = rng.nextInt(n);
                again = false;
                for (int j = 0; j < i; j++) again |= out[j] == out[i];
            } while (again);
        }
        return out;
    }

    private static double[] draw(Placed... glyphs) {
        double[] px = new double[SIZE * SIZE];
        for (Placed p : glyphs) {
            int r0 = (p.cell / GRID) * CELL, c0 = (p.cell % GRID) * CELL;
            for (int r = 0; r < CELL; r++) {
                for (int c = 0; c < CELL; c++) {
                    if (glyph(p.shape, r, c)) px[(r0 + r) * SIZE + c0 + c] = p.brightness;
                }
            }
        }
        return px;
    }
}
