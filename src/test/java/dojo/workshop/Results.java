package dojo.workshop;

import dojo.grading.ExerciseIndex;
import dojo.grading.ExerciseInfo;
import dojo.grading.ExerciseReport;
import dojo.grading.ResultsCollector;
import dojo.grading.TestOutcome;
import dojo.grading.TestStatus;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Grade results built by hand for tests of what comes after grading (no grading JVM needed). */
final class Results {
    static final Path PROJECT = Path.of(System.getProperty("dojo.project.dir", ".")).toAbsolutePath().normalize();
    static final ExerciseIndex INDEX = ExerciseIndex.load(PROJECT);

    private Results() {}

    static TestOutcome pass(String ex, String name, boolean hidden) {
        return new TestOutcome(ex, name, "m", "S", TestStatus.PASSED, null, null, 1, hidden);
    }

    static TestOutcome fail(String ex, String name, boolean hidden, String message) {
        return new TestOutcome(ex, name, "m", "S", TestStatus.FAILED, message, null, 1, hidden);
    }

    static ExerciseReport exercise(String id, int points, TestOutcome... tests) {
        ExerciseInfo i = INDEX.require(id);
        return ResultsCollector.exerciseReport(new ExerciseInfo(i.id(), i.title(), points, i.api(), i.implementation(),
                i.objectives(), i.hints(), i.tags(), i.requires(), i.line()), List.of(tests), 0);
    }

    static SubmissionResult result(String learner, Instant submittedAt, String message, ExerciseReport... exercises) {
        return new SubmissionResult(learner, "20270227T100000Z", submittedAt,
                message == null ? SubmissionResult.Status.COMPLETE : SubmissionResult.Status.INCOMPLETE, message,
                new ArrayList<>(List.of(exercises)), List.of(), 1234, "test", submittedAt, List.of());
    }
}
