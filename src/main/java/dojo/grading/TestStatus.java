package dojo.grading;

/** How one test of an exercise ended. */
public enum TestStatus {
    /** Every assertion held. */
    PASSED,
    /** An assertion failed, the learner code threw, or it ran out of time. */
    FAILED,
    /** The test itself broke (not the learner's code): a defect of the suite. */
    ERRORED,
    /** The learner code still throws {@code NotImplementedYet}. */
    NOT_STARTED,
    /** The learner code does not compile. */
    DOES_NOT_COMPILE,
    /** Disabled or skipped by an assumption; not counted. */
    SKIPPED
}
