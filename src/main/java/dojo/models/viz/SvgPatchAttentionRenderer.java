package dojo.models.viz;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Draws where one token looks, on the image itself: for every (layer, head) map of a
 * {@link PatchAttentionView}, the grey image with each patch tinted by the weight the chosen query token
 * ([CLS], or a patch) gives it, the weight printed in the patch, the query patch outlined and the weight
 * [CLS] keeps for itself (it has no place on the image) written under the panel. Colours are scaled to the
 * largest weight of the panel, so a flat map still shows its shape; every patch carries a tooltip with its
 * exact weight. One self-contained SVG (no fonts, scripts or images from outside); {@link #html} wraps it
 * in a page. All text is XML-escaped.
 */
public final class SvgPatchAttentionRenderer {

    private static final int MARGIN = 24;
    private static final int GAP = 28;
    private static final int HEADER = 108;
    private static final int PANEL_TITLE = 22;
    private static final int PANEL_FOOT = 22;

    /** The SVG for the row of {@code query} (0 = [CLS], 1 + i = patch i) in every map of the view. */
    public String svg(PatchAttentionView v, int query) {
        AttentionView a = v.attention();
        if (query < 0 || query >= a.tokens().size()) {
            throw new IllegalArgumentException("query token " + query + " does not exist (0 = [CLS], 1.." + (a.tokens().size() - 1) + " = patches)");
        }
        int scale = Math.max(4, Math.min(16, 160 / Math.max(v.height(), v.width())));
        int imgW = v.width() * scale, imgH = v.height() * scale;
        List<Integer> layers = new ArrayList<>();
        List<Integer> heads = new ArrayList<>();
        for (AttentionMap m : a.maps()) {
            if (!layers.contains(m.layer())) layers.add(m.layer());
            if (!heads.contains(m.head())) heads.add(m.head());
        }
        int cols = 1 + Math.max(1, heads.size());                 // the plain image first, then one panel per head
        int rows = Math.max(1, layers.size());
        int panelH = PANEL_TITLE + imgH + PANEL_FOOT;
        int w = Math.max(2 * MARGIN + cols * imgW + (cols - 1) * GAP, 640);
        int h = HEADER + rows * panelH + (rows - 1) * GAP + 64;
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"DejaVu Sans, Arial, sans-serif\">%n",
                w, h, w, h));
        s.append("<title>").append(SvgAttentionRenderer.esc(a.title() + ": attention of " + v.describe(query) + ", " + a.source())).append("</title>\n");
        s.append("<defs><linearGradient id=\"ramp\" x1=\"0\" x2=\"1\" y1=\"0\" y2=\"0\">");
        for (int i = 0; i <= 10; i++) {
            s.append(String.format(Locale.ROOT, "<stop offset=\"%.1f\" stop-color=\"%s\"/>", i / 10.0, Heat.hex(i / 10.0)));
        }
        s.append("</linearGradient></defs>\n");
        s.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"#ffffff\"/>%n", w, h));
        s.append(text(MARGIN, 30, 20, "bold", "start", a.title() + " · " + a.source()));
        int p = a.predicted();
        String pred = String.format(Locale.ROOT, "prediction: %d \"%s\" p = %.4f", p, a.classes().get(p), a.probabilities()[p]);
        if (a.trueLabel() >= 0) {
            pred += "  ·  label " + a.trueLabel() + " \"" + a.classes().get(a.trueLabel()) + "\"" + (a.trueLabel() == p ? " (correct)" : " (wrong)");
        }
        s.append(text(MARGIN, 54, 14, "normal", "start", pred));
        s.append(text(MARGIN, 76, 14, "normal", "start", "query: " + v.describe(query) + " · each patch tinted by the weight the query gives it"
                + " (softmax over [CLS] + " + (a.tokens().size() - 1) + " patches)"));
        s.append(text(MARGIN, 96, 12, "normal", "start", "colours scaled to each panel's largest weight; numbers are the weights in %"));
        for (int row = 0; row < rows; row++) {
            int y0 = HEADER + row * (panelH + GAP);
            s.append(text(MARGIN, y0 + 15, 13, "bold", "start", "input" + (rows > 1 ? "" : "")));
            image(s, v, MARGIN, y0 + PANEL_TITLE, scale);
            grid(s, v, MARGIN, y0 + PANEL_TITLE, scale, query, "#9ab");
            s.append(text(MARGIN, y0 + PANEL_TITLE + imgH + 16, 11, "normal", "start", v.rows() + "x" + v.cols() + " patches of " + v.patch() + "x" + v.patch()));
        }
        for (AttentionMap m : a.maps()) {
            int x0 = MARGIN + (1 + heads.indexOf(m.head())) * (imgW + GAP);
            int y0 = HEADER + layers.indexOf(m.layer()) * (panelH + GAP);
            panel(s, v, m, query, x0, y0, scale);
        }
        int ly = HEADER + rows * panelH + (rows - 1) * GAP + 22;
        s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"240\" height=\"14\" fill=\"url(#ramp)\" stroke=\"#555\" stroke-width=\"0.5\"/>%n", MARGIN, ly));
        s.append(text(MARGIN, ly + 28, 11, "normal", "start", "0"));
        s.append(text(MARGIN + 240, ly + 28, 11, "normal", "end", "panel's largest weight"));
        s.append(text(MARGIN + 256, ly + 12, 12, "normal", "start", "attention weight of the query on the patch · outlined: the query patch"));
        s.append("</svg>\n");
        return s.toString();
    }

    /** A self-contained HTML page around {@link #svg}. */
    public String html(PatchAttentionView v, int query) {
        AttentionView a = v.attention();
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>"
                + SvgAttentionRenderer.esc(a.title() + ": attention of " + v.describe(query) + ", " + a.source())
                + "</title>\n<style>body{margin:0;padding:8px;background:#fff;color:#222;font-family:'DejaVu Sans',Arial,sans-serif}"
                + "svg rect.p:hover{stroke:#000;stroke-width:2}</style>\n</head>\n<body>\n" + svg(v, query) + "</body>\n</html>\n";
    }

    private static void panel(StringBuilder s, PatchAttentionView v, AttentionMap m, int query, int x0, int y0, int scale) {
        int n = m.size();
        double max = 0;
        for (int k = 1; k < n; k++) max = Math.max(max, m.weight(query, k));
        s.append(text(x0, y0 + 15, 13, "bold", "start", "layer " + m.layer() + " · head " + m.head()));
        int gy = y0 + PANEL_TITLE;
        image(s, v, x0, gy, scale);
        int side = v.patch() * scale;
        int font = Math.max(8, Math.min(12, side / 3));
        for (int k = 1; k < n; k++) {
            int i = k - 1, r = i / v.cols(), c = i % v.cols();
            double wgt = m.weight(query, k);
            double rel = max > 0 ? wgt / max : 0;
            int x = x0 + c * side, y = gy + r * side;
            s.append(String.format(Locale.ROOT,
                    "<rect class=\"p\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\" fill-opacity=\"%.3f\"><title>%s</title></rect>%n",
                    x, y, side, side, Heat.hex(rel), 0.15 + 0.6 * rel,
                    SvgAttentionRenderer.esc(String.format(Locale.ROOT, "%s -> %s: %.4f", v.describe(query), v.describe(k), wgt))));
            if (side >= 20) {
                s.append(String.format(Locale.ROOT,
                        "<text x=\"%d\" y=\"%d\" font-size=\"%d\" text-anchor=\"end\" fill=\"%s\" stroke=\"%s\" stroke-width=\"2.5\" paint-order=\"stroke\">%s</text>%n",
                        x + side - 2, y + side - 3, font, "#ffffff", "#000000", String.format(Locale.ROOT, "%.0f", 100 * wgt)));
            }
        }
        grid(s, v, x0, gy, scale, query, "#ffffff");
        s.append(text(x0, gy + v.height() * scale + 16, 11, "normal", "start",
                String.format(Locale.ROOT, "[CLS] gets %.0f%% · top: %s", 100 * m.weight(query, 0), v.describe(argmaxPatch(m, query)))));
    }

    private static int argmaxPatch(AttentionMap m, int query) {
        int best = 1;
        for (int k = 2; k < m.size(); k++) if (m.weight(query, k) > m.weight(query, best)) best = k;
        return best;
    }

    private static void image(StringBuilder s, PatchAttentionView v, int x0, int y0, int scale) {
        s.append(String.format(Locale.ROOT, "<g shape-rendering=\"crispEdges\"><rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"#000000\"/>%n",
                x0, y0, v.width() * scale, v.height() * scale));
        for (int r = 0; r < v.height(); r++) {
            for (int c = 0; c < v.width(); c++) {
                double px = Math.max(0, Math.min(1, v.pixel(r, c)));
                if (px <= 0) continue;
                int g = (int) Math.round(255 * px);
                s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"#%02x%02x%02x\"/>%n",
                        x0 + c * scale, y0 + r * scale, scale, scale, g, g, g));
            }
        }
        s.append("</g>\n");
    }

    private static void grid(StringBuilder s, PatchAttentionView v, int x0, int y0, int scale, int query, String colour) {
        int side = v.patch() * scale;
        for (int r = 0; r <= v.rows(); r++) {
            s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"0.6\" stroke-opacity=\"0.6\"/>%n",
                    x0, y0 + r * side, x0 + v.cols() * side, y0 + r * side, colour));
        }
        for (int c = 0; c <= v.cols(); c++) {
            s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"0.6\" stroke-opacity=\"0.6\"/>%n",
                    x0 + c * side, y0, x0 + c * side, y0 + v.rows() * side, colour));
        }
        if (query > 0) {
            int i = query - 1;
            s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#ff3b30\" stroke-width=\"3\" stroke-dasharray=\"6 3\"/>%n",
                    x0 + (i % v.cols()) * side + 1, y0 + (i / v.cols()) * side + 1, side - 2, side - 2));
        }
    }

    private static String text(int x, int y, int size, String weight, String anchor, String content) {
        return String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"%d\" font-weight=\"%s\" text-anchor=\"%s\">%s</text>%n",
                x, y, size, weight, anchor, SvgAttentionRenderer.esc(content));
    }
}
