package dojo.quiz;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How a session runs; {@link #logName()} is what the review log records. */
public enum Mode {
    /** Feedback and explanation after each answer. */
    PRACTICE("practice", "practice"),
    /** Timed; no feedback until the end; what is unanswered at the end counts as wrong. */
    EXAM("exam", "exam"),
    /** The questions FSRS says are due, then a few new ones. */
    REVIEW("review", "review"),
    /** The questions whose most recent answer was wrong. */
    RETRY_WRONG("retry-wrong", "retry");

    private final String cliName;
    private final String logName;

    Mode(String cliName, String logName) {
        this.cliName = cliName;
        this.logName = logName;
    }

    public String cliName() {
        return cliName;
    }

    public String logName() {
        return logName;
    }

    /** Feedback after each answer (practice, review, retry-wrong) rather than only at the end (exam). */
    public boolean immediateFeedback() {
        return this != EXAM;
    }

    public static Optional<Mode> fromCliName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(m -> m.cliName.equals(n)).findFirst();
    }
}
