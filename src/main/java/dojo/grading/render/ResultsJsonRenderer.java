package dojo.grading.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dojo.grading.ExerciseReport;
import dojo.grading.ExerciseStatus;
import dojo.grading.GradeReport;
import dojo.grading.ResultsCollector;
import dojo.grading.TestOutcome;
import dojo.grading.TestStatus;
import java.io.UncheckedIOException;
import java.util.Locale;

/**
 * {@code results.json} in the Exercism test-runner v3 format ({@code version}, {@code status} pass|fail|error,
 * {@code message} on error, {@code tests[]} with {@code name}, {@code test_code}, {@code status}, {@code message},
 * {@code output} (at most 500 characters), {@code task_id}), plus {@code points} and {@code max_points} at the top
 * and an {@code exercises[]} array with per-exercise status and points. Extra per-test fields: {@code exercise},
 * {@code visibility}.
 */
public final class ResultsJsonRenderer {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public String render(GradeReport report) {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", 3);
        String status = topStatus(report);
        root.put("status", status);
        if (status.equals("error")) {
            root.put("message", errorMessage(report));
        }
        root.put("points", report.points());
        root.put("max_points", report.maxPoints());
        root.put("tree", report.tree());
        ArrayNode tests = root.putArray("tests");
        for (ExerciseReport e : report.exercises()) {
            for (TestOutcome t : e.tests()) {
                if (t.status() == TestStatus.SKIPPED) {
                    continue;
                }
                ObjectNode n = tests.addObject();
                n.put("name", e.id() + ": " + t.name());
                n.put("test_code", t.testCode());
                n.put("status", testStatus(t.status()));
                if (t.status() != TestStatus.PASSED && t.message() != null) {
                    n.put("message", t.message());
                }
                if (t.output() != null) {
                    n.put("output", truncate(t.output()));
                }
                if (t.taskId() != null) {
                    n.put("task_id", t.taskId());
                }
                n.put("exercise", e.id());
                n.put("visibility", t.hidden() ? "hidden" : "visible");
            }
        }
        ArrayNode exercises = root.putArray("exercises");
        for (ExerciseReport e : report.exercises()) {
            ObjectNode n = exercises.addObject();
            n.put("id", e.id());
            n.put("title", e.title());
            n.put("status", e.status().name().toLowerCase(Locale.ROOT));
            n.put("points", e.points());
            n.put("max_points", e.maxPoints());
            n.put("passed", e.passed());
            n.put("total", e.total());
            if (e.firstFailure() != null) {
                n.put("first_failure", e.firstFailure());
            }
            n.put("hints_seen", e.hintsSeen());
            n.put("hint_tiers", e.hintTiers());
        }
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** error: nothing could run (every exercise does not compile or has no tests); pass: every test passed. */
    static String topStatus(GradeReport report) {
        if (report.exercises().isEmpty() || report.exercises().stream().allMatch(e -> e.status() == ExerciseStatus.DOES_NOT_COMPILE
                || e.status() == ExerciseStatus.NO_TESTS)) {
            return "error";
        }
        return report.exercises().stream().allMatch(e -> e.status() == ExerciseStatus.PASSED) ? "pass" : "fail";
    }

    private static String errorMessage(GradeReport report) {
        if (report.exercises().isEmpty()) {
            return "no exercises were graded";
        }
        StringBuilder b = new StringBuilder();
        for (ExerciseReport e : report.exercises()) {
            b.append(e.id()).append(": ").append(e.firstFailure() == null ? e.status().label() : e.firstFailure()).append('\n');
        }
        return b.toString().strip();
    }

    static String testStatus(TestStatus s) {
        switch (s) {
            case PASSED:
                return "pass";
            case ERRORED:
            case DOES_NOT_COMPILE:
                return "error";
            default:
                return "fail"; // FAILED and NOT_STARTED (its message says "not started: ...")
        }
    }

    private static String truncate(String s) {
        int max = ResultsCollector.MAX_OUTPUT;
        return s.length() <= max ? s : s.substring(0, max - 15) + "... (truncated)";
    }
}
