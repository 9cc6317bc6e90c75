package dojo.cli;

import dojo.grading.ExerciseIndex;
import dojo.grading.ExerciseInfo;
import dojo.grading.ExerciseReport;
import dojo.grading.ExerciseStatus;
import dojo.grading.GradeReport;
import java.util.List;
import java.util.Optional;

/** Where a learner goes next: the first exercise, in course order, that does not pass yet. */
final class NextExercise {
    private NextExercise() {}

    /** The first exercise of {@code index} whose report is not PASSED (or that was not graded). */
    static Optional<ExerciseInfo> firstUnfinished(ExerciseIndex index, GradeReport report) {
        for (ExerciseInfo e : index.exercises()) {
            Optional<ExerciseReport> r = report == null ? Optional.empty() : report.exercise(e.id());
            if (r.isEmpty() || r.get().status() != ExerciseStatus.PASSED) return Optional.of(e);
        }
        return Optional.empty();
    }

    /** Whether nothing in the report is started yet (so "Start with", not "Next"). */
    static boolean nothingStarted(GradeReport report) {
        return report == null || report.exercises().stream().allMatch(e -> e.status() == ExerciseStatus.NOT_STARTED);
    }

    /**
     * After grading {@code graded} (empty: every exercise): when each graded exercise passes, the line naming the
     * next exercise to do (the first later one in course order not graded here, or not passing), else empty.
     */
    static Optional<String> afterGrading(ExerciseIndex index, GradeReport report, List<String> graded) {
        if (report.exercises().isEmpty()) return Optional.empty();
        if (report.exercises().stream().anyMatch(e -> e.status() != ExerciseStatus.PASSED)) return Optional.empty();
        List<String> ids = index.ids();
        int last = -1;
        for (ExerciseReport e : report.exercises()) last = Math.max(last, ids.indexOf(e.id()));
        for (int i = last + 1; i < ids.size(); i++) {
            String id = ids.get(i);
            Optional<ExerciseReport> r = report.exercise(id);
            if (r.isEmpty() || r.get().status() != ExerciseStatus.PASSED) {
                return Optional.of("Passed. Next: exercises/" + id + "/README.md   then ./dojo grade " + id);
            }
        }
        if (graded.isEmpty() && firstUnfinished(index, report).isEmpty()) {
            return Optional.of("Passed. Every exercise of the course passes: well done.");
        }
        return Optional.of("Passed. That was the last exercise; './dojo exercises' shows the whole course.");
    }
}
