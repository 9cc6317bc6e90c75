package dojo.models.data;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Two questions about the LAST token of one sequence, for the multi-task classifier (seed C9): both need
 * token mixing, and neither can be read off the bag of tokens.
 *
 * <ul>
 *   <li>Task A (2 classes), as {@link LastTokenRepeats}: does the last token occur earlier? 0 no, 1 yes.</li>
 *   <li>Task B (3 classes): how does the last token compare with the first? 0 smaller, 1 equal, 2 larger
 *       (token ids as numbers).</li>
 * </ul>
 *
 * <p>Generator (seeded, nothing downloaded): token ids 1..{@value #TYPES} (0 is padding), lengths uniform in
 * {@value #MIN_LEN}..{@value #MAX_LEN}. The two labels are chosen first, from a fixed cycle of 12 that makes
 * every task exactly balanced (A: 6 and 6; B: 4, 4, 4). "Equal" implies "occurs earlier" (the first token IS
 * an earlier occurrence), so the tasks are not independent: B = 1 always has A = 1, and B = 0 or 2 has A = 1 in
 * one case of four. Then a multiset of tokens is drawn (each uniform over the 16 types), redrawn until it
 * admits all five label pairs; the last token v and the first token u are picked uniformly among the pairs of
 * the multiset that give the chosen labels; the rest follow in a uniformly random order. The multiset is drawn
 * before the labels are looked at, so its distribution is the same under every label pair: counting tokens
 * tells nothing about either task (the property {@code LastTokenRelationsTest} checks). Sequences are unique
 * across the three splits; each split is shuffled with the seed.
 *
 * <p>Why attention: both answers relate the last real token (whose position varies with the length) to other
 * positions: all earlier ones (A) or the first (B). A mean of token + position embeddings is the bag of tokens
 * plus a function of the length, so a no-attention baseline stays at chance (0.5 and 1/3).
 */
public final class LastTokenRelations {

    public static final int TYPES = 16;
    public static final int PAD = 0;
    public static final int VOCAB = TYPES + 1;
    public static final int MIN_LEN = 8;
    public static final int MAX_LEN = 12;
    public static final int CLASSES_A = 2;
    public static final int CLASSES_B = 3;

    /** Task B's classes: the last token compared with the first. */
    public static final int SMALLER = 0, EQUAL = 1, LARGER = 2;

    private LastTokenRelations() {
    }

    /** The three splits, all from {@code seed}. */
    public static Split<MultiTaskExample> generate(long seed, int train, int validation, int test) {
        if (train < 0 || validation < 0 || test < 0) throw new IllegalArgumentException("split sizes must be >= 0");
        SplittableRandom rng = new SplittableRandom(seed);
        Set<MultiTaskExample> seen = new HashSet<>();
        List<MultiTaskExample> tr = part(rng, train, seen), va = part(rng, validation, seen), te = part(rng, test, seen);
        return new Split<>("last-token-relations", tr, va, te);
    }

    private static List<MultiTaskExample> part(SplittableRandom rng, int n, Set<MultiTaskExample> seen) {
        List<MultiTaskExample> out = new ArrayList<>(n);
        while (out.size() < n) {
            int k = out.size() % 12;
            MultiTaskExample e = example(rng, labelA(k), labelB(k));
            if (seen.add(e)) out.add(e);
        }
        LastTokenRepeats.shuffle(out, rng);
        return out;
    }

    /** Task B's label at position k of the 12-cycle: 0, 1, 2, 0, 1, 2, ... */
    static int labelB(int k) {
        return k % 3;
    }

    /** Task A's label at position k of the 12-cycle: 1 for every "equal", and for k = 0 and k = 2; else 0. */
    static int labelA(int k) {
        return labelB(k) == EQUAL || k == 0 || k == 2 ? 1 : 0;
    }

    /** One example with the given labels (see the class comment for the construction). */
    public static MultiTaskExample example(SplittableRandom rng, int labelA, int labelB) {
        if (labelA < 0 || labelA >= CLASSES_A || labelB < 0 || labelB >= CLASSES_B) {
            throw new IllegalArgumentException("labels (" + labelA + ", " + labelB + ") out of range");
        }
        if (labelB == EQUAL && labelA == 0) {
            throw new IllegalArgumentException("no sequence has a last token equal to the first that does not occur earlier");
        }
        int len = MIN_LEN + rng.nextInt(MAX_LEN - MIN_LEN + 1);
        while (true) {
            int[] count = new int[TYPES + 1];
            for (int i = 0; i < len; i++) count[1 + rng.nextInt(TYPES)]++;
            if (!admitsEveryPair(count)) continue;              // decided before the labels are used: counts stay uninformative
            List<int[]> pairs = pairs(count, labelA, labelB);
            int[] vu = pairs.get(rng.nextInt(pairs.size()));
            int last = vu[0], first = vu[1];
            count[last]--;
            count[first]--;
            int[] middle = new int[len - 2];
            int k = 0;
            for (int v = 1; v <= TYPES; v++) for (int c = 0; c < count[v]; c++) middle[k++] = v;
            for (int i = middle.length - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                int tmp = middle[i];
                middle[i] = middle[j];
                middle[j] = tmp;
            }
            int[] out = new int[len];
            out[0] = first;
            System.arraycopy(middle, 0, out, 1, middle.length);
            out[len - 1] = last;
            return new MultiTaskExample(out, labelA, labelB);
        }
    }

    /** Whether the multiset {@code count} can be arranged with each of the five possible label pairs. */
    static boolean admitsEveryPair(int[] count) {
        for (int a = 0; a < CLASSES_A; a++) {
            for (int b = 0; b < CLASSES_B; b++) {
                if (b == EQUAL && a == 0) continue;
                if (pairs(count, a, b).isEmpty()) return false;
            }
        }
        return true;
    }

    /** Every (last v, first u) of the multiset giving labels (a, b). */
    private static List<int[]> pairs(int[] count, int a, int b) {
        List<int[]> out = new ArrayList<>();
        for (int v = 1; v <= TYPES; v++) {
            if (a == 1 ? count[v] < 2 : count[v] != 1) continue;
            for (int u = 1; u <= TYPES; u++) {
                int available = count[u] - (u == v ? 1 : 0);
                if (available < 1) continue;
                if (Integer.compare(v, u) + 1 != b) continue;
                out.add(new int[] {v, u});
            }
        }
        return out;
    }

    /** Task A by definition: 1 when the last token occurs at an earlier position. */
    public static int labelAOf(int[] tokens) {
        int last = tokens[tokens.length - 1];
        for (int i = 0; i < tokens.length - 1; i++) if (tokens[i] == last) return 1;
        return 0;
    }

    /** Task B by definition: the last token compared with the first (0 smaller, 1 equal, 2 larger). */
    public static int labelBOf(int[] tokens) {
        return Integer.compare(tokens[tokens.length - 1], tokens[0]) + 1;
    }
}
