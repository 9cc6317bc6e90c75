package dojo.grading.render;

import dojo.grading.ExerciseReport;
import dojo.grading.ExerciseStatus;
import dojo.grading.GradeReport;
import dojo.grading.TestOutcome;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What failed, for the console: per exercise that failed or does not compile, each failing test once, the most
 * diagnostic first (a failure naming a likely cause before the others), with its message indented. A likely
 * cause already shown for the exercise is not repeated: the line reads {@code likely cause: (as above)}.
 */
public final class FailureRenderer {

    /** Every failure of every exercise that failed, does not compile or ran no tests; empty when none did. */
    public String render(GradeReport report) {
        StringBuilder b = new StringBuilder();
        for (ExerciseReport e : report.exercises()) {
            if (e.status() != ExerciseStatus.FAILED && e.status() != ExerciseStatus.DOES_NOT_COMPILE
                    && e.status() != ExerciseStatus.NO_TESTS) {
                continue;
            }
            b.append('\n').append(e.id()).append(": ").append(ScoreboardRenderer.status(e)).append('\n');
            if (e.status() != ExerciseStatus.FAILED) {
                String msg = e.tests().isEmpty() || e.tests().get(0).message() == null ? e.firstFailure()
                        : e.tests().get(0).message();
                b.append(indent(msg, "  ")).append('\n');
                continue;
            }
            Set<String> causesShown = new HashSet<>();
            Map<String, String> messagesShown = new HashMap<>();      // message -> the first test that showed it
            String previous = null;                                    // the message of the test just above
            for (TestOutcome t : e.failures()) {
                b.append("  x ").append(t.name()).append(t.hidden() ? "  (hidden test)" : "").append('\n');
                String message = t.message() == null ? null : t.message().strip();
                String shownBy = message == null ? null : messagesShown.putIfAbsent(message, t.name());
                boolean sameAsAbove = message != null && message.equals(previous);
                previous = message;
                if (message == null) {
                    continue;
                }
                if (shownBy != null) {
                    // a message shown further up names the test it was shown under
                    b.append(sameAsAbove ? "      (the same message as above)\n" : "      (the same message as for \"" + shownBy + "\")\n");
                    continue;
                }
                b.append(indent(dedupeCauses(t.message(), causesShown), "      ")).append('\n');
            }
            if (e.nextHintTier() > 0) {
                b.append("  stuck? ./dojo hint ").append(e.id()).append("  (hint ").append(e.nextHintTier()).append(" of ")
                        .append(e.hintTiers()).append(")\n");
            }
        }
        return b.toString();
    }

    /**
     * The first failure of one exercise (the most diagnostic one) with its whole message, or its compile errors;
     * empty when it has no failure.
     */
    public String renderFirst(ExerciseReport e) {
        if (e.status() == ExerciseStatus.DOES_NOT_COMPILE || e.status() == ExerciseStatus.NO_TESTS) {
            String msg = e.tests().isEmpty() || e.tests().get(0).message() == null ? e.firstFailure()
                    : e.tests().get(0).message();
            return indent(msg, "  ") + "\n";
        }
        return e.failures().stream().findFirst()
                .map(t -> "  x " + t.name() + (t.hidden() ? "  (hidden test)" : "") + "\n"
                        + (t.message() == null ? "" : indent(t.message(), "      ") + "\n"))
                .orElse("");
    }

    /** Replaces a likely-cause line seen before with "(as above)"; records the new ones. */
    static String dedupeCauses(String message, Set<String> shown) {
        StringBuilder out = new StringBuilder();
        for (String line : message.strip().split("\n", -1)) {
            String t = line.strip();
            if (t.startsWith(TestOutcome.LIKELY_CAUSE) && !shown.add(t)) {
                line = line.substring(0, line.indexOf(TestOutcome.LIKELY_CAUSE)) + TestOutcome.LIKELY_CAUSE + " (as above)";
            }
            out.append(out.length() == 0 ? "" : "\n").append(line);
        }
        return out.toString();
    }

    private static String indent(String s, String by) {
        return by + (s == null ? "" : s.strip().replace("\n", "\n" + by));
    }
}
