package dojo.questions;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

/**
 * Compiles the {@code regex:} accepted answers of short questions with RE2/J, a linear-time engine: a
 * learner's answer is matched in time proportional to its length whatever the pattern, so no pattern can
 * hang the quiz or overflow the stack (java.util.regex backtracks). RE2 syntax is Perl's without
 * backreferences, lookaround, possessive quantifiers or atomic groups; such a pattern is a lint error.
 * Matching is case-insensitive (Unicode simple case folding) and anchored at both ends.
 */
public final class AnswerRegex {
    /** Longest pattern accepted, in characters. */
    public static final int MAX_LENGTH = 500;

    private AnswerRegex() {}

    /** The pattern, or the reason it cannot be used (lint words it). */
    public sealed interface Compiled {}

    public record Ok(Pattern pattern) implements Compiled {}

    /** @param index where in the pattern the problem is (0 when unknown) */
    public record Bad(String reason, int index) implements Compiled {}

    public static Compiled compile(String body) {
        if (body.length() > MAX_LENGTH) {
            return new Bad("regex is " + body.length() + " characters long (at most " + MAX_LENGTH + ")", 0);
        }
        try {
            return new Ok(Pattern.compile(body, Pattern.CASE_INSENSITIVE));
        } catch (PatternSyntaxException e) {
            String why = e.getDescription();
            String at = e.getPattern() == null ? "" : e.getPattern();
            if (at.startsWith("(?i)")) at = at.substring(4); // RE2/J shows the flag it added
            if (why.contains("internal error")) { // RE2/J's words for a ')' without its '('
                return new Bad("bad regex: unmatched ')'", Math.max(0, body.indexOf(')')));
            }
            int index = at.isEmpty() ? -1 : body.lastIndexOf(at);
            String reason = "bad regex: " + why + (at.isEmpty() ? "" : " at '" + at + "'");
            if (why.contains("Perl syntax") || why.contains("escape") || why.contains("nested repetition")) {
                reason += " (answer regexes use RE2 syntax: no backreferences, lookaround, possessive quantifiers or atomic groups)";
            }
            return new Bad(reason, Math.max(0, index));
        } catch (RuntimeException e) {
            // RE2/J limits (e.g. a repeat count over 1000) surface as other runtime exceptions
            return new Bad("bad regex: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), 0);
        }
    }
}
