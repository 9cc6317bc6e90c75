package dojo.grading.junit;

import org.opentest4j.TestAbortedException;

/**
 * A failed exercise test, handed to JUnit as aborted so that the build tool does not report it a second time:
 * the learner's {@code mvn test} sets {@value #MODE_KEY}{@code =}{@value #SCOREBOARD_ONLY}, and the scoreboard
 * ({@code ResultsCollector}) unwraps it and counts the cause as the failure it is. Surefire then sees skipped
 * tests only: no failure summary after the scoreboard, no Maven "[Help 1]" block.
 */
public final class ReportedFailure extends TestAbortedException {
    private static final long serialVersionUID = 1L;

    /** JUnit configuration parameter (or system property) choosing how exercise failures reach JUnit. */
    public static final String MODE_KEY = "dojo.grading.failures";
    /** Failures are reported by the scoreboard only (the learner's {@code mvn test}). */
    public static final String SCOREBOARD_ONLY = "scoreboard";

    public ReportedFailure(Throwable failure) {
        super(failure.getMessage(), failure);
    }

    /** The failure as the test produced it. */
    public Throwable failure() {
        return getCause();
    }
}
