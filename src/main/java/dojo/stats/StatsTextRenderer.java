package dojo.stats;

import dojo.stats.StatsReport.Accuracy;
import dojo.stats.StatsReport.BankStats;
import dojo.stats.StatsReport.DayCount;
import dojo.stats.StatsReport.TagStats;
import dojo.terminal.Messages;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The terminal form of a {@link StatsReport}: a compact summary, a reviews-per-day bar chart drawn
 * with Unicode block characters, mastery bars per topic (bank), then the weakest reviewed tags (or
 * every tag, {@link TagRows}). It only formats: every number comes from the report, every word from
 * {@link Messages} in the interface language. Without colour it emits no ANSI escape codes at all.
 */
public final class StatsTextRenderer {

    private static final String EIGHTHS_UP = " ▁▂▃▄▅▆▇█";
    private static final String EIGHTHS_RIGHT = " ▏▎▍▌▋▊▉█";
    private static final int CHART_ROWS = 4;
    private static final int MIN_WIDTH = 40;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MM-dd", Locale.ROOT);
    /** Commands named in hints: the same in every language. */
    static final String QUIZ_COMMAND = "./dojo quiz";
    static final String REVIEW_COMMAND = "./dojo review";
    static final String ALL_TAGS_COMMAND = "./dojo stats --tags all";
    /**
     * Weakest reviewed tags first: lowest recall among the questions you have reviewed (a big tag you
     * have barely started is not "weak", it is new), then lowest mastery, then by name.
     */
    static final Comparator<TagStats> WEAKEST = Comparator.comparingDouble(TagStats::reviewedRecall)
            .thenComparingDouble(TagStats::mastery)
            .thenComparing(TagStats::tag);

    private StatsTextRenderer() {}

    /** The report with the default tag rows, the {@value TagRows#DEFAULT_LIMIT} weakest reviewed tags. */
    public static String render(StatsReport r, Messages ui, boolean color, int width) {
        return render(r, ui, color, width, TagRows.defaults());
    }

    /**
     * @param ui      the interface language's wording
     * @param color   whether to use ANSI colours (off for NO_COLOR or a non-terminal)
     * @param width   the terminal width in columns (at least 40 is assumed)
     * @param tagRows which tags to list
     * @return the report, lines separated by '\n', without a trailing newline
     */
    public static String render(StatsReport r, Messages ui, boolean color, int width, TagRows tagRows) {
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

        List<Row> topics = new ArrayList<>();
        for (BankStats b : r.banks()) topics.add(new Row(b.title(), b.questions(), b.reviewed(), b.mastery(), b.accuracy()));
        TagSection tags = tagSection(r, tagRows);
        List<Row> all = new ArrayList<>(topics);
        all.addAll(tags.rows());
        Layout layout = Layout.of(all, ui, w); // one layout, so the bars of both sections line up
        if (!topics.isEmpty()) {
            out.add("");
            section(out, ui.statsTopicsTitle(), topics, layout, ui, s, w);
        }
        tags(out, r, tags, layout, ui, s, w);
        if (!r.orphaned().isEmpty()) {
            out.add("");
            for (String line : lines(ui.statsOrphaned(), w)) out.add(s.dim(line));
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

    /**
     * The tag rows to list: every tag by name ({@code --tags all}), else the weakest reviewed tags (none
     * while nothing is reviewed; a tag whose row reads 100% and that was never answered wrong is not weak
     * and is left out), with how many
     * tags are left out.
     */
    private static TagSection tagSection(StatsReport r, TagRows tagRows) {
        if (tagRows.all()) return new TagSection(true, rows(r.tags()), 0, 0);
        if (r.counts().reviewed() == 0) return new TagSection(false, List.of(), 0, 0);
        List<TagStats> reviewed = r.tags().stream().filter(t -> t.reviewed() > 0).filter(t -> !alwaysRight(t))
                .sorted(WEAKEST).toList();
        List<TagStats> shown = reviewed.subList(0, Math.min(tagRows.limit(), reviewed.size()));
        int allReviewed = (int) r.tags().stream().filter(t -> t.reviewed() > 0).count();
        return new TagSection(false, rows(shown), r.tags().size() - shown.size(), allReviewed - shown.size());
    }

    /**
     * The row would read 100% (mastery) and every answer was right: nothing is being forgotten, nothing new
     * is left and nothing was missed, so the tag is not weak. (A tag answered wrong a minute ago also reads
     * 100%, FSRS's recall right after a review; it stays listed.)
     */
    static boolean alwaysRight(TagStats t) {
        return Math.round(t.mastery() * 100) >= 100 && t.accuracy().answers() > 0
                && t.accuracy().correct() == t.accuracy().answers();
    }

    /**
     * @param all            every tag by name, not the weakest
     * @param hidden         tags left out, reviewed or not
     * @param hiddenReviewed how many of those have been reviewed
     */
    private record TagSection(boolean all, List<Row> rows, int hidden, int hiddenReviewed) {}

    /**
     * The tag rows, then a line saying how many tags are left out and how to see them; with nothing
     * reviewed yet, a hint where to start instead.
     */
    private static void tags(List<String> out, StatsReport r, TagSection tags, Layout layout, Messages ui, Style s,
            int w) {
        if (!tags.all() && r.counts().reviewed() == 0) {
            if (r.counts().questions() == 0) return;
            out.add("");
            out.addAll(lines(ui.statsNoReviews(QUIZ_COMMAND, REVIEW_COMMAND), w));
            return;
        }
        if (tags.rows().isEmpty() && tags.hidden() == 0) return;
        out.add("");
        if (!tags.rows().isEmpty()) {
            section(out, tags.all() ? ui.statsTagsTitle() : ui.statsWeakestTitle(), tags.rows(), layout, ui, s, w);
        }
        if (tags.hidden() > 0) {
            String count = ui.statsTagsMore(tags.hidden(), tags.hiddenReviewed());
            String how = ui.statsTagsHow(ALL_TAGS_COMMAND);
            String more = Messages.join(count, how);
            // one line where it fits, else broken between the count and the command before anywhere else
            List<String> text = new ArrayList<>();
            if (displayWidth(more) <= w - 2) {
                text.add(more);
            } else {
                text.addAll(lines(count, w - 2));
                text.addAll(lines(how, w - 2));
            }
            for (String line : text) out.add("  " + s.dim(line));
        }
    }

    private static List<Row> rows(List<TagStats> tags) {
        List<Row> rows = new ArrayList<>();
        for (TagStats t : tags) rows.add(new Row(t.tag(), t.questions(), t.reviewed(), t.mastery(), t.accuracy()));
        return rows;
    }

    /** One line of a mastery section: a topic or a tag. */
    private record Row(String name, int questions, int reviewed, double mastery, Accuracy accuracy) {}

    /** Column widths shared by the mastery sections. */
    private record Layout(int nameWidth, int barWidth, boolean withAccuracy) {

        /**
         * Names get up to half the width while a 10-cell bar and the accuracy column still fit; then
         * names shrink (not below 10 columns), then the bar (not below 5 cells), and only then is the
         * accuracy column dropped.
         */
        static Layout of(List<Row> rows, Messages ui, int w) {
            int natural = 3;
            int full = 0;
            int shortTail = 0;
            for (Row t : rows) {
                natural = Math.max(natural, displayWidth(t.name()));
                full = Math.max(full, displayWidth(tail(ui, t, true)));
                shortTail = Math.max(shortTail, displayWidth(tail(ui, t, false)));
            }
            int name = Math.min(natural, Math.max(10, w / 2));
            int floor = Math.min(natural, 10);
            int room = w - 2 - 2 - full; // for the name and the bar
            if (room - 10 < name) {
                if (room - 10 >= floor) {
                    name = room - 10;
                } else if (room - 5 >= floor) {
                    name = Math.min(name, room - 5);
                } else {
                    room = w - 2 - 2 - shortTail;
                    name = Math.max(Math.min(name, 6), Math.min(name, room - 5));
                    return new Layout(name, Math.max(5, Math.min(20, room - name)), false);
                }
            }
            return new Layout(name, Math.max(5, Math.min(20, room - name)), true);
        }
    }

    /** A titled block of mastery bars. */
    private static void section(List<String> out, String titleText, List<Row> rows, Layout layout, Messages ui,
            Style s, int w) {
        String titled = Messages.join(titleText, ui.statsTagsLegend(layout.withAccuracy()));
        String title = displayWidth(titled) <= w
                ? s.bold(titleText) + titled.substring(titleText.length())
                : fit(s.bold(titleText), w);
        out.add(title);
        for (Row t : rows) {
            String name = padRight(truncate(t.name(), layout.nameWidth()), layout.nameWidth());
            String bar = bar(t.mastery(), layout.barWidth());
            String colored = t.reviewed() == 0 ? s.dim(bar)
                    : t.mastery() >= 0.8 ? s.green(bar)
                    : t.mastery() >= 0.5 ? s.yellow(bar)
                    : s.red(bar);
            out.add(fit("  " + name + "  " + colored + tail(ui, t, layout.withAccuracy()), w));
        }
    }

    private static String tail(Messages ui, Row t, boolean withAccuracy) {
        String tail = "  " + padLeft(percent(t.mastery()), 4) + "  " + ui.statsTagReviewed(t.reviewed(), t.questions());
        return withAccuracy ? tail + "  " + ui.statsTagAccuracy(padLeft(share(t.accuracy()), 4)) : tail;
    }

    /**
     * Plain text broken into lines of at most {@code max} columns: after a space, or after a wide
     * (Chinese) character unless closing punctuation follows; a word longer than a line is cut.
     */
    static List<String> lines(String text, int max) {
        List<String> lines = new ArrayList<>();
        String rest = text;
        while (displayWidth(rest) > max) {
            int used = 0;
            int i = 0;
            int lastBreak = -1;
            while (i < rest.length()) {
                int cp = rest.codePointAt(i);
                int cw = codePointWidth(cp);
                if (used + cw > max) break;
                used += cw;
                i += Character.charCount(cp);
                if (cp == ' ') lastBreak = i;
                else if (cw == 2 && i < rest.length() && CLOSING.indexOf(rest.codePointAt(i)) < 0) lastBreak = i;
            }
            int at = lastBreak > 0 ? lastBreak : Math.max(i, Character.charCount(rest.codePointAt(0)));
            lines.add(rest.substring(0, at).stripTrailing());
            rest = rest.substring(at).stripLeading();
        }
        if (!rest.isEmpty() || lines.isEmpty()) lines.add(rest);
        return lines;
    }

    /** Punctuation a line must not start with. */
    private static final String CLOSING = "，。、；：！？）》」』】,.;:!?)";

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
