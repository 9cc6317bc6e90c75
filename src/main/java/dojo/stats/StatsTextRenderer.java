package dojo.stats;

import dojo.stats.StatsReport.Accuracy;
import dojo.stats.StatsReport.DayCount;
import dojo.stats.StatsReport.TagStats;
import dojo.terminal.Messages;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The terminal form of a {@link StatsReport}: a compact summary, a reviews-per-day bar chart drawn
 * with Unicode block characters, and mastery bars per tag. It only formats: every number comes from
 * the report, every word from {@link Messages} in the interface language. Without colour it emits no
 * ANSI escape codes at all.
 */
public final class StatsTextRenderer {

    private static final String EIGHTHS_UP = " ▁▂▃▄▅▆▇█";
    private static final String EIGHTHS_RIGHT = " ▏▎▍▌▋▊▉█";
    private static final int CHART_ROWS = 4;
    private static final int MIN_WIDTH = 40;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MM-dd", Locale.ROOT);

    private StatsTextRenderer() {}

    /**
     * @param ui    the interface language's wording
     * @param color whether to use ANSI colours (off for NO_COLOR or a non-terminal)
     * @param width the terminal width in columns (at least 40 is assumed)
     * @return the report, lines separated by '\n', without a trailing newline
     */
    public static String render(StatsReport r, Messages ui, boolean color, int width) {
        int w = Math.max(width, MIN_WIDTH);
        Style s = new Style(color);
        List<String> out = new ArrayList<>();

        String title = s.bold(ui.statsTitle());
        String when = ui.statsWhen(r.today().toString(), r.zone());
        if (displayWidth(title + "  " + when) <= w) {
            out.add(title + "  " + when);
        } else {
            out.add(title);
            out.add(fit(when, w));
        }
        StatsReport.Counts c = r.counts();
        wrap(out, w, List.of(
                ui.statsDueNow(c.dueNow() > 0 ? s.yellow(s.bold(Integer.toString(c.dueNow()))) : "0"),
                ui.statsDueToday(c.dueToday()),
                ui.statsNew(c.newCount(), c.questions()),
                ui.statsHistory(c.reviews())));
        wrap(out, w, List.of(
                ui.statsAccuracy(accuracy(ui, r.accuracy().overall())),
                ui.statsLast7Days(accuracy(ui, r.accuracy().last7Days()))));
        wrap(out, w, List.of(
                ui.statsStreak(r.streak().currentDays()),
                ui.statsLongest(r.streak().longestDays())));

        out.add("");
        chart(out, r.reviewsPerDay(), ui, s, w);

        if (!r.tags().isEmpty()) {
            out.add("");
            tags(out, r.tags(), ui, s, w);
        }
        if (!r.orphaned().isEmpty()) {
            out.add("");
            out.add(fit(s.dim(ui.statsOrphaned()), w));
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < r.orphaned().size(); i++) {
                ids.add(truncate(r.orphaned().get(i), w - 4) + (i < r.orphaned().size() - 1 ? "," : ""));
            }
            wrap(out, w, ids, " ");
        }
        return String.join("\n", out);
    }

    private static void chart(List<String> out, List<DayCount> days, Messages ui, Style s, int w) {
        int max = 0;
        for (DayCount d : days) max = Math.max(max, d.reviews());
        out.add(fit(s.bold(ui.statsChartTitle()) + ui.statsChartSpan(days.size()), w));
        if (max == 0) {
            out.add(fit("  " + ui.statsChartEmpty(), w));
            return;
        }
        String maxLabel = Integer.toString(max);
        int gutter = maxLabel.length() + 3; // "  12" + " " before the axis
        int col = w - gutter - 1 >= 2 * days.size() ? 2 : 1;
        for (int row = CHART_ROWS - 1; row >= 0; row--) {
            StringBuilder line = new StringBuilder();
            String label = row == CHART_ROWS - 1 ? maxLabel : "";
            line.append(" ".repeat(gutter - 1 - label.length())).append(label).append(" │");
            StringBuilder bars = new StringBuilder();
            for (DayCount d : days) {
                long eighths = Math.round((double) d.reviews() / max * CHART_ROWS * 8);
                if (d.reviews() > 0 && eighths == 0) eighths = 1; // any activity stays visible
                int cell = (int) Math.max(0, Math.min(8, eighths - row * 8L));
                bars.append(EIGHTHS_UP.charAt(cell));
                if (col == 2) bars.append(' ');
            }
            out.add(line + s.cyan(stripRight(bars.toString())));
        }
        out.add(" ".repeat(gutter - 2) + "0 └" + "─".repeat(days.size() * col));
        String first = DAY.format(days.get(0).date());
        String last = DAY.format(days.get(days.size() - 1).date());
        int span = days.size() * col - (col - 1);
        int pad = Math.max(1, span - first.length() - last.length());
        out.add(" ".repeat(gutter + 1) + first + " ".repeat(pad) + last);
    }

    private static void tags(List<String> out, List<TagStats> tags, Messages ui, Style s, int w) {
        int nameWidth = 3;
        for (TagStats t : tags) nameWidth = Math.max(nameWidth, displayWidth(t.tag()));
        nameWidth = Math.min(nameWidth, Math.max(10, w / 4));
        int tailWidth = 0;
        for (TagStats t : tags) tailWidth = Math.max(tailWidth, displayWidth(tail(ui, t, true)));
        // narrow terminals drop the accuracy column before squeezing the bars below 5 cells
        boolean withAccuracy = 2 + nameWidth + 2 + 5 + tailWidth <= w;
        if (!withAccuracy) {
            tailWidth = 0;
            for (TagStats t : tags) tailWidth = Math.max(tailWidth, displayWidth(tail(ui, t, false)));
        }
        int barWidth = Math.max(5, Math.min(20, w - 2 - nameWidth - 2 - tailWidth));
        String titleText = ui.statsTagsTitle();
        String titled = Messages.join(titleText, ui.statsTagsLegend(withAccuracy));
        String title = displayWidth(titled) <= w
                ? s.bold(titleText) + titled.substring(titleText.length())
                : fit(s.bold(titleText), w);
        out.add(title);
        for (TagStats t : tags) {
            String name = padRight(truncate(t.tag(), nameWidth), nameWidth);
            String bar = bar(t.mastery(), barWidth);
            String colored = t.reviewed() == 0 ? s.dim(bar)
                    : t.mastery() >= 0.8 ? s.green(bar)
                    : t.mastery() >= 0.5 ? s.yellow(bar)
                    : s.red(bar);
            out.add(fit("  " + name + "  " + colored + tail(ui, t, withAccuracy), w));
        }
    }

    private static String tail(Messages ui, TagStats t, boolean withAccuracy) {
        String tail = "  " + padLeft(percent(t.mastery()), 4) + "  " + ui.statsTagReviewed(t.reviewed(), t.questions());
        return withAccuracy ? tail + "  " + ui.statsTagAccuracy(padLeft(share(t.accuracy()), 4)) : tail;
    }

    private static String bar(double fraction, int width) {
        long eighths = Math.round(Math.max(0, Math.min(1, fraction)) * width * 8);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < width; i++) {
            int cell = (int) Math.max(0, Math.min(8, eighths - i * 8L));
            b.append(cell == 0 ? '░' : EIGHTHS_RIGHT.charAt(cell));
        }
        return b.toString();
    }

    private static String accuracy(Messages ui, Accuracy a) {
        return ui.statsShare(share(a), a.correct(), a.answers());
    }

    private static String share(Accuracy a) {
        return a.share() == null ? "-" : percent(a.share());
    }

    private static String percent(double x) {
        return Math.round(x * 100) + "%";
    }

    /** Joins items with " · " on as few lines as the width allows, each line indented by two. */
    private static void wrap(List<String> out, int w, List<String> items) {
        wrap(out, w, items, " · ");
    }

    /** Joins items with the separator on as few lines as the width allows, each line indented by two. */
    private static void wrap(List<String> out, int w, List<String> items, String sep) {
        StringBuilder line = new StringBuilder("  ");
        boolean empty = true;
        for (String item : items) {
            if (!empty && displayWidth(line + sep + item) > w) {
                out.add(line.toString());
                line = new StringBuilder("  ");
                empty = true;
            }
            line.append(empty ? "" : sep).append(item);
            empty = false;
        }
        out.add(line.toString());
    }

    private static String fit(String line, int w) {
        return displayWidth(line) <= w ? line : truncate(line, w);
    }

    /** Cuts text to at most {@code max} columns, ending in an ellipsis; ANSI codes are kept whole. */
    static String truncate(String text, int max) {
        if (displayWidth(text) <= max) return text;
        StringBuilder b = new StringBuilder();
        int used = 0;
        boolean hadEscape = false;
        for (int i = 0; i < text.length(); ) {
            if (text.charAt(i) == '\u001b') {
                int end = text.indexOf('m', i);
                end = end < 0 ? text.length() - 1 : end;
                b.append(text, i, end + 1);
                hadEscape = true;
                i = end + 1;
                continue;
            }
            int cp = text.codePointAt(i);
            int cw = codePointWidth(cp);
            if (used + cw > max - 1) break;
            b.appendCodePoint(cp);
            used += cw;
            i += Character.charCount(cp);
        }
        b.append('…');
        if (hadEscape) b.append(Style.RESET);
        return b.toString();
    }

    /** Columns the text takes in a terminal: ANSI codes take none, East Asian wide characters two. */
    static int displayWidth(String text) {
        int width = 0;
        for (int i = 0; i < text.length(); ) {
            if (text.charAt(i) == '\u001b') {
                int end = text.indexOf('m', i);
                i = end < 0 ? text.length() : end + 1;
                continue;
            }
            int cp = text.codePointAt(i);
            width += codePointWidth(cp);
            i += Character.charCount(cp);
        }
        return width;
    }

    private static int codePointWidth(int cp) {
        if (Character.getType(cp) == Character.NON_SPACING_MARK || cp == 0x200B) return 0;
        boolean wide = (cp >= 0x1100 && cp <= 0x115F)
                || (cp >= 0x2E80 && cp <= 0x303E)
                || (cp >= 0x3041 && cp <= 0x33FF)
                || (cp >= 0x3400 && cp <= 0x4DBF)
                || (cp >= 0x4E00 && cp <= 0x9FFF)
                || (cp >= 0xA000 && cp <= 0xA4CF)
                || (cp >= 0xAC00 && cp <= 0xD7A3)
                || (cp >= 0xF900 && cp <= 0xFAFF)
                || (cp >= 0xFE30 && cp <= 0xFE4F)
                || (cp >= 0xFF00 && cp <= 0xFF60)
                || (cp >= 0xFFE0 && cp <= 0xFFE6)
                || (cp >= 0x1F300 && cp <= 0x1F64F)
                || (cp >= 0x20000 && cp <= 0x3FFFD);
        return wide ? 2 : 1;
    }

    private static String padRight(String text, int width) {
        return text + " ".repeat(Math.max(0, width - displayWidth(text)));
    }

    private static String padLeft(String text, int width) {
        return " ".repeat(Math.max(0, width - displayWidth(text))) + text;
    }

    private static String stripRight(String text) {
        return text.replaceAll("\\s+$", "");
    }

    /** ANSI styling that disappears entirely when colour is off. */
    private static final class Style {
        static final String RESET = "\u001b[0m";
        private final boolean on;

        Style(boolean on) {
            this.on = on;
        }

        private String wrap(String code, String text) {
            return on ? "\u001b[" + code + "m" + text + RESET : text;
        }

        String bold(String t) { return wrap("1", t); }
        String dim(String t) { return wrap("2", t); }
        String red(String t) { return wrap("31", t); }
        String green(String t) { return wrap("32", t); }
        String yellow(String t) { return wrap("33", t); }
        String cyan(String t) { return wrap("36", t); }
    }
}
