package dojo.models.data;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Multimodal sentiment where the words alone do not decide: a caption "the OBJECT is|looks|seems
 * [very|really] ADJECTIVE" about an 8x8 picture (a 2 x 2 grid of 4x4 patches) that shows two glyphs of
 * different shapes, one in the upper row of patches and one in the lower row. Three classes:
 * <ul>
 *   <li><b>neutral</b> (1): the caption's object is not in the picture (the caption is about something else);</li>
 *   <li>otherwise the adjective's polarity, flipped when the object stands in the lower row of the
 *       picture (the synthetic rule: the lower row is "the reflection", where every word means its
 *       opposite): <b>positive</b> (2) or <b>negative</b> (0).</li>
 * </ul>
 * Vocabulary (0 = padding): {@code the is looks seems very really}, four objects {@code square disc cross
 * triangle} (the glyph shapes 0-3 of {@link Glyphs#glyph}), four positive adjectives {@code good
 * great nice fine} and four negative ones {@code bad awful poor ugly}. Captions have 4-5 tokens. Each
 * glyph has its own brightness, uniform in [0.5, 1]; its cell is uniform within its row.
 *
 * <p>Generator: labels cycle 0, 1, 2 (each split exactly balanced); given the label, the two glyphs,
 * their cells, the verb and the intensifier are uniform and the object and adjective are drawn uniformly
 * among those that give the label. So the caption has the same distribution under every label, and so
 * has the picture: <b>either modality alone is at chance (1/3)</b>. A bag of both (the words plus the set
 * of shapes, without where they are) tells neutral from the rest but not the flip, which depends on
 * which row the named object is in: at most 1/3 + 2/3 x 1/2 = 2/3. Solving it takes binding a word to a
 * patch and the patch to its position: the caption's object must find its glyph in the picture. Splits
 * are drawn one after the other from one seeded stream, never repeat an example (caption, shapes and
 * cells; 288 captions x 48 layouts exist) and are shuffled.
 */
public final class SentimentCaptions {

    public static final int SIZE = 8;
    public static final int PATCH = 4;
    public static final int GRID = SIZE / PATCH;
    public static final int PATCHES = GRID * GRID;
    public static final int OBJECTS = 4;
    public static final int CLASSES = 3;
    public static final int NEGATIVE = 0, NEUTRAL = 1, POSITIVE = 2;
    public static final int PAD = 0, THE = 1, IS = 2, LOOKS = 3, SEEMS = 4, VERY = 5, REALLY = 6;
    /** Object i (glyph shape i) is token {@code FIRST_OBJECT + i}. */
    public static final int FIRST_OBJECT = 7;
    /** Positive adjectives are {@code FIRST_ADJECTIVE + 0..3}, negative ones {@code + 4..7}. */
    public static final int FIRST_ADJECTIVE = FIRST_OBJECT + OBJECTS;
    public static final int ADJECTIVES = 8;
    public static final int VOCAB = FIRST_ADJECTIVE + ADJECTIVES;
    public static final int MIN_LEN = 4;
    public static final int MAX_LEN = 5;

    private static final String[] WORDS = {"<pad>", "the", "is", "looks", "seems", "very", "really",
        "square", "disc", "cross", "triangle", "good", "great", "nice", "fine", "bad", "awful", "poor", "ugly"};
    private static final String[] CLASS_NAMES = {"negative", "neutral", "positive"};

    private SentimentCaptions() {
    }

    /** The word of a token id ({@code <pad>} for 0). */
    public static String word(int token) {
        if (token < 0 || token >= VOCAB) throw new IllegalArgumentException("token " + token + " is not in 0.." + (VOCAB - 1));
        return WORDS[token];
    }

    public static String className(int label) {
        return CLASS_NAMES[label];
    }

    public static Split<SentimentExample> generate(long seed, int train, int validation, int test) {
        SplittableRandom rng = new SplittableRandom(seed);
        Set<String> seen = new HashSet<>();
        List<SentimentExample> tr = part(rng, train, seen);
        List<SentimentExample> va = part(rng, validation, seen);
        List<SentimentExample> te = part(rng, test, seen);
        return new Split<>("sentiment-captions", tr, va, te);
    }

    private static List<SentimentExample> part(SplittableRandom rng, int n, Set<String> seen) {
        List<SentimentExample> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            SentimentExample e;
            int tries = 0;
            do {
                if (++tries > 10_000) throw new IllegalStateException("sentiment captions: cannot draw " + n + " distinct examples");
                e = example(rng, i % CLASSES);
            } while (!seen.add(key(e)));
            out.add(e);
        }
        LastTokenRepeats.shuffle(out, rng);
        return out;
    }

    /** What identifies an example apart from brightness: caption, shapes and cells. */
    static String key(SentimentExample e) {
        return java.util.Arrays.toString(e.tokens()) + java.util.Arrays.toString(e.glyphShapes()) + java.util.Arrays.toString(e.glyphCells());
    }

    /** One example with the given label, the rest uniform (see the class comment). */
    public static SentimentExample example(SplittableRandom rng, int label) {
        if (label < 0 || label >= CLASSES) throw new IllegalArgumentException("label " + label + " is not in 0.." + (CLASSES - 1));
        int top = rng.nextInt(OBJECTS);
        int bottom = rng.nextInt(OBJECTS - 1);
        if (bottom >= top) bottom++;
        int topCell = rng.nextInt(PATCHES / 2);
        int bottomCell = PATCHES / 2 + rng.nextInt(PATCHES / 2);
        int verb = rng.nextInt(3);
        int intensifier = rng.nextInt(3);
        int object;
        int adjective;
        if (label == NEUTRAL) {
            int k = rng.nextInt(OBJECTS - 2);
            object = -1;
            for (int s = 0; s < OBJECTS; s++) {
                if (s != top && s != bottom && k-- == 0) object = s;
            }
            adjective = rng.nextInt(ADJECTIVES);
        } else {
            boolean lower = rng.nextBoolean();
            object = lower ? bottom : top;
            boolean positiveWord = (label == POSITIVE) ^ lower;
            adjective = (positiveWord ? 0 : ADJECTIVES / 2) + rng.nextInt(ADJECTIVES / 2);
        }
        List<Integer> t = new ArrayList<>(MAX_LEN);
        t.add(THE);
        t.add(FIRST_OBJECT + object);
        t.add(IS + verb);
        if (intensifier > 0) t.add(VERY + intensifier - 1);
        t.add(FIRST_ADJECTIVE + adjective);
        int[] tokens = t.stream().mapToInt(Integer::intValue).toArray();
        double[] px = new double[SIZE * SIZE];
        draw(px, topCell, top, 0.5 + 0.5 * rng.nextDouble());
        draw(px, bottomCell, bottom, 0.5 + 0.5 * rng.nextDouble());
        return new SentimentExample(tokens, px, SIZE, SIZE, new int[] {top, bottom}, new int[] {topCell, bottomCell}, label);
    }

    /** The label by the rule, from the caption and where each glyph shape is (cells 0..15, row-major). */
    public static int labelOf(int[] tokens, int[] glyphShapes, int[] glyphCells) {
        int object = -1;
        int adjective = -1;
        for (int tok : tokens) {
            if (tok >= FIRST_OBJECT && tok < FIRST_ADJECTIVE) object = tok - FIRST_OBJECT;
            else if (tok >= FIRST_ADJECTIVE && tok < VOCAB) adjective = tok - FIRST_ADJECTIVE;
        }
        if (object < 0 || adjective < 0) throw new IllegalArgumentException("caption has no object or no adjective");
        for (int i = 0; i < glyphShapes.length; i++) {
            if (glyphShapes[i] == object) {
                boolean lower = glyphCells[i] >= PATCHES / 2;
                boolean positive = (adjective < ADJECTIVES / 2) ^ lower;
                return positive ? POSITIVE : NEGATIVE;
            }
        }
        return NEUTRAL;
    }

    private static void draw(double[] px, int cell, int shape, double brightness) {
        int r0 = (cell / GRID) * PATCH;
        int c0 = (cell % GRID) * PATCH;
        for (int r = 0; r < PATCH; r++) {
            for (int c = 0; c < PATCH; c++) {
                if (Glyphs.glyph(shape, r, c)) px[(r0 + r) * SIZE + c0 + c] = brightness;
            }
        }
    }
}
