package dojo.grading;

import java.util.List;

/**
 * The grade of a tree: one report per exercise, in index order. What every renderer (scoreboard, results.json,
 * Markdown) and every front-end (mvn test, dojo grade, the suite gate) reads.
 *
 * @param tree the graded tree, as shown to the user
 * @param exercises per-exercise reports
 */
public record GradeReport(String tree, List<ExerciseReport> exercises) {

    public GradeReport {
        exercises = List.copyOf(exercises);
    }

    public double points() {
        return Math.round(exercises.stream().mapToDouble(ExerciseReport::points).sum() * 10) / 10.0;
    }

    public int maxPoints() {
        return exercises.stream().mapToInt(ExerciseReport::maxPoints).sum();
    }

    /** True when no attempted exercise failed or failed to compile (not-started exercises do not count). */
    public boolean attemptedAllPass() {
        return exercises.stream().noneMatch(e -> e.status() == ExerciseStatus.FAILED
                || e.status() == ExerciseStatus.DOES_NOT_COMPILE);
    }

    /** True when at least one exercise was attempted (passed, failed or does not compile). */
    public boolean anyAttempted() {
        return exercises.stream().anyMatch(e -> e.status() == ExerciseStatus.PASSED
                || e.status() == ExerciseStatus.FAILED || e.status() == ExerciseStatus.DOES_NOT_COMPILE);
    }

    public java.util.Optional<ExerciseReport> exercise(String id) {
        return exercises.stream().filter(e -> e.id().equals(id)).findFirst();
    }
}
