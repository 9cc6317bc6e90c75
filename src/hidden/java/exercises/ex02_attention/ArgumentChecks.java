package exercises.ex02_attention;

import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.opentest4j.AssertionFailedError;

/** Shared by the hidden suites: an argument check must say which argument is wrong. */
public final class ArgumentChecks {
    private ArgumentChecks() {}

    /**
     * Runs {@code call} (which passes null for one argument) and fails unless it throws an
     * IllegalArgumentException whose message names that argument (one of {@code names}, e.g. "w" or "weights")
     * before any other argument of {@code all}.
     */
    public static void rejectsNullNaming(String call, Runnable run, List<String> names, List<List<String>> all) {
        Throwable t = catchThrowable(run::run);
        if (!(t instanceof IllegalArgumentException)) {
            throw new AssertionFailedError(call + " must throw an IllegalArgumentException, but "
                    + (t == null ? "returned normally" : "threw " + t.getClass().getSimpleName()));
        }
        String m = t.getMessage() == null ? "" : t.getMessage();
        int own = firstWord(m, names);
        int other = Integer.MAX_VALUE;
        for (List<String> n : all) {
            if (!n.equals(names)) {
                other = Math.min(other, firstWord(m, n));
            }
        }
        if (own == Integer.MAX_VALUE || other < own) {
            throw new AssertionFailedError(call + ": the message must say which argument is null, naming '" + names.get(0)
                    + "' first (a learner reading it must know what to fix), but it was: \"" + m + "\"");
        }
    }

    private static int firstWord(String message, List<String> names) {
        int best = Integer.MAX_VALUE;
        for (String n : names) {
            Matcher m = Pattern.compile("(?<![A-Za-z0-9_])" + Pattern.quote(n) + "(?![A-Za-z0-9_])").matcher(message);
            if (m.find()) {
                best = Math.min(best, m.start());
            }
        }
        return best;
    }
}
