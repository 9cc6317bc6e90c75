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
 * split is exactly balanced. Then a multiset of tokens is drawn (each uniform over the 16 types, redrawn
 * until it holds both a type that occurs once and a type that occurs at least twice); the last token is
 * a uniformly chosen type that occurs at least twice (label 1) or exactly once (label 0), and the other
 * tokens follow in a uniformly random order. So the multiset of tokens has the same distribution under
 * both labels: counting tokens cannot tell them apart (an earlier version drew label-0 prefixes from 15
 * types and let a bag-of-tokens baseline reach 0.62 on duplicate counts). Sequences are unique across
 * the three splits (a test sequence never appears in training), and each split is shuffled with the seed.
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

    /** One example with the given label (see the class comment for the construction). */
    public static TextExample example(SplittableRandom rng, int label) {
        int len = MIN_LEN + rng.nextInt(MAX_LEN - MIN_LEN + 1);
        while (true) {
            int[] t = new int[len];
            int[] count = new int[TYPES + 1];
            for (int i = 0; i < len; i++) count[t[i] = 1 + rng.nextInt(TYPES)]++;
            int[] candidates = new int[TYPES];
            int n = 0;
            for (int v = 1; v <= TYPES; v++) {
                if (label == 1 ? count[v] >= 2 : count[v] == 1) candidates[n++] = v;
            }
            if (n == 0) continue;                         // no type of the kind this label needs: redraw
            boolean other = false;
            for (int v = 1; v <= TYPES && !other; v++) other = label == 1 ? count[v] == 1 : count[v] >= 2;
            if (!other) continue;                         // keep the multiset usable for both labels
            int last = candidates[rng.nextInt(n)];
            int[] rest = new int[len - 1];
            int k = 0;
            boolean removed = false;
            for (int v : t) {
                if (v == last && !removed) removed = true;
                else rest[k++] = v;
            }
            for (int i = rest.length - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                int tmp = rest[i];
                rest[i] = rest[j];
                rest[j] = tmp;
            }
            int[] out = java.util.Arrays.copyOf(rest, len);
            out[len - 1] = last;
            return new TextExample(out, label);
        }
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
