package dojo.cli;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** "Did you mean ...?": the known names closest to a mistyped one (edit distance, prefixes, parts). */
final class Suggestions {
    private Suggestions() {}

    /** Up to {@code max} candidates close to {@code typed}, closest first; empty when none is close. */
    static List<String> closest(String typed, Collection<String> candidates, int max) {
        String t = typed.toLowerCase(Locale.ROOT);
        record Scored(String name, int distance) {}
        List<Scored> close = new ArrayList<>();
        for (String c : candidates) {
            String n = c.toLowerCase(Locale.ROOT);
            int d = distance(t, n);
            int allowed = Math.max(1, Math.min(3, t.length() / 3));
            boolean related = t.length() >= 3 && (n.startsWith(t) || n.contains(t) || t.contains(n) && n.length() >= 3);
            if (d <= allowed || related) close.add(new Scored(c, related ? Math.min(d, allowed) : d));
        }
        close.sort(Comparator.comparingInt(Scored::distance).thenComparing(Scored::name));
        return close.stream().limit(max).map(Scored::name).toList();
    }

    /** " did you mean 'quiz'?" / " did you mean one of: a, b, c?" (with a leading separator), or "". */
    static String didYouMean(String typed, Collection<String> candidates) {
        List<String> c = closest(typed, candidates, 3);
        if (c.isEmpty()) return "";
        if (c.size() == 1) return "; did you mean '" + c.get(0) + "'?";
        return "; did you mean one of: " + String.join(", ", c) + "?";
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] tmp = prev;
            prev = cur;
            cur = tmp;
        }
        return prev[b.length()];
    }
}
