package dojo.workshop.similarity;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Suspicious pairs side by side: the two learners' files in two columns, shared lines highlighted. */
public final class SimilarityHtml {
    private SimilarityHtml() {}

    /**
     * @param code learner to exercise to files (name to source), for the pairs shown
     * @param top how many of the most similar pairs to list in the table
     */
    public static String render(String title, List<Similarity.Pair> pairs, Map<String, Map<String, Map<String, String>>> code,
            Similarity.Settings s, int top) {
        StringBuilder b = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Similarity: ")
                .append(esc(title)).append("</title>\n<style>\n")
                .append("body{font-family:system-ui,sans-serif;margin:2rem;color:#1f2328}table{border-collapse:collapse}td,th{padding:.3rem .6rem;border-bottom:1px solid #eaeef2;text-align:left}\n")
                .append(".pair{display:grid;grid-template-columns:1fr 1fr;gap:1rem}.pair pre{font-size:12px;border:1px solid #d0d7de;border-radius:6px;padding:.5rem;overflow:auto;margin:0}\n")
                .append("pre span{display:block}pre span.hit{background:#fff1b8}.flag{color:#cf222e;font-weight:600}small{color:#59636e}\n")
                .append("</style></head><body>\n<h1>Similarity: ").append(esc(title)).append("</h1>\n<p><small>Token-normalised fingerprints (k = ")
                .append(Fingerprints.K).append(", window ").append(Fingerprints.WINDOW).append(") from the JDK's parser; starter code subtracted;")
                .append(" fingerprints held by more than ").append(Math.round(s.commonFraction() * 100)).append("% of learners ignored. Flagged from similarity ")
                .append(s.threshold()).append(" with at least ").append(s.minShared()).append(" shared fingerprints. A flag is a reason to look, not a verdict.</small></p>\n");
        b.append("<table><thead><tr><th>exercise</th><th>learner</th><th>learner</th><th>similarity</th><th>shared</th><th></th></tr></thead><tbody>\n");
        for (Similarity.Pair p : pairs.stream().limit(top).toList()) {
            b.append("<tr><td>").append(esc(p.exercise())).append("</td><td>").append(esc(p.a())).append("</td><td>").append(esc(p.b()))
                    .append("</td><td>").append(String.format(Locale.ROOT, "%.2f", p.similarity())).append("</td><td>").append(p.shared())
                    .append("</td><td>").append(p.flagged() ? "<span class=\"flag\">flagged</span>" : "").append("</td></tr>\n");
        }
        b.append("</tbody></table>\n");
        for (Similarity.Pair p : pairs) {
            if (!p.flagged()) {
                continue;
            }
            b.append("<h2>").append(esc(p.exercise())).append(": ").append(esc(p.a())).append(" and ").append(esc(p.b()))
                    .append(String.format(Locale.ROOT, " (%.2f, %d shared)", p.similarity(), p.shared())).append("</h2>\n<div class=\"pair\">");
            column(b, p.a(), code.getOrDefault(p.a(), Map.of()).getOrDefault(p.exercise(), Map.of()), p.linesA());
            column(b, p.b(), code.getOrDefault(p.b(), Map.of()).getOrDefault(p.exercise(), Map.of()), p.linesB());
            b.append("</div>\n");
        }
        return b.append("</body></html>\n").toString();
    }

    private static void column(StringBuilder b, String learner, Map<String, String> files, Map<String, Set<Integer>> hits) {
        b.append("<div><h3>").append(esc(learner)).append("</h3>");
        for (Map.Entry<String, String> f : files.entrySet()) {
            Set<Integer> h = hits.getOrDefault(f.getKey(), Set.of());
            b.append("<p><small>").append(esc(f.getKey())).append("</small></p><pre>");
            String[] lines = f.getValue().split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                b.append(h.contains(i + 1) ? "<span class=\"hit\">" : "<span>").append(String.format(Locale.ROOT, "%4d  ", i + 1))
                        .append(esc(lines[i])).append("</span>");
            }
            b.append("</pre>");
        }
        b.append("</div>");
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
