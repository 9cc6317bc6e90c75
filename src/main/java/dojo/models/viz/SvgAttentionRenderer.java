package dojo.models.viz;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Draws an {@link AttentionView} as one self-contained SVG (no external fonts, scripts or images): a grid
 * with one row per layer and one column per head, each a heatmap with the query tokens down the left and
 * the key tokens along the top, a colour legend (0..1) and a hatched swatch for masked padding keys.
 * Every cell carries a tooltip with its exact weight. {@link #html} wraps the SVG in a small page.
 * Every piece of text is XML-escaped.
 */
public final class SvgAttentionRenderer {

    private static final int MARGIN = 24;
    private static final int GAP = 20;
    private static final int HEADER = 104;

    public String svg(AttentionView v) {
        int n = v.tokens().size();
        int maxRows = 1, maxCols = 1, longest = 1, longestTitle = 0;
        List<Integer> drawn = new ArrayList<>();
        for (AttentionMap m : v.maps()) {
            longestTitle = Math.max(longestTitle, v.headline(m).length());
            if (drawn.contains(m.layer())) continue;
            drawn.add(m.layer());
            AttentionView.Layer d = v.layer(m.layer());
            maxRows = Math.max(maxRows, d.queries().size());
            maxCols = Math.max(maxCols, d.keys().size());
            for (String t : d.queries()) longest = Math.max(longest, t.length());
            for (String t : d.keys()) longest = Math.max(longest, t.length());
        }
        int side = Math.max(maxRows, maxCols);
        int cell = Math.max(10, Math.min(22, 228 / Math.max(1, side)));
        int labelW = 10 + 7 * Math.min(8, longest);
        int mapW = labelW + maxCols * cell;
        if (v.namedLayers()) mapW = Math.max(mapW, 7 * longestTitle + 10);    // a named headline is longer than the map (13 px bold)
        int mapH = 36 + labelW + maxRows * cell;            // panel title + column labels + cells
        List<String> layerLines = v.layerLines();
        int header = HEADER + 18 * layerLines.size();
        List<Integer> layers = new ArrayList<>();
        List<Integer> heads = new ArrayList<>();
        for (AttentionMap m : v.maps()) {
            if (!layers.contains(m.layer())) layers.add(m.layer());
            if (!heads.contains(m.head())) heads.add(m.head());
        }
        int cols = Math.max(1, heads.size());
        int rows = Math.max(1, layers.size());
        int w = Math.max(2 * MARGIN + cols * mapW + (cols - 1) * GAP, 560);
        // the heading (20 px bold, about 11 px a character) must not be cut: a long one is set at 16 px and the page widened
        String heading = v.title() + " · " + v.source();
        int headingFont = 2 * MARGIN + 11 * heading.length() <= w ? 20 : 16;
        if (headingFont == 16) w = Math.max(w, 2 * MARGIN + 9 * heading.length());
        int h = header + rows * mapH + (rows - 1) * GAP + 70;
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"DejaVu Sans, Arial, sans-serif\">%n",
                w, h, w, h));
        s.append("<title>").append(esc(v.title() + ": attention, " + v.source())).append("</title>\n");
        s.append("<defs><pattern id=\"pad\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
                + "<rect width=\"6\" height=\"6\" fill=\"#f2f2f2\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#b0b0b0\" stroke-width=\"2\"/></pattern>"
                + "<linearGradient id=\"ramp\" x1=\"0\" x2=\"1\" y1=\"0\" y2=\"0\">");
        for (int i = 0; i <= 10; i++) {
            s.append(String.format(Locale.ROOT, "<stop offset=\"%.1f\" stop-color=\"%s\"/>", i / 10.0, Heat.hex(i / 10.0)));
        }
        s.append("</linearGradient></defs>\n");
        s.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"#ffffff\"/>%n", w, h));
        int p = v.predicted();
        s.append(text(MARGIN, 30, headingFont, "bold", "start", heading));
        List<String> real = new ArrayList<>();
        for (int i = 0; i < n; i++) if (!v.isPadding(i)) real.add(v.tokens().get(i));
        int pads = n - real.size();
        s.append(text(MARGIN, 54, 14, "normal", "start", "tokens: " + String.join(" ", real)
                + (pads > 0 ? "  + " + pads + " padding" : "")));
        String pred = v.classes().isEmpty() ? "" : String.format(Locale.ROOT, "prediction: %d \"%s\" p = %.4f", p, v.classes().get(p), v.probabilities()[p]);
        if (v.trueLabel() >= 0 && !v.classes().isEmpty()) {
            pred += "  ·  label " + v.trueLabel() + " \"" + v.classes().get(v.trueLabel()) + "\"" + (v.trueLabel() == p ? " (correct)" : " (wrong)");
        }
        s.append(text(MARGIN, 76, 14, "normal", "start", pred));
        s.append(text(MARGIN, 96, 12, "normal", "start", "rows = query, columns = key; every real row sums to 1 over the real keys"));
        for (int i = 0; i < layerLines.size(); i++) {         // an aligned table: monospace, spaces kept
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"12\" font-family=\"DejaVu Sans Mono, monospace\" xml:space=\"preserve\" style=\"white-space:pre\">%s</text>%n",
                    MARGIN, 114 + 18 * i, esc(layerLines.get(i))));
        }
        for (AttentionMap m : v.maps()) {
            int x0 = MARGIN + heads.indexOf(m.head()) * (mapW + GAP);
            int y0 = header + layers.indexOf(m.layer()) * (mapH + GAP);
            panel(s, v, m, x0, y0, cell, labelW);
        }
        int ly = header + rows * mapH + (rows - 1) * GAP + 24;
        s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"240\" height=\"14\" fill=\"url(#ramp)\" stroke=\"#555\" stroke-width=\"0.5\"/>%n", MARGIN, ly));
        for (int i = 0; i <= 4; i++) {
            s.append(text(MARGIN + i * 60, ly + 28, 11, "normal", "middle", String.format(Locale.ROOT, "%.2f", i / 4.0)));
        }
        s.append(text(MARGIN + 250, ly + 12, 12, "normal", "start", "attention weight"));
        s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"14\" height=\"14\" fill=\"url(#pad)\" stroke=\"#555\" stroke-width=\"0.5\"/>%n", MARGIN + 370, ly));
        s.append(text(MARGIN + 390, ly + 12, 12, "normal", "start", "padding key (masked, weight 0)"));
        s.append("</svg>\n");
        return s.toString();
    }

    /** A self-contained HTML page around {@link #svg}. */
    public String html(AttentionView v) {
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + esc(v.title() + ": attention, " + v.source())
                + "</title>\n<style>body{margin:0;padding:8px;background:#fff;color:#222;font-family:'DejaVu Sans',Arial,sans-serif}"
                + "svg rect.c:hover{stroke:#000;stroke-width:1.5}</style>\n</head>\n<body>\n" + svg(v) + "</body>\n</html>\n";
    }

    private static void panel(StringBuilder s, AttentionView v, AttentionMap m, int x0, int y0, int cell, int labelW) {
        AttentionView.Layer d = v.layer(m.layer());
        int rows = m.rows();
        int cols = m.cols();
        s.append(text(x0, y0 + 14, 13, "bold", "start", v.headline(m)));
        int gx = x0 + labelW;
        int gy = y0 + 30 + labelW;
        int font = Math.min(12, cell - 2);
        for (int k = 0; k < cols; k++) {
            int cx = gx + k * cell + cell / 2;
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"%d\" text-anchor=\"start\" transform=\"rotate(-90 %d %d)\" dominant-baseline=\"middle\"%s>%s</text>%n",
                    cx, gy - 4, font, cx, gy - 4, d.isPaddedKey(k) ? " fill=\"#888\"" : "", esc(label(d.keys().get(k)))));
        }
        for (int q = 0; q < rows; q++) {
            int cy = gy + q * cell + cell / 2;
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"%d\" text-anchor=\"end\" dominant-baseline=\"middle\"%s>%s</text>%n",
                    gx - 4, cy, font, d.isPaddedQuery(q) ? " fill=\"#888\"" : "", esc(label(d.queries().get(q)))));
            for (int k = 0; k < cols; k++) {
                double wgt = m.weight(q, k);
                String fill = d.isPaddedKey(k) ? "url(#pad)" : Heat.hex(wgt);
                s.append(String.format(Locale.ROOT, "<rect class=\"c\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"><title>%s</title></rect>%n",
                        gx + k * cell, gy + q * cell, cell, cell, fill,
                        esc(String.format(Locale.ROOT, "query %d '%s' -> key %d '%s': %.4f", q, d.queries().get(q), k, d.keys().get(k), wgt))));
            }
        }
        s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#555\" stroke-width=\"0.5\"/>%n",
                gx, gy, cols * cell, rows * cell));
    }

    private static String label(String t) {
        return t.length() > 8 ? t.substring(0, 7) + "…" : t;
    }

    private static String text(int x, int y, int size, String weight, String anchor, String content) {
        return String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"%d\" font-weight=\"%s\" text-anchor=\"%s\">%s</text>%n",
                x, y, size, weight, anchor, esc(content));
    }

    /** XML-escapes text and attribute content; drops characters XML 1.0 cannot carry. */
    static String esc(String raw) {
        StringBuilder b = new StringBuilder(raw.length());
        raw.codePoints().forEach(c -> {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&apos;");
                default -> {
                    if (c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) || c >= 0x10000) b.appendCodePoint(c);
                    else b.append('\uFFFD');
                }
            }
        });
        return b.toString();
    }
}
