package dojo.grading.assertions;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rule for hidden-suite failure messages: they name the property, the position and the order of magnitude of
 * the error, never a number from which an expected value can be rebuilt. The learner can print their own values,
 * so any exact error, ratio or value at a known position gives the expected value away; integers (shapes,
 * indices, counts) and powers of ten (orders of magnitude, tolerances) are what may appear.
 *
 * <p>Messages of learner exceptions ({@code threw ...}), time-outs, not-started and compile failures are the
 * learner's own text or carry no values, and are not judged.
 */
public final class HiddenMessages {
    private static final Pattern NUMBER = Pattern.compile(
            "(?<![\\w.])[-+]?(?:\\d+\\.\\d+(?:[eE][-+]?\\d+)?|\\d+[eE][-+]?\\d+|\\.\\d+)[fFdD]?(?![\\w.])");
    private static final Pattern POWER_OF_TEN = Pattern.compile(
            "[-+]?(?:1(?:\\.0+)?[eE][-+]?\\d+|1\\.0+|0\\.0*1|10+(?:\\.0+)?|0\\.0+)[fFdD]?");
    private static final Pattern TOLERANCE = Pattern.compile("\\|actual - expected\\| <= \\S+ \\+ \\S+ \\* \\|expected\\|");

    private HiddenMessages() {}

    /** The numbers in {@code message} that could rebuild an expected value; empty when the message is fine. */
    public static List<String> leaks(String message) {
        List<String> out = new ArrayList<>();
        if (message == null || judgedElsewhere(message)) {
            return out;
        }
        String text = TOLERANCE.matcher(message).replaceAll("|actual - expected| <= TOL");
        Matcher m = NUMBER.matcher(text);
        while (m.find()) {
            String n = m.group();
            if (!POWER_OF_TEN.matcher(n).matches()) {
                int from = Math.max(0, m.start() - 30);
                int to = Math.min(text.length(), m.end() + 10);
                out.add(n + " in \"..." + text.substring(from, to).replace('\n', ' ') + "...\"");
            }
        }
        return out;
    }

    private static boolean judgedElsewhere(String message) {
        String m = message.strip();
        return m.startsWith("threw ") || m.startsWith("timed out") || m.startsWith("not started")
                || m.startsWith("does not compile");
    }
}
