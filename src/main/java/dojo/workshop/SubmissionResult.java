package dojo.workshop;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dojo.grading.ExerciseReport;
import java.time.Instant;
import java.util.List;

/**
 * The grade of one learner: what {@code grade} writes to {@code grades/<learner>.json} and everything downstream reads.
 *
 * @param learner learner id
 * @param submission the graded submission's stamp (null when there was none)
 * @param submittedAt when it was submitted (null when there was none)
 * @param status how grading went
 * @param message one line for the host (null when complete)
 * @param exercises the grade of every workshop exercise (always all of them, in workshop order)
 * @param runs the grading JVMs started for this submission (more than one when one crashed and grading resumed)
 * @param millis wall-clock time spent grading
 * @param isolation the isolation in force
 * @param gradedAt when grading finished
 * @param frameworkChanges framework files the learner changed (ignored by grading; shown to the host)
 */
public record SubmissionResult(String learner, String submission, Instant submittedAt, Status status, String message,
        List<ExerciseReport> exercises, List<RunRecord> runs, long millis, String isolation, Instant gradedAt,
        List<String> frameworkChanges) {

    /** How grading a learner went. */
    public enum Status {
        /** every test ran and has a result */
        COMPLETE,
        /** a crash or a limit ended a JVM: the test that was running and the rest of its exercise count as failed */
        INCOMPLETE,
        /** the learner has no submission: every exercise scores 0 */
        NO_SUBMISSION
    }

    /**
     * One grading JVM.
     *
     * @param exercises the exercises it was asked to grade
     * @param exitCode its exit code (-1 when it was killed by the grader)
     * @param ending why it ended early (null when it finished)
     * @param runningTest the test that was running when it ended early (null when none or finished)
     * @param millis its wall-clock time
     * @param stderrTail the end of what it printed outside the tests (for the host), at most 2000 characters
     */
    public record RunRecord(List<String> exercises, int exitCode, String ending, String runningTest, long millis,
            String stderrTail) {}

    public SubmissionResult {
        exercises = List.copyOf(exercises);
        runs = List.copyOf(runs);
        frameworkChanges = frameworkChanges == null ? List.of() : List.copyOf(frameworkChanges);
    }

    /**
     * The grading message as a learner may read it: while hidden test details are not visible, the name of a hidden
     * test it mentions (the test that was running when a JVM ended) becomes "a hidden test".
     */
    public String learnerMessage(boolean hiddenVisible) {
        if (message == null || hiddenVisible) {
            return message;
        }
        String m = message;
        for (ExerciseReport e : exercises) {
            for (dojo.grading.TestOutcome t : e.tests()) {
                if (t.hidden() && t.name() != null && !t.name().isEmpty()) {
                    m = m.replace("'" + t.name() + "'", "a hidden test of " + e.id());
                }
            }
        }
        return m;
    }

    @JsonIgnore
    public double points() {
        return Math.round(exercises.stream().mapToDouble(ExerciseReport::points).sum() * 10) / 10.0;
    }

    @JsonIgnore
    public int maxPoints() {
        return exercises.stream().mapToInt(ExerciseReport::maxPoints).sum();
    }
}
