package dojo.models.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * "Does the last token occur earlier?": text classification that needs attention.
 *
 * <p>Generator (seeded, nothing downloaded): token ids 1..{@value #TYPES} (0 is padding), lengths drawn
 * uniformly from {@value #MIN_LEN}..{@value #MAX_LEN}. The label is chosen first, alternating so every
 * split is exactly balanced; the last token is uniform over the types; for label 0 every earlier token is
 * drawn from the other 15 types; for label 1 the earlier tokens are drawn from all 16 types and one
 * uniformly chosen earlier position is then set to the last token. Sequences are unique across the
 * three splits (a test sequence never appears in training), and each split is shuffled with the seed.
 *
 * <p>Why attention: the answer depends on comparing one position (the last real token, whose position
 * varies with the length) with every other position. A bag of tokens (mean-pooled embeddings) sees the
 * same multiset whichever token comes last, so it stays near chance.
 */
public final class LastTokenRepeats {

    public static final int TYPES = 16;
    public static final int PAD = 0;
    public static final int VOCAB = TYPES + 1;
    public static final int MIN_LEN = 8;
    public static final int MAX_LEN = 12;

    private LastTokenRepeats() {
    }

    /** The three splits, all from {@code seed}. */
    public static Split<TextExample> generate(long seed, int train, int validation, int test) {
        if (train < 0 || validation < 0 || test < 0) throw new IllegalArgumentException("split sizes must be >= 0");
        SplittableRandom rng = new SplittableRandom(seed);
        Set<TextExample> seen = new HashSet<>();
        List<TextExample> tr = part(rng, train, seen), va = part(rng, validation, seen), te = part(rng, test, seen);
        return new Split<>("last-token-repeats", tr, va, te);
    }

    private static List<TextExample> part(SplittableRandom rng, int n, Set<TextExample> seen) {
        List<TextExample> out = new ArrayList<>(n);
        while (out.size() < n) {
            TextExample e = example(rng, out.size() % 2);
            if (seen.add(e)) out.add(e);
        }
        shuffle(out, rng);
        return out;
    }

    /** One example with the given label. */
    public static TextExample example(SplittableRandom rng, int label) {
        int len = MIN_LEN + rng.nextInt(MAX_LEN - MIN_LEN + 1);
        int[] t = new int[len];
        int last = 1 + rng.nextInt(TYPES);
        t[len - 1] = last;
        for (int i = 0; i < len - 1; i++) {
            if (label == 1) {
                t[i] = 1 + rng.nextInt(TYPES);
            } else {
                int v = 1 + rng.nextInt(TYPES - 1);
                t[i] = v >= last ? v + 1 : v;
            }
        }
        if (label == 1) t[rng.nextInt(len - 1)] = last;
        return new TextExample(t, label);
    }

    /** The label by definition (used by tests to check the generator). */
    public static int labelOf(int[] tokens) {
        int last = tokens[tokens.length - 1];
        return Arrays.stream(tokens, 0, tokens.length - 1).anyMatch(v -> v == last) ? 1 : 0;
    }

    static <E> void shuffle(List<E> list, SplittableRandom rng) {
        for (int i = list.size() - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            E tmp = list.get(i);
            list.set(i, list.get(j));
            list.set(j, tmp);
        }
    }
}
