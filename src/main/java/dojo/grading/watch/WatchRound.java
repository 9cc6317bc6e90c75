package dojo.grading.watch;

import dojo.grading.ExerciseInfo;
import dojo.grading.ExerciseReport;
import dojo.grading.ExerciseStatus;
import dojo.grading.GradeReport;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One grading round of watch mode.
 *
 * @param number 1 for the first round (everything watched), then 2, 3, ...
 * @param changed the exercises whose files changed (empty in the first round)
 * @param graded the exercises graded this round: the changed ones and those that require them
 * @param report every watched exercise's latest grade, in index order (ungraded ones keep their last report)
 * @param previous the report before this round (null in the first round)
 * @param took from the first file event (or the start) to the report
 * @param justPassed graded exercises that pass now and did not before this round (every passing one in the first)
 * @param next the first exercise in index order that does not pass yet (null when all pass)
 */
public record WatchRound(int number, List<String> changed, List<String> graded, GradeReport report, GradeReport previous,
        Duration took, List<String> justPassed, ExerciseInfo next) {

    public WatchRound {
        changed = List.copyOf(changed);
        graded = List.copyOf(graded);
        justPassed = List.copyOf(justPassed);
    }

    /**
     * The exercise whose failure to show: the first graded exercise (index order) that failed or does not
     * compile, else the first such in the whole report; empty when nothing fails.
     */
    public Optional<ExerciseReport> focus() {
        Optional<ExerciseReport> graded = report.exercises().stream().filter(e -> this.graded.contains(e.id()))
                .filter(WatchRound::failing).findFirst();
        return graded.isPresent() ? graded : report.exercises().stream().filter(WatchRound::failing).findFirst();
    }

    private static boolean failing(ExerciseReport e) {
        return e.status() == ExerciseStatus.FAILED || e.status() == ExerciseStatus.DOES_NOT_COMPILE;
    }
}
