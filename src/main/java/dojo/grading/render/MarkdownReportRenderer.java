package dojo.grading.render;

import dojo.grading.ExerciseReport;
import dojo.grading.ExerciseStatus;
import dojo.grading.GradeReport;
import dojo.grading.TestOutcome;
import dojo.grading.TestStatus;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code report.md}: a summary table and, per exercise, the tests that did not pass with their full messages.
 * Readable on GitHub and in a terminal.
 */
public final class MarkdownReportRenderer {

    public String render(GradeReport report) {
        StringBuilder b = new StringBuilder();
        b.append("# Attention Dojo: grade report\n\n");
        b.append("Tree: `").append(report.tree()).append("`. ").append(capital(ScoreboardRenderer.totalLine(report)))
                .append(".\n\n");
        b.append("| # | exercise | status | points | tests passed | next hint |\n");
        b.append("|---:|---|---|---:|---:|---|\n");
        int n = 0;
        for (ExerciseReport e : report.exercises()) {
            n++;
            b.append("| ").append(n).append(" | ").append(cell(e.id() + ": " + e.title())).append(" | ")
                    .append(ScoreboardRenderer.status(e)).append(" | ")
                    .append(ScoreboardRenderer.points(e.points())).append('/').append(e.maxPoints()).append(" | ")
                    .append(e.passed()).append('/').append(e.total()).append(" | ")
                    .append(hint(e)).append(" |\n");
        }
        for (ExerciseReport e : report.exercises()) {
            b.append("\n## ").append(e.id()).append(": ").append(e.title()).append("\n\n");
            b.append("Status: **").append(e.status().label()).append("**, ").append(ScoreboardRenderer.points(e.points()))
                    .append('/').append(e.maxPoints()).append(" points, ").append(e.passed()).append(" of ")
                    .append(e.total()).append(" tests passed.\n");
            if (e.status() == ExerciseStatus.NOT_STARTED) {
                b.append("\nEvery test reports *not started*: the code still throws `NotImplementedYet`. Open `exercises/")
                        .append(e.id()).append("/README.md` to begin.\n");
                continue;
            }
            if (e.status() == ExerciseStatus.NO_TESTS) {
                b.append("\n").append(e.firstFailure()).append('\n');
                continue;
            }
            List<TestOutcome> problems = e.tests().stream()
                    .filter(t -> t.status() != TestStatus.PASSED && t.status() != TestStatus.SKIPPED)
                    .collect(Collectors.toList());
            if (e.status() == ExerciseStatus.DOES_NOT_COMPILE && !problems.isEmpty()) {
                b.append("\n```text\n").append(problems.get(0).message()).append("\n```\n");
                continue;
            }
            for (TestOutcome t : problems) {
                b.append("\n### ").append(t.status() == TestStatus.NOT_STARTED ? "not started" : "failed").append(": ")
                        .append(t.name()).append(t.hidden() ? " (hidden test)" : "").append("\n\n");
                b.append("`").append(t.suite()).append('.').append(t.testCode()).append("`");
                if (t.taskId() != null) {
                    b.append(", task ").append(t.taskId());
                }
                b.append("\n\n```text\n").append(t.message() == null ? "(no message)" : t.message().strip()).append("\n```\n");
                if (t.output() != null) {
                    b.append("\nOutput:\n\n```text\n").append(t.output().strip()).append("\n```\n");
                }
            }
            if (e.status() == ExerciseStatus.FAILED && e.nextHintTier() > 0) {
                b.append("\nStuck? `./dojo hint ").append(e.id()).append("` shows hint ").append(e.nextHintTier())
                        .append(" of ").append(e.hintTiers()).append(".\n");
            }
        }
        return b.toString();
    }

    private static String hint(ExerciseReport e) {
        String h = ScoreboardRenderer.nextHint(e);
        return h.equals("-") ? "-" : "`./dojo hint " + e.id() + "` (" + h + ")";
    }

    private static String cell(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }

    private static String capital(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
