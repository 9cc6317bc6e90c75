package dojo.workshop.report;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Renders a {@link CohortReport} as one self-contained HTML page (inline CSS, the histogram as inline SVG). */
public final class CohortHtml {
    private CohortHtml() {}

    public static String render(CohortReport r, Instant generatedAt) {
        StringBuilder b = new StringBuilder();
        String title = esc(r.config().name()) + " · " + esc(r.config().assignment());
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>Cohort report: ").append(title).append("</title>\n<style>\n")
                .append("body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,'Noto Sans',sans-serif;margin:2rem auto;max-width:62rem;padding:0 1rem;color:#1f2328;background:#fff}\n")
                .append("h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #d0d7de;padding-bottom:.3rem}\n")
                .append(".sub{color:#59636e;margin-top:0}.cards{display:flex;gap:1rem;flex-wrap:wrap}.card{border:1px solid #d0d7de;border-radius:8px;padding:.7rem 1rem;min-width:8rem}\n")
                .append(".card b{display:block;font-size:1.4rem}table{border-collapse:collapse;width:100%;font-size:.92rem}th,td{text-align:left;padding:.35rem .5rem;border-bottom:1px solid #eaeef2;vertical-align:top}\n")
                .append("th{background:#f6f8fa}td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}.bar{background:#eaeef2;border-radius:4px;height:.8rem;width:10rem;display:inline-block;vertical-align:middle}\n")
                .append(".bar i{display:block;height:100%;border-radius:4px;background:#1a7f37}.bar i.mid{background:#bf8700}.bar i.low{background:#cf222e}\n")
                .append(".tag{font-size:.75rem;border:1px solid #d0d7de;border-radius:1rem;padding:0 .45rem;color:#59636e;margin-left:.3rem}\n")
                .append("</style></head><body>\n");
        b.append("<h1>Cohort report</h1>\n<p class=\"sub\">").append(title).append(" · due ")
                .append(esc(r.config().due().format(DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm", Locale.ROOT)))).append(' ')
                .append(esc(r.config().due().getZone().getId())).append(" · generated ")
                .append(esc(DateTimeFormatter.ISO_INSTANT.format(generatedAt.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)))).append("</p>\n");
        b.append("<div class=\"cards\">");
        card(b, r.submitted() + " / " + r.learners(), "learners submitted");
        card(b, fmt(r.mean()) + " / " + r.config().maxPoints(), "mean score");
        card(b, fmt(r.median()) + " / " + r.config().maxPoints(), "median score");
        card(b, String.valueOf(r.incomplete()), "gradings cut short (crash or limit)");
        b.append("</div>\n");

        b.append("<h2>Score histogram</h2>\n").append(histogram(r)).append('\n');

        b.append("<h2>Pass rate per exercise</h2>\n<table><thead><tr><th>exercise</th><th>passed</th><th>pass rate</th>")
                .append("<th>attempted</th><th>mean points</th></tr></thead><tbody>\n");
        for (CohortReport.ExerciseStats e : r.exercises()) {
            b.append("<tr><td>").append(esc(e.id())).append("<br><small>").append(esc(e.title())).append("</small></td><td class=\"num\">")
                    .append(e.passed()).append(" / ").append(e.submitted()).append("</td><td>").append(bar(e.passRate()))
                    .append("</td><td class=\"num\">").append(e.attempted()).append("</td><td class=\"num\">").append(fmt(e.meanPoints()))
                    .append(" / ").append(e.points()).append("</td></tr>\n");
        }
        b.append("</tbody></table>\n");

        b.append("<h2>Hardest tests</h2>\n<table><thead><tr><th>test</th><th>exercise</th><th>passed</th><th>pass rate</th></tr></thead><tbody>\n");
        for (CohortReport.TestStats t : r.hardest(10)) {
            testRow(b, t);
        }
        b.append("</tbody></table>\n");

        b.append("<h2>Pass rate per test</h2>\n<table><thead><tr><th>test</th><th>exercise</th><th>passed</th><th>pass rate</th></tr></thead><tbody>\n");
        for (CohortReport.TestStats t : r.tests()) {
            testRow(b, t);
        }
        b.append("</tbody></table>\n<p class=\"sub\">Counts are over learners who attempted the exercise. Hidden tests are marked;"
                + " this page is for the host.</p>\n</body></html>\n");
        return b.toString();
    }

    private static void testRow(StringBuilder b, CohortReport.TestStats t) {
        b.append("<tr><td>").append(esc(t.name())).append(t.hidden() ? "<span class=\"tag\">hidden</span>" : "")
                .append("</td><td>").append(esc(t.exercise())).append("</td><td class=\"num\">").append(t.passed()).append(" / ")
                .append(t.ran()).append("</td><td>").append(bar(t.passRate())).append("</td></tr>\n");
    }

    /** Bars of learners per score bin, with axis labels. */
    static String histogram(CohortReport r) {
        int[] h = r.histogram();
        int max = 1;
        for (int v : h) {
            max = Math.max(max, v);
        }
        int w = 640;
        int hgt = 220;
        int left = 40;
        int bottom = 40;
        int plotW = w - left - 10;
        int plotH = hgt - bottom - 10;
        double bw = plotW / (double) h.length;
        StringBuilder s = new StringBuilder();
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"").append(w).append("\" height=\"").append(hgt)
                .append("\" viewBox=\"0 0 ").append(w).append(' ').append(hgt).append("\" font-family=\"system-ui,sans-serif\" font-size=\"11\">")
                .append("<title>Learners per score range</title>");
        s.append("<line x1=\"").append(left).append("\" y1=\"").append(10 + plotH).append("\" x2=\"").append(left + plotW)
                .append("\" y2=\"").append(10 + plotH).append("\" stroke=\"#8c959f\"/>");
        for (int i = 0; i < h.length; i++) {
            double bh = plotH * h[i] / (double) max;
            double x = left + i * bw + 2;
            double y = 10 + plotH - bh;
            s.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#0969da\" rx=\"2\"/>",
                    x, y, bw - 4, bh));
            if (h[i] > 0) {
                s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%d</text>", x + (bw - 4) / 2, y - 3, h[i]));
            }
            double lo = r.config().maxPoints() * i / (double) h.length;
            double hi = r.config().maxPoints() * (i + 1) / (double) h.length;
            s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" fill=\"#59636e\">%s–%s</text>",
                    x + (bw - 4) / 2, 10 + plotH + 15, trim(lo), trim(hi)));
        }
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" fill=\"#59636e\">points (learners per range)</text>",
                left + plotW / 2, hgt - 5));
        s.append("</svg>");
        return s.toString();
    }

    private static void card(StringBuilder b, String value, String label) {
        b.append("<div class=\"card\"><b>").append(esc(value)).append("</b>").append(esc(label)).append("</div>");
    }

    private static String bar(double rate) {
        String cls = rate >= 0.75 ? "" : rate >= 0.4 ? " class=\"mid\"" : " class=\"low\"";
        return String.format(Locale.ROOT, "<span style=\"white-space:nowrap\"><span class=\"bar\"><i%s style=\"width:%.0f%%\"></i></span> %.0f%%</span>", cls, rate * 100, rate * 100);
    }

    private static String trim(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.format(Locale.ROOT, "%.1f", d);
    }

    private static String fmt(double d) {
        return String.format(Locale.ROOT, "%.1f", d);
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
