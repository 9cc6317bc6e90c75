package dojo.grading;

import java.util.List;

/**
 * The grade of one exercise.
 *
 * @param id exercise id
 * @param title exercise title
 * @param status the verdict
 * @param points points earned: {@code maxPoints * passed / total} rounded to 0.1, full only when all pass
 * @param maxPoints points for passing everything
 * @param passed tests passed
 * @param total tests counted (skipped tests are not)
 * @param tests every test outcome, in execution order
 * @param firstFailure one line explaining the first problem (null when passed)
 * @param hintsSeen hint tiers the learner has already revealed
 * @param hintTiers hint tiers the exercise has
 */
public record ExerciseReport(
        String id,
        String title,
        ExerciseStatus status,
        double points,
        int maxPoints,
        int passed,
        int total,
        List<TestOutcome> tests,
        String firstFailure,
        int hintsSeen,
        int hintTiers) {

    public ExerciseReport {
        tests = List.copyOf(tests);
    }

    /**
     * The tests that failed, errored or did not compile, most diagnostic first: failures whose message names a
     * likely cause come before the others, then public before hidden, then by task (the order of {@link #tests}).
     */
    public List<TestOutcome> failures() {
        return tests.stream()
                .filter(t -> t.status() == TestStatus.FAILED || t.status() == TestStatus.ERRORED
                        || t.status() == TestStatus.DOES_NOT_COMPILE)
                .sorted(java.util.Comparator.comparing((TestOutcome t) -> !t.hasLikelyCause()))
                .toList();
    }

    /** The hint tier {@code dojo hint <id>} shows next (1-based), or 0 when all tiers have been shown. */
    public int nextHintTier() {
        return hintsSeen < hintTiers ? hintsSeen + 1 : 0;
    }

    /** Points for {@code passed} of {@code total}: rounded to 0.1, and below {@code max} unless all pass. */
    public static double points(int max, int passed, int total) {
        if (total <= 0 || passed <= 0) {
            return 0;
        }
        if (passed >= total) {
            return max;
        }
        double p = Math.round(max * (double) passed / total * 10) / 10.0;
        return Math.min(p, Math.max(0, Math.round((max - 0.1) * 10) / 10.0));
    }
}
