package dojo.grading.render;

import dojo.grading.ExerciseReport;
import dojo.grading.ExerciseStatus;
import dojo.grading.GradeReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The console scoreboard: one row per exercise (#, exercise, status, points, first failure, next hint) and a
 * total line. Plain text, fixed width, no colours (it goes to logs and CI output too).
 */
public final class ScoreboardRenderer {
    /** The first-failure column's width when nothing narrower is asked for. */
    static final int FAILURE_WIDTH = 60;

    private final int failureWidth;
    private final int lineWidth;

    public ScoreboardRenderer() {
        this(FAILURE_WIDTH);
    }

    /** @param failureWidth the first-failure column is cut to this many characters */
    public ScoreboardRenderer(int failureWidth) {
        this(failureWidth, Integer.MAX_VALUE);
    }

    /**
     * @param failureWidth the first-failure column is cut to this many characters
     * @param lineWidth and further, down to its header's width, while a row is wider than this (a terminal's columns)
     */
    public ScoreboardRenderer(int failureWidth, int lineWidth) {
        this.failureWidth = Math.max(failureWidth, 10);
        this.lineWidth = lineWidth;
    }

    /** A scoreboard for a terminal of {@code columns} columns, or for no terminal (-1): the default widths. */
    public static ScoreboardRenderer forColumns(int columns) {
        return new ScoreboardRenderer(FAILURE_WIDTH, columns > 0 ? columns - 1 : Integer.MAX_VALUE);
    }

    public String render(GradeReport report) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"#", "exercise", "status", "points", "first failure", "next hint"});
        int n = 0;
        for (ExerciseReport e : report.exercises()) {
            n++;
            rows.add(new String[] {
                String.valueOf(n),
                e.id(),
                status(e),
                points(e.points()) + "/" + e.maxPoints(),
                e.firstFailure() == null ? "-" : oneLine(e.firstFailure(), failureWidth),
                nextHint(e)
            });
        }
        int[] width = new int[6];
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        int over = java.util.Arrays.stream(width).sum() + 2 * (width.length - 1) - lineWidth;
        if (over > 0 && width[4] > "first failure".length()) {
            // a narrow terminal: the first failure gives way, down to its header's width
            int cut = Math.max("first failure".length(), width[4] - over);
            for (int k = 1; k < rows.size(); k++) {
                ExerciseReport e = report.exercises().get(k - 1);
                if (e.firstFailure() != null) rows.get(k)[4] = oneLine(e.firstFailure(), cut);
            }
            width[4] = cut;
        }
        StringBuilder b = new StringBuilder();
        b.append("Attention Dojo scoreboard (").append(report.tree()).append(")\n");
        for (int k = 0; k < rows.size(); k++) {
            String[] r = rows.get(k);
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < r.length; i++) {
                boolean right = i == 0 || i == 3;
                String cell = right ? pad(r[i], width[i], true) : pad(r[i], width[i], false);
                line.append(i == 0 ? "" : "  ").append(cell);
            }
            b.append(line.toString().stripTrailing()).append('\n');
            if (k == 0) {
                int total = 0;
                for (int w : width) {
                    total += w;
                }
                b.append("-".repeat(total + 2 * (width.length - 1))).append('\n');
            }
        }
        b.append(totalLine(report)).append('\n');
        if (report.exercises().stream().anyMatch(e -> e.nextHintTier() > 0 && e.status() != ExerciseStatus.PASSED)) {
            b.append("next hint: ./dojo hint <exercise> shows that tier.\n");
        }
        return b.toString();
    }

    /** "total 12.5/40 points: 1 passed, 1 failed, 2 not started" */
    public static String totalLine(GradeReport report) {
        StringBuilder b = new StringBuilder("total ").append(points(report.points())).append('/').append(report.maxPoints())
                .append(" points:");
        List<String> parts = new ArrayList<>();
        for (ExerciseStatus s : ExerciseStatus.values()) {
            long c = report.exercises().stream().filter(e -> e.status() == s).count();
            if (c > 0) {
                parts.add(c + " " + s.label());
            }
        }
        b.append(' ').append(parts.isEmpty() ? "no exercises" : String.join(", ", parts));
        return b.toString();
    }

    static String status(ExerciseReport e) {
        switch (e.status()) {
            case PASSED:
                return "passed";
            case FAILED:
                return "FAILED " + e.passed() + "/" + e.total();
            case DOES_NOT_COMPILE:
                return "DOES NOT COMPILE";
            case NO_TESTS:
                return "no tests";
            default:
                return "not started";
        }
    }

    static String nextHint(ExerciseReport e) {
        if (e.hintTiers() == 0 || e.status() == ExerciseStatus.PASSED) {
            return "-";
        }
        return e.nextHintTier() == 0 ? "all " + e.hintTiers() + " shown" : e.nextHintTier() + "/" + e.hintTiers();
    }

    static String points(double p) {
        return String.format(Locale.ROOT, "%.1f", p);
    }

    static String oneLine(String s, int max) {
        String flat = s.strip().replaceAll("\\s*\\n\\s*", " | ");
        return flat.length() <= max ? flat : flat.substring(0, max - 3) + "...";
    }

    private static String pad(String s, int w, boolean right) {
        String fill = " ".repeat(Math.max(0, w - s.length()));
        return right ? fill + s : s + fill;
    }
}
