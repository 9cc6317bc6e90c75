package dojo.models.report;

import dojo.models.TrainResult;
import java.util.List;
import java.util.Locale;

/**
 * The training curve as a standalone SVG: left panel training loss per step (a moving average of 25
 * steps, raw values faint), right panel the validation metric at each evaluation, with the target as a
 * dashed line; one colour per run. A pure function of its inputs (no clock, no I/O).
 */
public final class CurveSvg {

    /** One run to draw. */
    public record Series(String label, TrainResult result) {
    }

    private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd"};
    private static final int W = 900, H = 380, PW = 380, PH = 260, TOP = 60, LEFT1 = 60, LEFT2 = 500;

    private CurveSvg() {
    }

    public static String render(String title, String metricName, double target, List<Series> series) {
        int maxStep = Math.max(1, series.stream().mapToInt(s -> s.result().steps()).max().orElse(1));
        double maxLoss = 0;
        for (Series s : series) for (TrainResult.Point p : s.result().curve()) if (Double.isFinite(p.loss())) maxLoss = Math.max(maxLoss, p.loss());
        maxLoss = maxLoss <= 0 ? 1 : niceCeil(maxLoss);
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n", W, H, W, H));
        b.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"24\" font-size=\"16\" font-weight=\"bold\">%s</text>%n", LEFT1, esc(title)));
        axes(b, LEFT1, "training loss", 0, maxLoss, maxStep);
        axes(b, LEFT2, "validation " + metricName, 0, 1, maxStep);
        if (Double.isFinite(target) && target >= 0 && target <= 1) {
            double y = TOP + PH - target * PH;
            b.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#555\" stroke-dasharray=\"6 4\"/>%n", LEFT2, y, LEFT2 + PW, y));
            b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" fill=\"#555\">target %s</text>%n", LEFT2 + 4, y - 4, num(target)));
        }
        for (int i = 0; i < series.size(); i++) {
            String colour = COLOURS[i % COLOURS.length];
            List<TrainResult.Point> curve = series.get(i).result().curve();
            StringBuilder raw = new StringBuilder(), smooth = new StringBuilder(), val = new StringBuilder();
            double window = 0;
            for (int k = 0; k < curve.size(); k++) {
                TrainResult.Point p = curve.get(k);
                double x1 = LEFT1 + PW * (double) p.step() / maxStep;
                window += p.loss();
                if (k >= 25) window -= curve.get(k - 25).loss();
                double avg = window / Math.min(k + 1, 25);
                point(raw, x1, TOP + PH - Math.min(p.loss(), maxLoss) / maxLoss * PH);
                point(smooth, x1, TOP + PH - Math.min(avg, maxLoss) / maxLoss * PH);
                if (!Double.isNaN(p.validation())) point(val, LEFT2 + PW * (double) p.step() / maxStep, TOP + PH - p.validation() * PH);
            }
            b.append(String.format("<polyline fill=\"none\" stroke=\"%s\" stroke-opacity=\"0.25\" points=\"%s\"/>%n", colour, raw));
            b.append(String.format("<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"%s\"/>%n", colour, smooth));
            b.append(String.format("<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"%s\"/>%n", colour, val));
            TrainResult r = series.get(i).result();
            b.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"14\" height=\"4\" fill=\"%s\"/>%n", LEFT1, TOP + PH + 36 + 18 * i, colour));
            b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s: test %s %s after %d steps</text>%n", LEFT1 + 20, TOP + PH + 42 + 18 * i,
                    esc(series.get(i).label()), esc(metricName), num(r.test()), r.steps()));
        }
        b.append("</svg>\n");
        return b.toString();
    }

    private static void axes(StringBuilder b, int left, String label, double lo, double hi, int maxStep) {
        b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-weight=\"bold\">%s</text>%n", left, TOP - 10, esc(label)));
        b.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#999\"/>%n", left, TOP, PW, PH));
        for (int t = 0; t <= 4; t++) {
            double v = lo + (hi - lo) * t / 4;
            double y = TOP + PH - PH * t / 4.0;
            b.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#eee\"/>%n", left, y, left + PW, y));
            b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n", left - 4, y + 4, num(v)));
            int step = Math.round((float) maxStep * t / 4);
            b.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%d</text>%n", left + PW * t / 4.0, TOP + PH + 16, step));
        }
        b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">step</text>%n", left + PW / 2, TOP + PH + 30));
    }

    private static void point(StringBuilder sb, double x, double y) {
        sb.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
    }

    private static double niceCeil(double v) {
        double p = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {1, 2, 2.5, 5, 10}) if (m * p >= v) return m * p;
        return 10 * p;
    }

    static String num(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.3f", v).replaceAll("0+$", "").replaceAll("\\.$", ".0");
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
