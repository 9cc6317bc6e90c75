package dojo.grading;

/** The verdict for one exercise. */
public enum ExerciseStatus {
    /** Every test passed: full points. */
    PASSED,
    /** Some test failed (or some tests are not started while others ran): partial points. */
    FAILED,
    /** Every test aborted because the learner code still throws {@code NotImplementedYet}: 0 points, not a failure. */
    NOT_STARTED,
    /** The learner code does not compile: 0 points. */
    DOES_NOT_COMPILE,
    /** No suite of this exercise ran (none exists, or it was filtered out): a defect when grading everything. */
    NO_TESTS;

    /** How status is printed in listings: {@code not started}. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }
}
