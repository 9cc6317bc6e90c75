package dojo.models.report;

import java.util.List;
import java.util.Locale;

/**
 * Segmentations side by side as a standalone SVG: one row per image, one panel per column (the input in
 * grey, then label maps: the truth and each model's prediction), pixels as squares, the patch grid as thin
 * lines, a legend of the classes, and on prediction panels a dot on every pixel that differs from the truth.
 * A pure function of its inputs (no clock, no I/O, no model).
 */
public final class SegmentationSvg {

    /** One image: its grey pixels (row-major, 0..1, 0 = empty), the label maps to draw and a caption per map. */
    public record Row(double[] pixels, int height, int width, List<int[]> labelMaps, List<String> captions) {
        public Row {
            if (pixels.length != height * width) {
                throw new IllegalArgumentException(pixels.length + " pixels for a " + height + "x" + width + " image");
            }
            for (int[] m : labelMaps) {
                if (m.length != pixels.length) {
                    throw new IllegalArgumentException("a label map of " + m.length + " pixels for a " + height + "x" + width + " image");
                }
            }
            if (captions.size() != labelMaps.size()) {
                throw new IllegalArgumentException(labelMaps.size() + " label maps but " + captions.size() + " captions");
            }
            pixels = pixels.clone();
            labelMaps = List.copyOf(labelMaps);
            captions = List.copyOf(captions);
        }
    }

    /** Class colours: background light grey, then a colour-blind-safe palette. */
    static final String[] COLOURS = {"#eeeeee", "#d55e00", "#0072b2", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#f0e442"};
    private static final int CELL = 8, GAP = 18, LEFT = 20, TOP = 76, CAPTION = 18;

    private SegmentationSvg() {
    }

    /**
     * @param columnTitles the input's title, then one per label map (the first label map is the truth)
     * @param classNames legend entries, class 0 first
     * @param patch patch side in pixels (grid lines), or 0 for none
     */
    public static String render(String title, List<String> columnTitles, List<String> classNames, int patch, List<Row> rows) {
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("nothing to draw: no rows");
        }
        if (classNames.size() > COLOURS.length) {
            throw new IllegalArgumentException(classNames.size() + " classes, at most " + COLOURS.length + " colours");
        }
        Row first = rows.get(0);
        int maps = first.labelMaps().size();
        if (columnTitles.size() != maps + 1) {
            throw new IllegalArgumentException(columnTitles.size() + " column titles for 1 input + " + maps + " label maps");
        }
        int pw = first.width() * CELL, ph = first.height() * CELL;
        int width = LEFT * 2 + (maps + 1) * pw + maps * GAP;
        int rowHeight = ph + CAPTION + GAP;
        int height = TOP + rows.size() * rowHeight;
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\""
                + " font-family=\"sans-serif\" font-size=\"12\">%n", width, height, width, height));
        b.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"22\" font-size=\"15\" font-weight=\"bold\">%s</text>%n", LEFT, esc(title)));
        int lx = LEFT;
        for (int k = 0; k < classNames.size(); k++) {
            b.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"32\" width=\"12\" height=\"12\" fill=\"%s\" stroke=\"#999\"/>"
                    + "<text x=\"%d\" y=\"43\">%s</text>%n", lx, COLOURS[k], lx + 16, esc(classNames.get(k))));
            lx += 24 + 7 * classNames.get(k).length();
        }
        b.append(String.format(Locale.ROOT, "<circle cx=\"%d\" cy=\"38\" r=\"2\" fill=\"black\"/><text x=\"%d\" y=\"43\">wrong pixel</text>%n",
                lx + 6, lx + 14));
        for (int c = 0; c <= maps; c++) {
            b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"66\" font-weight=\"bold\">%s</text>%n", x0(c, pw), esc(columnTitles.get(c))));
        }
        for (int r = 0; r < rows.size(); r++) {
            Row row = rows.get(r);
            if (row.height() != first.height() || row.width() != first.width() || row.labelMaps().size() != maps) {
                throw new IllegalArgumentException("row " + r + " differs in size or number of maps from row 0");
            }
            int y0 = TOP + r * rowHeight;
            b.append("<g>\n");
            for (int i = 0; i < row.pixels().length; i++) {
                double v = Math.max(0, Math.min(1, row.pixels()[i]));
                int grey = (int) Math.round(255 * (1 - v));
                pixel(b, x0(0, pw), y0, i % row.width(), i / row.width(), String.format(Locale.ROOT, "#%02x%02x%02x", grey, grey, grey));
            }
            grid(b, x0(0, pw), y0, row, patch);
            int[] truth = row.labelMaps().get(0);
            for (int m = 0; m < maps; m++) {
                int[] labels = row.labelMaps().get(m);
                int x = x0(m + 1, pw);
                for (int i = 0; i < labels.length; i++) {
                    if (labels[i] < 0 || labels[i] >= classNames.size()) {
                        throw new IllegalArgumentException("row " + r + ", map " + m + ": label " + labels[i] + " at pixel " + i
                                + " has no class name");
                    }
                    pixel(b, x, y0, i % row.width(), i / row.width(), COLOURS[labels[i]]);
                }
                grid(b, x, y0, row, patch);
                if (m > 0) {
                    for (int i = 0; i < labels.length; i++) {
                        if (labels[i] != truth[i]) {
                            b.append(String.format(Locale.ROOT, "<circle cx=\"%d\" cy=\"%d\" r=\"2\" fill=\"black\"/>",
                                    x + (i % row.width()) * CELL + CELL / 2, y0 + (i / row.width()) * CELL + CELL / 2));
                        }
                    }
                    b.append('\n');
                }
                b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"#333\">%s</text>%n", x, y0 + ph + 14,
                        esc(row.captions().get(m))));
            }
            b.append("</g>\n");
        }
        b.append("</svg>\n");
        return b.toString();
    }

    private static int x0(int column, int pw) {
        return LEFT + column * (pw + GAP);
    }

    private static void pixel(StringBuilder b, int x, int y, int col, int row, String fill) {
        b.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"/>", x + col * CELL, y + row * CELL,
                CELL, CELL, fill));
    }

    private static void grid(StringBuilder b, int x, int y, Row row, int patch) {
        int w = row.width() * CELL, h = row.height() * CELL;
        b.append(String.format(Locale.ROOT, "%n<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#888\"/>%n", x, y, w, h));
        if (patch > 0) {
            for (int c = patch; c < row.width(); c += patch) {
                b.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#bbb\" stroke-width=\"0.5\"/>",
                        x + c * CELL, y, x + c * CELL, y + h));
            }
            for (int r = patch; r < row.height(); r += patch) {
                b.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#bbb\" stroke-width=\"0.5\"/>",
                        x, y + r * CELL, x + w, y + r * CELL));
            }
            b.append('\n');
        }
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
