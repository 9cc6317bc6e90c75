package dojo.lint;

import dojo.questions.Answer;
import dojo.questions.Bank;
import dojo.questions.Choice;
import dojo.questions.Diagnostic;
import dojo.questions.Question;
import dojo.questions.QuestionType;
import dojo.questions.SourcePos;
import dojo.terminal.DisplayWidth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Answer tells in one bank, measured on the choices in file order (docs/lint.md, "Answer skew"): where the
 * correct choice of single-choice questions sits, how often it is strictly the longest option, and how often
 * the correct set of a multiple-choice question is exactly its first k options.
 *
 * @param bank          bank id
 * @param lang          its language
 * @param single        single-choice questions
 * @param positions     how many single-choice answers sit at each position (a, b, c, ...)
 * @param expected      the count each position would hold if answers were placed uniformly at random
 * @param longest       single-choice questions whose correct option is strictly the longest (display width)
 * @param multiple      multiple-choice questions
 * @param prefix        multiple-choice questions whose correct set is exactly the first k options
 */
public record AnswerSkew(String bank, String lang, int single, int[] positions, double[] expected, int longest,
        int multiple, int prefix) {

    /** Thresholds (docs/lint.md): minimum sample sizes and the share above which a tell is reported. */
    public static final int MIN_SINGLE_POSITIONS = 8;
    public static final int MIN_SINGLE_LONGEST = 5;
    public static final int MIN_MULTIPLE = 3;
    public static final double MAX_POSITION_FACTOR = 2.0;
    public static final double MAX_LONGEST_SHARE = 0.40;
    public static final double MAX_PREFIX_SHARE = 0.40;

    public static AnswerSkew of(Bank b) {
        int maxChoices = 0;
        for (Question q : b.questions()) if (q.type() == QuestionType.SINGLE) maxChoices = Math.max(maxChoices, q.choices().size());
        int[] pos = new int[maxChoices];
        double[] exp = new double[maxChoices];
        int single = 0;
        int longest = 0;
        int multiple = 0;
        int prefix = 0;
        for (Question q : b.questions()) {
            List<Choice> cs = q.choices();
            if (q.type() == QuestionType.SINGLE) {
                single++;
                int at = correctIndex(cs);
                pos[at]++;
                for (int i = 0; i < cs.size(); i++) exp[i] += 1.0 / cs.size();
                if (strictlyLongest(cs, at)) longest++;
            } else if (q.type() == QuestionType.MULTIPLE) {
                multiple++;
                Set<String> correct = ((Answer.Choices) q.answer()).correctKeys();
                boolean isPrefix = correct.size() < cs.size();
                for (int i = 0; i < correct.size() && isPrefix; i++) isPrefix = cs.get(i).correct();
                if (isPrefix) prefix++;
            }
        }
        return new AnswerSkew(b.id(), b.lang(), single, pos, exp, longest, multiple, prefix);
    }

    private static int correctIndex(List<Choice> cs) {
        for (int i = 0; i < cs.size(); i++) if (cs.get(i).correct()) return i;
        throw new IllegalStateException("a single-choice question without a correct choice");
    }

    private static boolean strictlyLongest(List<Choice> cs, int at) {
        int w = width(cs.get(at));
        for (int i = 0; i < cs.size(); i++) if (i != at && width(cs.get(i)) >= w) return false;
        return true;
    }

    /** Display width of the option as read: Markdown emphasis and code markers do not count. */
    static int width(Choice c) {
        return DisplayWidth.of(c.markdown().replaceAll("[`*_]", "").replaceAll("\\s+", " ").strip());
    }

    /** Positions that are empty or hold more than twice their uniform share (only where the share is >= 1). */
    public List<String> skewedPositions() {
        List<String> bad = new ArrayList<>();
        if (single < MIN_SINGLE_POSITIONS) return bad;
        for (int i = 0; i < positions.length; i++) {
            if (expected[i] < 1) continue;
            if (positions[i] == 0 || positions[i] > MAX_POSITION_FACTOR * expected[i]) bad.add(String.valueOf((char) ('a' + i)));
        }
        return bad;
    }

    public double longestShare() {
        return single == 0 ? 0 : (double) longest / single;
    }

    public double prefixShare() {
        return multiple == 0 ? 0 : (double) prefix / multiple;
    }

    /** The answer positions, e.g. {@code a 7, b 11, c 2, d 0 (uniform 5.0 each)}. */
    public String positionSummary() {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < positions.length; i++) parts.add((char) ('a' + i) + " " + positions[i]);
        return String.join(", ", parts);
    }

    /** Warnings for this bank, at the top of its file. */
    public List<Diagnostic> findings(SourcePos at) {
        List<Diagnostic> d = new ArrayList<>();
        List<String> bad = skewedPositions();
        if (!bad.isEmpty()) {
            d.add(Diagnostic.warning(at, String.format(Locale.ROOT,
                    "answer positions skewed in %d single-choice questions: %s (uniform: about %s); "
                            + "empty or over twice the uniform share: %s; move some correct options",
                    single, positionSummary(), uniformSummary(), String.join(", ", bad))));
        }
        if (single >= MIN_SINGLE_LONGEST && longestShare() > MAX_LONGEST_SHARE) {
            d.add(Diagnostic.warning(at, String.format(Locale.ROOT,
                    "the correct option is strictly the longest in %d of %d single-choice questions (%.0f%%, at most %.0f%%): "
                            + "shorten it or lengthen the distractors", longest, single, 100 * longestShare(), 100 * MAX_LONGEST_SHARE)));
        }
        if (multiple >= MIN_MULTIPLE && prefixShare() > MAX_PREFIX_SHARE) {
            d.add(Diagnostic.warning(at, String.format(Locale.ROOT,
                    "the correct options are exactly the first ones in %d of %d multiple-choice questions (%.0f%%, at most %.0f%%): "
                            + "mix correct and wrong options", prefix, multiple, 100 * prefixShare(), 100 * MAX_PREFIX_SHARE)));
        }
        return d;
    }

    private String uniformSummary() {
        List<String> parts = new ArrayList<>();
        for (double e : expected) parts.add(String.format(Locale.ROOT, "%.1f", e));
        return String.join(" / ", parts);
    }
}
