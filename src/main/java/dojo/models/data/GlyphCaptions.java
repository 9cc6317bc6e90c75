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
 * three distinct cells, each with its own brightness, uniform in [0.5, 1]. Caption: {@code [the] X REL [the] Y}
 * (3 to 5 tokens, each "the" present with probability 1/2), where X and Y are two of the three glyphs (the third
 * is a distractor) and REL is left-of / right-of (compares columns) or above / below (compares rows), chosen
 * among the axes on which X and Y differ. Label 1 when the relation holds.
 *
 * <p>Examples come in <em>minimal quadruples</em> from one scene: image I, image I' (I with the cells of X and Y
 * swapped, each glyph keeping its brightness), caption c (true of I) and caption c' (c with X and Y swapped):
 * (I, c) 1, (I, c') 0, (I', c) 0, (I', c') 1. So every image, every caption, and every pair of (multiset of
 * caption tokens, multiset of patches) occurs as often with label 1 as with label 0: neither modality alone nor
 * any bag of tokens and patches (mean-pooled embeddings, whatever the weights) carries information about the
 * label. Only where X and Y are, relative to each other, and which of them the caption names first, decides it:
 * a caption word has to find its glyph among the patches (cross-modal attention) and the two positions have to
 * be compared.
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
    public static final int LEFT_OF = GLYPHS + 1;
    public static final int RIGHT_OF = GLYPHS + 2;
    public static final int ABOVE = GLYPHS + 3;
    public static final int BELOW = GLYPHS + 4;
    public static final int THE = GLYPHS + 5;
    public static final int VOCAB = GLYPHS + 6;
    public static final int MAX_TEXT = 5;

    private static final String[] NAMES = {"square", "disc", "cross", "triangle", "bar", "rails"};
    private static final String[] WORDS = {"<pad>", "square", "disc", "cross", "triangle", "bar", "rails", "left-of", "right-of",
        "above", "below", "the"};

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

    /** The caption as words, e.g. "the disc left-of bar". */
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
            boolean columnsDiffer = x.cell % GRID != y.cell % GRID, rowsDiffer = x.cell / GRID != y.cell / GRID;
            boolean useColumns = columnsDiffer && (!rowsDiffer || rng.nextBoolean());
            int relation = useColumns ? (rng.nextBoolean() ? LEFT_OF : RIGHT_OF) : (rng.nextBoolean() ? ABOVE : BELOW);
            boolean the1 = rng.nextBoolean(), the2 = rng.nextBoolean();
            if (layouts.contains(k1) || layouts.contains(k2)) continue;
            layouts.add(k1);
            layouts.add(k2);
            int[] xy = caption(x.shape, relation, y.shape, the1, the2);
            int[] yx = caption(y.shape, relation, x.shape, the1, the2);
            int[] truthful = holds(x.cell, relation, y.cell) ? xy : yx;
            int[] other = truthful == xy ? yx : xy;
            double[] image = draw(x, y, z), swapped = draw(xs, ys, z);
            return List.of(new CaptionedImage(truthful, image, SIZE, 1), new CaptionedImage(other, image, SIZE, 0),
                    new CaptionedImage(truthful, swapped, SIZE, 0), new CaptionedImage(other, swapped, SIZE, 1));
        }
    }

    /** Whether "glyph in cell a REL glyph in cell b" is true. */
    public static boolean holds(int a, int relation, int b) {
        int ra = a / GRID, ca = a % GRID, rb = b / GRID, cb = b % GRID;
        return switch (relation) {
            case LEFT_OF -> ca < cb;
            case RIGHT_OF -> ca > cb;
            case ABOVE -> ra < rb;
            case BELOW -> ra > rb;
            default -> throw new IllegalArgumentException("token id " + relation + " is not a relation");
        };
    }

    private static int[] caption(int first, int relation, int second, boolean the1, boolean the2) {
        int[] t = new int[3 + (the1 ? 1 : 0) + (the2 ? 1 : 0)];
        int i = 0;
        if (the1) t[i++] = THE;
        t[i++] = first + 1;
        t[i++] = relation;
        if (the2) t[i++] = THE;
        t[i] = second + 1;
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
