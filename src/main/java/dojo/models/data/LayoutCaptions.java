package dojo.models.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Caption-image matching that needs relations: 12x12 images cut into 4x4 patches (a 3 x 3 grid of cells)
 * holding two or three glyphs, each captioned by a short token sequence that says which glyph is in which
 * cell ("square top-left disc centre").
 *
 * <p>Generator: a composition puts {@code k} distinct shapes (of the {@value Glyphs#SHAPES} 4x4
 * glyphs of {@link Glyphs#glyph}) into {@code k} distinct cells, {@code k = 2} with probability
 * 0.15, otherwise 3; each glyph gets its own brightness, uniform in [0.5, 1]. Its hard negative exchanges
 * the shapes of two of its glyphs (chosen uniformly): same shapes, same cells, same caption tokens, same
 * image patches, different meaning. The two are one {@link LayoutPair}. The caption lists the glyphs in a
 * random order as token pairs {@code shape cell}: shape {@code s} is token {@code 1 + s} (1..8), cell
 * {@code c} (reading order) is token {@code 9 + c} (9..17), 0 is padding. Compositions never repeat, within
 * or across splits, so a test caption describes exactly one image of the test gallery. Splits are drawn one
 * after the other from one seeded stream.
 *
 * <p>Why attention: a bag of words (mean of token + position embeddings) sees the same tokens in a caption
 * and in its hard negative's caption, and a bag of patches (mean of patch + position embeddings) the same
 * patches and the same positions in both images: which shape goes with which cell is lost in the sum. The
 * text encoder has to bind each shape token to the cell token after it, which needs token mixing.
 */
public final class LayoutCaptions {

    public static final int SIZE = 12;
    public static final int PATCH = Glyphs.SIDE;
    public static final int GRID = SIZE / PATCH;
    public static final int CELLS = GRID * GRID;
    public static final int SHAPES = Glyphs.SHAPES;
    public static final int PAD = 0;
    /** Token ids 0 (padding), 1..8 (shapes), 9..17 (cells). */
    public static final int VOCAB = 1 + SHAPES + CELLS;
    public static final int MAX_GLYPHS = 3;
    public static final int MAX_LEN = 2 * MAX_GLYPHS;

    private static final String[] SHAPE_NAMES = {"square", "disc", "cross", "triangle", "bar", "rails", "corner", "plus"};
    private static final String[] CELL_NAMES = {"top-left", "top", "top-right", "left", "centre", "right", "bottom-left", "bottom", "bottom-right"};
    private static final int MAX_ATTEMPTS = 1_000_000;

    private LayoutCaptions() {
    }

    public static int shapeToken(int shape) {
        return 1 + shape;
    }

    public static int cellToken(int cell) {
        return 1 + SHAPES + cell;
    }

    /** The word of a token id ("square", "centre", "<pad>"). */
    public static String word(int token) {
        if (token == PAD) return "<pad>";
        if (token >= 1 && token <= SHAPES) return SHAPE_NAMES[token - 1];
        if (token > SHAPES && token < VOCAB) return CELL_NAMES[token - 1 - SHAPES];
        throw new IllegalArgumentException("token " + token + " is not in 0.." + (VOCAB - 1));
    }

    public static String words(int[] tokens) {
        List<String> w = new ArrayList<>();
        for (int t : tokens) w.add(word(t));
        return String.join(" ", w);
    }

    /** Labels of the caption's positions for attention maps: its words, "<pad>" on padding. */
    public static List<String> tokenLabels(int[] ids) {
        List<String> out = new ArrayList<>(ids.length);
        for (int t : ids) out.add(word(t));
        return out;
    }

    /** Labels of the image tokens (patches in row-major order) for attention maps: "disc@centre", "-@top". */
    public static List<String> patchLabels(int[] composition) {
        List<String> out = new ArrayList<>(CELLS);
        for (int c = 0; c < CELLS; c++) out.add((composition[c] < 0 ? "-" : SHAPE_NAMES[composition[c]]) + "@" + CELL_NAMES[c]);
        return out;
    }

    /** e.g. "square@top-left disc@centre". */
    public static String describe(int[] composition) {
        List<String> parts = new ArrayList<>();
        for (int c = 0; c < composition.length; c++) {
            if (composition[c] >= 0) parts.add(SHAPE_NAMES[composition[c]] + "@" + CELL_NAMES[c]);
        }
        return String.join(" ", parts);
    }

    /** {@code train}, {@code validation}, {@code test} pairs (each pair is two images). */
    public static Split<LayoutPair> generate(long seed, int train, int validation, int test) {
        SplittableRandom rng = new SplittableRandom(seed);
        Set<String> seen = new HashSet<>();
        return new Split<>("layout-captions", part(rng, seen, train), part(rng, seen, validation), part(rng, seen, test));
    }

    /** The images of pairs, in order: first, second, first, second, ... (a gallery with its hard negatives). */
    public static List<LayoutImage> flatten(List<LayoutPair> pairs) {
        List<LayoutImage> out = new ArrayList<>(2 * pairs.size());
        for (LayoutPair p : pairs) {
            out.add(p.first());
            out.add(p.second());
        }
        return out;
    }

    private static List<LayoutPair> part(SplittableRandom rng, Set<String> seen, int n) {
        List<LayoutPair> out = new ArrayList<>(n);
        int attempts = 0;
        while (out.size() < n) {
            if (++attempts > MAX_ATTEMPTS) throw new IllegalStateException("ran out of fresh compositions after " + out.size() + " pairs");
            int k = rng.nextDouble() < 0.15 ? 2 : 3;
            int[] base = composition(rng, k);
            int[] swapped = swapTwo(rng, base);
            String a = Arrays.toString(base), b = Arrays.toString(swapped);
            if (seen.contains(a) || seen.contains(b)) continue;
            seen.add(a);
            seen.add(b);
            out.add(new LayoutPair(render(rng, base), render(rng, swapped)));
        }
        return out;
    }

    private static int[] composition(SplittableRandom rng, int k) {
        int[] comp = new int[CELLS];
        Arrays.fill(comp, -1);
        int[] cells = pick(rng, CELLS, k), shapes = pick(rng, SHAPES, k);
        for (int i = 0; i < k; i++) comp[cells[i]] = shapes[i];
        return comp;
    }

    /** The composition with the shapes of two of its glyphs exchanged. */
    private static int[] swapTwo(SplittableRandom rng, int[] comp) {
        List<Integer> filled = new ArrayList<>();
        for (int c = 0; c < comp.length; c++) if (comp[c] >= 0) filled.add(c);
        int[] two = pick(rng, filled.size(), 2);
        int x = filled.get(two[0]), y = filled.get(two[1]);
        int[] out = comp.clone();
        out[x] = comp[y];
        out[y] = comp[x];
        return out;
    }

    /** {@code k} distinct values of 0..n-1 in random order (a partial Fisher-Yates shuffle). */
    private static int[] pick(SplittableRandom rng, int n, int k) {
        int[] all = new int[n];
        for (int i = 0; i < n; i++) all[i] = i;
        for (int i = 0; i < k; i++) {
            int j = i + rng.nextInt(n - i);
            int t = all[i];
            all[i] = all[j];
            all[j] = t;
        }
        return Arrays.copyOf(all, k);
    }

    /** Draws the image (a fresh brightness per glyph) and a caption listing the glyphs in a random order. */
    static LayoutImage render(SplittableRandom rng, int[] comp) {
        double[] px = new double[SIZE * SIZE];
        List<Integer> filled = new ArrayList<>();
        for (int c = 0; c < CELLS; c++) {
            if (comp[c] < 0) continue;
            filled.add(c);
            double brightness = 0.5 + 0.5 * rng.nextDouble();
            int r0 = (c / GRID) * PATCH, c0 = (c % GRID) * PATCH;
            for (int r = 0; r < PATCH; r++) {
                for (int q = 0; q < PATCH; q++) {
                    if (Glyphs.glyph(comp[c], r, q)) px[(r0 + r) * SIZE + c0 + q] = brightness;
                }
            }
        }
        int[] order = pick(rng, filled.size(), filled.size());
        int[] caption = new int[2 * filled.size()];
        for (int i = 0; i < order.length; i++) {
            int cell = filled.get(order[i]);
            caption[2 * i] = shapeToken(comp[cell]);
            caption[2 * i + 1] = cellToken(cell);
        }
        return new LayoutImage(px, SIZE, SIZE, caption, comp);
    }
}
