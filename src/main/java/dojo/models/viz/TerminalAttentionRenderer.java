package dojo.models.viz;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Draws an {@link AttentionView} for a terminal: one block per (layer, head) with the query tokens down
 * the left and the key tokens across the top, each cell shaded by its weight (Unicode block shades, or a
 * 256-colour background when {@code color}). Blocks sit side by side as far as {@code width} allows; a map
 * wider than the terminal shows its first keys and says how many it hides. Without colour the output
 * contains no escape codes.
 */
public final class TerminalAttentionRenderer {

    private static final String ESC = "\u001b[";
    private static final int CELL = 3;        // " " + two characters per key
    private static final int GAP = 4;

    private final boolean color;
    private final int width;

    public TerminalAttentionRenderer(boolean color, int width) {
        if (width < 20) throw new IllegalArgumentException("width must be at least 20, was " + width);
        this.color = color;
        this.width = width;
    }

    private record Line(String text, int visible) {
    }

    public String render(AttentionView v) {
        StringBuilder sb = new StringBuilder();
        StringBuilder head = new StringBuilder();         // plain text, wrapped to the width below
        int pads = v.tokens().size() - v.realLength();
        head.append(v.title()).append(" · ").append(v.source());
        if (v.trueLabel() >= 0) head.append(" (label ").append(v.trueLabel()).append(" \"").append(v.classes().get(v.trueLabel())).append("\")");
        head.append('\n');
        List<String> real = new ArrayList<>();
        for (int i = 0; i < v.tokens().size(); i++) if (!v.isPadding(i)) real.add(printable(v.tokens().get(i)));
        head.append("tokens: ").append(String.join(" ", real));
        if (pads > 0) head.append("  + ").append(pads).append(" padding position").append(pads == 1 ? "" : "s");
        head.append('\n');
        if (!v.classes().isEmpty()) {
            int p = v.predicted();
            head.append(String.format(Locale.ROOT, "prediction: %d \"%s\" p = %.4f", p, v.classes().get(p), v.probabilities()[p]));
            // up to 3 classes: all of them, in class order; more (the generator's 10 digits): the two runners-up,
            // then how many are left and their bound, so the line stays readable
            List<Integer> others = new ArrayList<>();
            for (int c = 0; c < v.classes().size(); c++) if (c != p) others.add(c);
            double[] prob = v.probabilities();
            if (others.size() > 2) others.sort((x, y) -> Double.compare(prob[y], prob[x]));
            int shown = v.classes().size() <= 3 ? others.size() : 2;
            for (int c : others.subList(0, shown)) {
                head.append(String.format(Locale.ROOT, "   (%d \"%s\" p = %.4f)", c, v.classes().get(c), prob[c]));
            }
            if (shown < others.size()) {
                head.append(String.format(Locale.ROOT, "   (%d others, each p <= %.4f)", others.size() - shown, prob[others.get(shown)]));
            }
            if (v.trueLabel() >= 0) head.append(v.trueLabel() == p ? "   correct" : "   WRONG");
            head.append('\n');
        }
        for (String line : head.toString().split("\n")) sb.append(wrap(line, width)).append('\n');
        sb.append("rows = query, columns = key; each real row sums to 1 over the real keys\n");
        sb.append("scale:");
        for (int i = 0; i < Heat.SHADES.length; i++) {
            boolean last = i + 1 == Heat.BOUNDS.length;
            double mid = last ? 0.85 : (Heat.BOUNDS[i] + Heat.BOUNDS[i + 1]) / 2;
            String bound = last ? String.format(Locale.ROOT, ">=%s", Heat.BOUNDS[i]) : String.format(Locale.ROOT, "<%s", Heat.BOUNDS[i + 1]);
            sb.append(" [").append(cell(mid, false).text().substring(1)).append("] ").append(bound);
        }
        sb.append(" [··] padding\n");
        for (String l : v.layerLines()) sb.append(fit(printable(l), width)).append('\n');

        List<List<Line>> blocks = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (AttentionMap m : v.maps()) blocks.add(block(v, m, notes));
        int blockWidth = blocks.stream().flatMap(List::stream).mapToInt(Line::visible).max().orElse(0);
        int perRow = Math.max(1, (width + GAP) / (blockWidth + GAP));
        // rows of blocks; with named layers (maps of different shapes) each layer starts a new row
        List<List<List<Line>>> rows = new ArrayList<>();
        for (int i = 0; i < blocks.size(); i++) {
            boolean newLayer = i > 0 && v.namedLayers() && v.maps().get(i).layer() != v.maps().get(i - 1).layer();
            if (rows.isEmpty() || rows.get(rows.size() - 1).size() == perRow || newLayer) rows.add(new ArrayList<>());
            rows.get(rows.size() - 1).add(blocks.get(i));
        }
        for (List<List<Line>> row : rows) {
            sb.append('\n');
            int height = row.stream().mapToInt(List::size).max().orElse(0);
            for (int y = 0; y < height; y++) {
                StringBuilder line = new StringBuilder();
                for (int b = 0; b < row.size(); b++) {
                    Line l = y < row.get(b).size() ? row.get(b).get(y) : new Line("", 0);
                    line.append(l.text());
                    if (b + 1 < row.size()) line.append(" ".repeat(blockWidth - l.visible() + GAP));
                }
                sb.append(line.toString().stripTrailing()).append('\n');
            }
        }
        if (!notes.isEmpty()) {
            sb.append('\n');
            for (String note : notes) sb.append(note).append('\n');
        }
        return sb.toString();
    }

    private List<Line> block(AttentionView v, AttentionMap m, List<String> notes) {
        AttentionView.Layer d = v.layer(m.layer());
        int rows = m.rows();
        int n = m.cols();
        int labelWidth = 0;
        for (String t : d.queries()) labelWidth = Math.max(labelWidth, Math.min(t.length(), 8));
        int shown = n;
        if (labelWidth + 1 + n * CELL > width) {
            shown = Math.max(1, (width - labelWidth - 1 - CELL) / CELL);
            String note = v.namedLayers()
                    ? "(layer " + m.layer() + ": each map shows its first " + shown + " of " + n + " keys to fit " + width
                            + " columns; --format html shows all of them)"
                    : "(each map shows its first " + shown + " of " + n + " keys to fit " + width
                            + " columns; --format html shows all of them)";
            if (v.namedLayers() ? !notes.contains(note) : notes.isEmpty()) notes.add(note);
        }
        List<Line> lines = new ArrayList<>();
        String title = fit(v.headline(m), width);
        lines.add(new Line(title, title.length()));
        for (String h : header(d, labelWidth, shown, n)) lines.add(new Line(h, h.length()));
        for (int q = 0; q < rows; q++) {
            StringBuilder text = new StringBuilder();
            String label = printable(d.queries().get(q));
            if (label.length() > labelWidth) label = label.substring(0, labelWidth - 1) + "…";
            text.append(" ".repeat(labelWidth - label.length())).append(label).append(' ');
            int visible = labelWidth + 1;
            for (int k = 0; k < shown; k++) {
                Line c = cell(m.weight(q, k), d.isPaddedKey(k));
                text.append(c.text());
                visible += c.visible();
            }
            if (shown < n) {
                text.append("  …");
                visible += 3;
            }
            lines.add(new Line(text.toString(), visible));
        }
        return lines;
    }

    /**
     * The column labels over the cells: one line when every key label fits the two characters of a column
     * (token ids), else each label written downwards over its column, all starting on the first line (at most
     * 8 characters: patch cells "r0c1", words; a space shown as "·"), so that keys such as "r0c0" and "r0c1"
     * stay apart.
     */
    private static List<String> header(AttentionView.Layer d, int labelWidth, int shown, int n) {
        int tall = 1;
        for (int k = 0; k < shown; k++) {
            if (!d.isPaddedKey(k)) tall = Math.max(tall, Math.min(8, printable(d.keys().get(k)).codePointCount(0, printable(d.keys().get(k)).length())));
        }
        if (tall <= 2) {
            StringBuilder header = new StringBuilder(" ".repeat(labelWidth + 1));
            for (int k = 0; k < shown; k++) header.append(' ').append(columnLabel(d, k));
            if (shown < n) header.append("  …");
            return List.of(header.toString());
        }
        List<String> out = new ArrayList<>();
        for (int y = 0; y < tall; y++) {
            StringBuilder line = new StringBuilder(" ".repeat(labelWidth + 1));
            for (int k = 0; k < shown; k++) {
                if (d.isPaddedKey(k)) {
                    line.append(y + 1 == tall ? " ··" : "   ");
                    continue;
                }
                // a space written downwards would leave a blank-looking header line ("r0c0 square"): a dot
                int[] cps = printable(d.keys().get(k)).codePoints().map(c -> c == ' ' ? '·' : c).toArray();
                if (cps.length > tall) {
                    cps = java.util.Arrays.copyOf(cps, tall);
                    cps[tall - 1] = '…';
                }
                line.append(' ');
                if (y < cps.length) line.appendCodePoint(cps[y]);
                else line.append(' ');
                line.append(' ');
            }
            if (shown < n && y + 1 == tall) line.append("  …");
            out.add(y + 1 == tall ? line.toString() : line.toString().stripTrailing());
        }
        return out;
    }

    private static String columnLabel(AttentionView.Layer d, int k) {
        if (d.isPaddedKey(k)) return "··";
        String t = printable(d.keys().get(k));
        if (t.length() > 2) t = t.charAt(0) + "…";
        return " ".repeat(2 - t.length()) + t;
    }

    /**
     * {@code s} broken at spaces into lines of at most {@code width} characters, continuation lines indented by
     * two (a word longer than a line is cut); unchanged when it fits.
     */
    static String wrap(String s, int width) {
        if (s.length() <= width) return s;
        StringBuilder out = new StringBuilder();
        int start = 0;
        String indent = "";
        while (s.length() - start > width - indent.length()) {
            int limit = start + width - indent.length();
            int cut = s.lastIndexOf(' ', limit);
            if (cut <= start) cut = limit;
            out.append(indent).append(s.substring(start, cut).stripTrailing()).append('\n');
            start = cut;
            while (start < s.length() && s.charAt(start) == ' ') start++;
            indent = "  ";
        }
        return out.append(indent).append(s.substring(start)).toString();
    }

    /** {@code s} cut to {@code width} characters, ending in "…" when cut. */
    private static String fit(String s, int width) {
        return s.length() <= width ? s : s.substring(0, width - 1) + "…";
    }

    /** A label without control characters (a terminal would act on them). */
    private static String printable(String s) {
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(c -> b.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return b.toString();
    }

    private Line cell(double w, boolean padKey) {
        if (padKey) return new Line(" ··", CELL);
        if (color) return new Line(" " + ESC + "48;5;" + Heat.stepColour(w) + "m  " + ESC + "0m", CELL);
        char s = Heat.shade(w);
        return new Line(" " + s + s, CELL);
    }
}
