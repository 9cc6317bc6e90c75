package dojo.quiz;

/**
 * The most a learner's answer may be: a line longer than {@link #MAX_CHARS} characters is {@link
 * Rejection.Reason#ANSWER_TOO_LONG rejected} (the question is asked again, nothing is scored or logged),
 * so no answer can make checking slow whatever the question (docs/scoring.md, "Limits").
 */
public final class AnswerBudget {
    /** Longest answer checked, in UTF-16 characters; no accepted answer in the banks comes close. */
    public static final int MAX_CHARS = 1000;

    private AnswerBudget() {}

    public static boolean tooLong(String input) {
        return input.length() > MAX_CHARS;
    }
}
