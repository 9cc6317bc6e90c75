package dojo.export;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/** The order ordering items are shown in: shuffled, the same for a given question id on every export. */
final class Shuffle {
    private Shuffle() {}

    /** A permutation of 0..n-1 seeded by the id; never the identity when n >= 2 (that would give the answer away). */
    static List<Integer> order(String id, int n) {
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < n; i++) idx.add(i);
        Collections.shuffle(idx, new Random(id.hashCode()));
        boolean identity = true;
        for (int i = 0; i < n; i++) identity &= idx.get(i) == i;
        if (identity && n >= 2) Collections.rotate(idx, 1);
        return idx;
    }

    static String letter(int i) {
        return String.valueOf((char) ('A' + i));
    }
}
