package dojo.quiz;

import dojo.questions.Answer;
import dojo.questions.Choice;
import dojo.questions.Question;
import dojo.quiz.Rejection.Reason;
import dojo.review.Rating;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Checks one line of learner input against a question and scores it 0..1. The formulas are in
 * docs/scoring.md. Input that cannot be read as an answer of the question's type is {@link
 * AnswerCheck.Rejected rejected} with a {@link Rejection} (a reason code and its arguments; the front end
 * words it in the learner's language), never scored as wrong.
 */
public final class Scoring {
    private Scoring() {}

    private static final Pattern LIST_SEPARATORS = Pattern.compile("[\\s,;/、，；]+");
    private static final Pattern ORDER_SEPARATORS = Pattern.compile("[\\s,;、，；>]+|(?<=\\d)-(?=\\d)");
    /** Trailing sentence punctuation allowed after true/false answers ({@code true.}, {@code 对。}). */
    private static final Pattern TRAILING_PUNCT = Pattern.compile("[\\p{P}\\s]+$");

    private static final Map<String, Boolean> TRUTH = Map.ofEntries(
            Map.entry("t", true), Map.entry("true", true), Map.entry("y", true), Map.entry("yes", true),
            Map.entry("1", true), Map.entry("对", true), Map.entry("正确", true), Map.entry("是", true),
            Map.entry("f", false), Map.entry("false", false), Map.entry("n", false), Map.entry("no", false),
            Map.entry("0", false), Map.entry("错", false), Map.entry("错误", false), Map.entry("否", false),
            Map.entry("不对", false), Map.entry("不是", false));

    private static final Map<String, Rating> SELF_RATINGS = Map.ofEntries(
            Map.entry("1", Rating.AGAIN), Map.entry("2", Rating.HARD), Map.entry("3", Rating.GOOD),
            Map.entry("4", Rating.EASY), Map.entry("again", Rating.AGAIN), Map.entry("hard", Rating.HARD),
            Map.entry("good", Rating.GOOD), Map.entry("easy", Rating.EASY), Map.entry("重来", Rating.AGAIN),
            Map.entry("困难", Rating.HARD), Map.entry("良好", Rating.GOOD), Map.entry("简单", Rating.EASY));

    /** Checks {@code input} (one line, as typed) against the question as it was shown. */
    public static AnswerCheck check(Presented shown, String input) {
        Question q = shown.question();
        Answer answer = q.answer();
        if (AnswerBudget.tooLong(input)) return reject(Reason.ANSWER_TOO_LONG, AnswerBudget.MAX_CHARS);
        switch (q.type()) {
            case SINGLE:
            case MULTIPLE:
                return checkChoices(q, input);
            case TRUE_FALSE:
                return checkTrueFalse((Answer.TrueFalse) answer, input);
            case SHORT:
                return checkShort((Answer.Short) answer, input);
            case NUMERIC:
                return checkNumeric((Answer.Numeric) answer, input);
            case ORDERING:
                return checkOrdering(shown, input);
            case OPEN:
                return checkSelfRating(input);
            default:
                throw new IllegalStateException("unknown question type " + q.type());
        }
    }

    /** The self-rating score of an open question: Again 0, Hard 0.5, Good and Easy 1. */
    public static double selfRatingScore(Rating r) {
        switch (r) {
            case AGAIN: return 0;
            case HARD: return 0.5;
            default: return 1;
        }
    }

    // ---- single and multiple choice ------------------------------------------------------------

    private static AnswerCheck checkChoices(Question q, String input) {
        List<String> keys = q.choices().stream().map(Choice::key).collect(Collectors.toList());
        String range = keys.isEmpty() ? "" : keys.get(0) + "-" + keys.get(keys.size() - 1);
        boolean single = q.type() == dojo.questions.QuestionType.SINGLE;
        String s = nfkcLower(input).trim();
        if (s.isEmpty()) {
            return reject(single ? Reason.SINGLE_CHOICE_EXPECTED : Reason.MULTIPLE_CHOICE_EXPECTED, range);
        }
        Set<String> picked = new LinkedHashSet<>();
        for (String token : LIST_SEPARATORS.split(s)) {
            if (token.isEmpty()) continue;
            if (keys.contains(token)) {
                picked.add(token);
                continue;
            }
            // "ac" typed without separators: accept when every letter is a choice key
            boolean allKeys = token.length() > 1 && token.chars().allMatch(c -> keys.contains(String.valueOf((char) c)));
            if (allKeys) {
                token.chars().forEach(c -> picked.add(String.valueOf((char) c)));
                continue;
            }
            return reject(Reason.NOT_A_CHOICE, token, range);
        }
        if (single && picked.size() > 1) {
            return reject(Reason.ONE_ANSWER_ONLY, range);
        }
        Set<String> correctKeys = ((Answer.Choices) q.answer()).correctKeys();
        List<String> ordered = keys.stream().filter(picked::contains).collect(Collectors.toList());
        String given = String.join(", ", ordered);
        if (single) {
            boolean right = correctKeys.contains(ordered.get(0));
            return AnswerCheck.Scored.of(right ? 1 : 0, right, given);
        }
        return AnswerCheck.Scored.of(multipleChoiceScore(keys, correctKeys, picked), picked.equals(correctKeys), given);
    }

    /**
     * Partial credit: +1/|correct| per correct choice ticked, -1/|wrong| per wrong choice ticked, clamped
     * to 0..1. Ticking everything or nothing gives 0; exactly the correct choices give 1.
     */
    static double multipleChoiceScore(List<String> keys, Set<String> correctKeys, Set<String> picked) {
        long nCorrect = correctKeys.size();
        long nWrong = keys.size() - nCorrect;
        long hits = picked.stream().filter(correctKeys::contains).count();
        long falseTicks = picked.size() - hits;
        double raw = (double) hits / nCorrect - (nWrong == 0 ? 0 : (double) falseTicks / nWrong);
        return Math.max(0, Math.min(1, raw));
    }

    // ---- true / false ---------------------------------------------------------------------------

    private static AnswerCheck checkTrueFalse(Answer.TrueFalse answer, String input) {
        String s = TRAILING_PUNCT.matcher(nfkcLower(input).trim()).replaceAll("");
        Boolean value = TRUTH.get(s);
        if (value == null) {
            return reject(Reason.TRUE_OR_FALSE_EXPECTED);
        }
        boolean right = value == answer.value();
        return AnswerCheck.Scored.of(right ? 1 : 0, right, value ? "true" : "false");
    }

    // ---- short answer ---------------------------------------------------------------------------

    private static AnswerCheck checkShort(Answer.Short answer, String input) {
        String given = TextNormalizer.normalize(input);
        if (given.isEmpty()) {
            return reject(Reason.ANSWER_EXPECTED);
        }
        boolean right = false;
        for (String form : ShortAnswerForms.readings(input)) {
            if (matchesShort(answer, TextNormalizer.normalize(form))) {
                right = true;
                break;
            }
        }
        return AnswerCheck.Scored.of(right ? 1 : 0, right, input.strip());
    }

    /** {@code normalized} must already be normalised with {@link TextNormalizer}. */
    static boolean matchesShort(Answer.Short answer, String normalized) {
        String compact = TextNormalizer.compact(normalized);
        for (String accepted : answer.accepted()) {
            String a = TextNormalizer.normalize(accepted);
            if (a.equals(normalized) || TextNormalizer.compact(a).equals(compact)) return true;
        }
        for (com.google.re2j.Pattern p : answer.patterns()) {
            if (p.matcher(normalized).matches()) return true;
        }
        return false;
    }

    // ---- numeric --------------------------------------------------------------------------------

    private static AnswerCheck checkNumeric(Answer.Numeric answer, String input) {
        NumberParser.Result r = NumberParser.read(input, answer.unit());
        if (r instanceof NumberParser.WrongUnit w) {
            return w.expected().isBlank() ? reject(Reason.UNIT_NOT_EXPECTED, w.typed())
                    : reject(Reason.UNIT_MISMATCH, w.typed(), w.expected());
        }
        if (!(r instanceof NumberParser.Value value)) {
            return reject(Reason.NOT_A_NUMBER, input.strip());
        }
        double v = value.value();
        if (!Double.isFinite(v)) return reject(Reason.NOT_A_NUMBER, input.strip());
        boolean right = withinTolerance(answer, v);
        return AnswerCheck.Scored.of(right ? 1 : 0, right, formatNumber(v));
    }

    static boolean withinTolerance(Answer.Numeric answer, double given) {
        double allowed = answer.relative() ? answer.tolerance() * Math.abs(answer.value()) : answer.tolerance();
        // a few ulps of slack so that 0.1 typed for 0.1 computed never fails on rounding
        double slack = 1e-9 * Math.max(1, Math.abs(answer.value()));
        return Math.abs(given - answer.value()) <= allowed + slack;
    }

    /**
     * A number as the learner's answer is echoed: integers without a decimal point, others as short as exact
     * and never with Java's exponent form ({@code 1024}, {@code 0.125}, {@code 8.6e9} for 8.6 billion is shown
     * as {@code 8600000000}; only beyond 10^15 or below 10^-6 as {@code 8.4e22}).
     */
    public static String formatNumber(double v) {
        double a = Math.abs(v);
        if (a != 0 && (a >= 1e15 || a < 1e-6)) return Double.toString(v).replace("E", "e");
        return NumericFormat.plain(v);
    }

    // ---- ordering -------------------------------------------------------------------------------

    private static AnswerCheck checkOrdering(Presented shown, String input) {
        int n = shown.order().size();
        String s = nfkcLower(input).trim();
        List<String> tokens = new ArrayList<>();
        for (String t : ORDER_SEPARATORS.split(s)) if (!t.isEmpty()) tokens.add(t);
        if (tokens.size() == 1 && n > 1 && n <= 9 && tokens.get(0).length() == n && tokens.get(0).chars().allMatch(Character::isDigit)) {
            tokens = tokens.get(0).chars().mapToObj(c -> String.valueOf((char) c)).collect(Collectors.toList());
        }
        if (tokens.isEmpty()) return reject(Reason.ORDER_EXPECTED, n);
        List<Integer> seq = new ArrayList<>();
        for (String t : tokens) {
            int k;
            try {
                k = Integer.parseInt(t);
            } catch (NumberFormatException e) {
                return reject(Reason.NOT_AN_ITEM_NUMBER, t, n);
            }
            if (k < 1 || k > n) return reject(Reason.NOT_AN_ITEM, k, n);
            if (seq.contains(k)) return reject(Reason.LISTED_TWICE, k, n);
            seq.add(k);
        }
        if (seq.size() != n) {
            return reject(Reason.WRONG_ITEM_COUNT, seq.size(), n);
        }
        int[] positions = new int[n];
        for (int i = 0; i < n; i++) positions[i] = shown.order().get(seq.get(i) - 1);
        double score = orderingScore(positions);
        String given = seq.stream().map(String::valueOf).collect(Collectors.joining(" "));
        return AnswerCheck.Scored.of(score, score == 1.0, given);
    }

    /**
     * Kendall-style: the fraction of item pairs the learner put in the right relative order. {@code
     * positions[i]} is the correct index of the item the learner placed i-th. Only the exact order scores 1.
     */
    static double orderingScore(int[] positions) {
        int n = positions.length;
        if (n < 2) return 1;
        int concordant = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                if (positions[i] < positions[j]) concordant++;
            }
        }
        return concordant / (n * (n - 1) / 2.0);
    }

    // ---- open (self-rated) ----------------------------------------------------------------------

    private static AnswerCheck checkSelfRating(String input) {
        String s = TRAILING_PUNCT.matcher(nfkcLower(input).trim()).replaceAll("");
        Rating r = SELF_RATINGS.get(s);
        if (r == null) {
            return reject(Reason.SELF_RATING_EXPECTED);
        }
        double score = selfRatingScore(r);
        // the rating itself is the answer; the front end names it in the learner's language
        return new AnswerCheck.Scored(score, score == 1.0, Integer.toString(r.value()), Optional.of(r));
    }

    private static AnswerCheck reject(Reason reason, Object... args) {
        return new AnswerCheck.Rejected(Rejection.of(reason, args));
    }

    private static String nfkcLower(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    }
}
