package dojo.questions;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The order choices are shown in. A quiz session shuffles them with its seed (recorded in the progress log);
 * exports use one fixed order per question id, so a handout and its answer key agree and an Anki re-import
 * keeps the card the same. Questions marked {@code shuffle: false} keep their file order everywhere.
 */
public final class ChoiceOrder {
    private ChoiceOrder() {}

    /** File order 0..n-1. */
    public static List<Integer> identity(int n) {
        List<Integer> idx = new ArrayList<>(n);
        for (int i = 0; i < n; i++) idx.add(i);
        return idx;
    }

    /** A uniformly random order of {@code q}'s choices from {@code rng}; file order when it opts out. */
    public static List<Integer> shuffled(Question q, Random rng) {
        List<Integer> idx = identity(q.choices().size());
        if (q.shuffle()) Collections.shuffle(idx, rng);
        return idx;
    }

    /**
     * The order a quiz session with {@code seed} shows {@code q}'s choices in: seeded by the session seed and
     * the question id, so it does not depend on which other questions the session holds.
     */
    public static List<Integer> forSession(long seed, Question q) {
        return shuffled(q, new Random(seed * 0x9E3779B97F4A7C15L ^ stableSeed(q.id())));
    }

    /** The fixed export order of {@code q}'s choices: seeded by its id only, the same in every language. */
    public static List<Integer> forId(Question q) {
        return shuffled(q, new Random(stableSeed(q.id())));
    }

    /** {@code q} with its choices in the export order (unchanged when it has none or opts out). */
    public static Question forExport(Question q) {
        if (q.choices().isEmpty() || !q.shuffle()) return q;
        return q.withChoiceOrder(forId(q));
    }

    /** The key of the i-th shown choice: a, b, c... */
    public static String key(int i) {
        return String.valueOf((char) ('a' + i));
    }

    /** FNV-1a over the UTF-16 code units: the same value on every JVM and run. */
    static long stableSeed(String id) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < id.length(); i++) {
            h ^= id.charAt(i);
            h *= 0x100000001b3L;
        }
        return h;
    }
}
