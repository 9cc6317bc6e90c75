package dojo.workshop.similarity;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Suspicious pairs per exercise: fingerprints of each learner's code, minus those of the starter code, minus those
 * shared by many learners (common idioms, the obvious solution), compared pairwise with Dolos' similarity
 * {@code 2|A∩B| / (|A| + |B|)}.
 */
public final class Similarity {

    /**
     * Settings.
     *
     * @param threshold similarity from which a pair is flagged
     * @param minShared fingerprints a flagged pair must share (short code is too easily alike)
     * @param commonFraction a fingerprint held by more than this fraction of learners (and at least 3) is ignored
     */
    public record Settings(double threshold, int minShared, double commonFraction) {
        public static Settings defaults() {
            return new Settings(0.8, 10, 0.4);
        }
    }

    /**
     * One pair of learners on one exercise.
     *
     * @param linesA lines of A's files that share fingerprints with B (file to line numbers)
     */
    public record Pair(String exercise, String a, String b, double similarity, int shared, boolean flagged,
            Map<String, Set<Integer>> linesA, Map<String, Set<Integer>> linesB) {}

    private Similarity() {}

    /**
     * Compares learners on one exercise.
     *
     * @param code learner id to their files (name to source) for the exercise
     * @param starter the starter's files for the exercise
     */
    public static List<Pair> compare(String exercise, Map<String, Map<String, String>> code, Map<String, String> starter, Settings s) {
        Set<Long> starterPrints = Fingerprints.of(starter).keySet();
        Map<String, Map<Long, List<Fingerprints.Span>>> prints = new HashMap<>();
        Map<Long, Integer> holders = new HashMap<>();
        for (Map.Entry<String, Map<String, String>> e : code.entrySet()) {
            Map<Long, List<Fingerprints.Span>> p = new HashMap<>(Fingerprints.of(e.getValue()));
            p.keySet().removeAll(starterPrints);
            prints.put(e.getKey(), p);
            for (Long h : p.keySet()) {
                holders.merge(h, 1, Integer::sum);
            }
        }
        int n = code.size();
        Set<Long> common = new HashSet<>();
        holders.forEach((h, c) -> {
            if (c >= 3 && c > s.commonFraction() * n) {
                common.add(h);
            }
        });
        List<String> ids = new ArrayList<>(new TreeSet<>(code.keySet()));
        List<Pair> pairs = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            for (int j = i + 1; j < ids.size(); j++) {
                Map<Long, List<Fingerprints.Span>> a = prints.get(ids.get(i));
                Map<Long, List<Fingerprints.Span>> b = prints.get(ids.get(j));
                Set<Long> fa = new HashSet<>(a.keySet());
                fa.removeAll(common);
                Set<Long> fb = new HashSet<>(b.keySet());
                fb.removeAll(common);
                if (fa.isEmpty() || fb.isEmpty()) {
                    continue;
                }
                Set<Long> both = new HashSet<>(fa);
                both.retainAll(fb);
                double sim = 2.0 * both.size() / (fa.size() + fb.size());
                boolean flagged = sim >= s.threshold() && both.size() >= s.minShared();
                pairs.add(new Pair(exercise, ids.get(i), ids.get(j), Math.round(sim * 1000) / 1000.0, both.size(), flagged,
                        lines(a, both), lines(b, both)));
            }
        }
        pairs.sort(Comparator.comparingDouble(Pair::similarity).reversed().thenComparing(Pair::a).thenComparing(Pair::b));
        return pairs;
    }

    private static Map<String, Set<Integer>> lines(Map<Long, List<Fingerprints.Span>> prints, Set<Long> shared) {
        Map<String, Set<Integer>> out = new HashMap<>();
        for (Long h : shared) {
            for (Fingerprints.Span sp : prints.getOrDefault(h, List.of())) {
                Set<Integer> set = out.computeIfAbsent(sp.file(), k -> new TreeSet<>());
                for (int l = sp.firstLine(); l <= sp.lastLine(); l++) {
                    set.add(l);
                }
            }
        }
        return out;
    }
}
