package dojo.grading;

/**
 * One test's result.
 *
 * @param exerciseId the exercise it grades
 * @param name the test's display name (a sentence), with the dynamic-test or parameter part if any
 * @param testCode the test method name (Exercism {@code test_code})
 * @param suite the simple name of the test class
 * @param status how it ended
 * @param message why it did not pass (null when it passed)
 * @param output what the test printed, at most 500 characters (null when nothing)
 * @param taskId the Exercism task id from {@code @Task} (null when none)
 * @param hidden true for tests of a hidden suite
 */
public record TestOutcome(
        String exerciseId,
        String name,
        String testCode,
        String suite,
        TestStatus status,
        String message,
        String output,
        Integer taskId,
        boolean hidden) {

    /** The marker of a diagnosis in a failure message ({@code "\n  likely cause: ..."}). */
    public static final String LIKELY_CAUSE = "likely cause:";

    /** True when the message names a likely cause. */
    public boolean hasLikelyCause() {
        return message != null && message.contains(LIKELY_CAUSE);
    }

    /** The first line of the message, or the empty string. */
    public String messageFirstLine() {
        if (message == null) {
            return "";
        }
        String m = message.strip();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
