package dojo.terminal;

import dojo.quiz.NumericFormat;
import dojo.quiz.Rejection;
import dojo.review.Rating;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Every sentence the quiz, review and stats report show, in one {@link UiLanguage}. One typed method per
 * message keeps call sites readable ({@code ui.wrong()}, {@code ui.questionHeader(3, 10, ...)}); the text
 * itself lives in one catalog per language, {@code src/main/resources/dojo/messages/<code>.properties}
 * (UTF-8, {@link MessageFormat} patterns), which a translator edits without touching Java.
 *
 * <p>Not here: picocli help and {@code dojo: error:} lines (English for every command), and the final
 * {@code Score: X/Y} line, which scripts parse.
 */
public final class Messages {
    private static final Pattern ANSI = Pattern.compile("\u001b\\[[0-?]*[ -/]*[@-~]");

    private final UiLanguage language;
    private final Map<String, String> catalog;

    private Messages(UiLanguage language, Map<String, String> catalog) {
        this.language = language;
        this.catalog = catalog;
    }

    /** The messages of {@code language}, read from its catalog. */
    public static Messages of(UiLanguage language) {
        return new Messages(language, catalog(language));
    }

    /** The raw catalog of {@code language}: key to MessageFormat pattern. */
    public static Map<String, String> catalog(UiLanguage language) {
        String name = "/dojo/messages/" + language.code() + ".properties";
        try (InputStream in = Messages.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("message catalog " + name + " is missing from the classpath");
            Properties p = new Properties();
            try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                p.load(r);
            }
            Map<String, String> map = new LinkedHashMap<>();
            for (String k : p.stringPropertyNames()) map.put(k, p.getProperty(k));
            return Map.copyOf(map);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read message catalog " + name + ": " + e.getMessage(), e);
        }
    }

    public UiLanguage language() {
        return language;
    }

    /** The message {@code key} with its arguments filled in. */
    String text(String key, Object... args) {
        String pattern = catalog.get(key);
        if (pattern == null) {
            throw new IllegalStateException("no message '" + key + "' in the " + language.code() + " catalog");
        }
        return new MessageFormat(pattern, language.locale()).format(args);
    }

    /**
     * Two pieces of a line joined the way the language does it: with a space between English words and
     * sentences, with none when either side touching the join is Chinese or full-width punctuation
     * ({@code Wrong. You answered b.} but {@code 答错了。你的答案：b。}). ANSI codes are looked through.
     */
    public static String join(String first, String second) {
        return first + separator(first, second) + second;
    }

    /** The space (or nothing) that goes between a label such as {@code Hint 1/2:} and what follows it. */
    public static String after(String label) {
        return separator(label, "a");
    }

    private static String separator(String first, String second) {
        String a = ANSI.matcher(first).replaceAll("");
        String b = ANSI.matcher(second).replaceAll("");
        if (a.isEmpty() || b.isEmpty()) return "";
        int last = a.codePointBefore(a.length());
        int next = b.codePointAt(0);
        return DisplayWidth.of(last) == 2 || DisplayWidth.of(next) == 2 ? "" : " ";
    }

    // ---- session intro ----------------------------------------------------------------------------

    public String introPractice(int questions) {
        return text("intro.practice", questions);
    }

    /** @param limit the time limit as a clock ({@code 20:00}) */
    public String introExam(int questions, String limit) {
        return text("intro.exam", questions, limit);
    }

    /** Shown with the first hint of a question: what using hints costs. */
    public String hintPenalty() {
        return text("hint.penalty");
    }

    /** Multiple choice: the options ticked that are not correct. */
    public String choicesWrong(String keys) {
        return text("feedback.choicesWrong", keys);
    }

    /** Multiple choice: the correct options not ticked. */
    public String choicesMissing(String keys) {
        return text("feedback.choicesMissing", keys);
    }

    /** Between two clauses of one line: "; " in English, "；" in Chinese. */
    public String listSeparator() {
        return text("list.separator");
    }

    /** The end of a session in which nothing was answered (no score line: there is no score). */
    public String nothingAnswered() {
        return text("summary.nothingAnswered");
    }

    public String introReview(int questions) {
        return text("intro.review", questions);
    }

    /** A review of {@code due} questions due and {@code fresh} never answered. */
    public String introReview(int due, int fresh) {
        if (fresh == 0) return text("intro.review", due);
        if (due == 0) return text("intro.review.new", fresh);
        return text("intro.review.both", due, fresh);
    }

    public String introRetry(int questions) {
        return text("intro.retry", questions);
    }

    /** The keys at the prompt; in a terminal also that Ctrl-C and Ctrl-D quit and progress is saved. */
    public String keys(boolean interactive) {
        return text(interactive ? "intro.keys.interactive" : "intro.keys");
    }

    // ---- a question -------------------------------------------------------------------------------

    public String questionHeader(int position, int total, String bank, int difficulty, String id) {
        return text("question.header", position, total, bank, difficulty, id);
    }

    /** @param range the choice keys, e.g. {@code a-d} */
    public String howSingle(String range) {
        return text("how.single", range);
    }

    public String howMultiple(String range) {
        return text("how.multiple", range);
    }

    public String howTrueFalse() {
        return text("how.truefalse");
    }

    public String howShort() {
        return text("how.short");
    }

    /** @param unit the expected unit, or null or blank for none */
    public String howNumeric(String unit) {
        return unit == null || unit.isBlank() ? text("how.numeric") : text("how.numeric.unit", unit);
    }

    /**
     * How to answer a numeric question: its unit (if any) and the precision it asks for, so that every
     * numeric question states one or the other. A whole number with a unit needs no precision phrase.
     */
    public String howNumeric(String unit, NumericFormat.Precision precision) {
        boolean hasUnit = unit != null && !unit.isBlank();
        if (precision instanceof NumericFormat.WholeNumber) {
            return hasUnit ? text("how.numeric.unit", unit) : text("how.numeric.whole");
        }
        String phrase = precision(precision);
        return hasUnit ? text("how.numeric.precise.unit", unit, phrase) : text("how.numeric.precise", phrase);
    }

    /** The precision phrase: "to 2 decimal places", "within 1% of the exact value", "exact". */
    public String precision(NumericFormat.Precision p) {
        if (p instanceof NumericFormat.DecimalPlaces d) return text("precision.places", d.places());
        if (p instanceof NumericFormat.Within w) return text("precision.within", w.amount());
        if (p instanceof NumericFormat.WithinPercent w) return text("precision.percent", w.percent());
        return text("precision.exact");
    }

    public String howOrdering(int items) {
        return text("how.ordering", items);
    }

    /** Interactive: answer freely, then see the model answer; otherwise the model answer is already shown. */
    public String howOpen(boolean interactive) {
        return text(interactive ? "how.open.interactive" : "how.open.plain");
    }

    public String modelAnswer() {
        return text("model.answer");
    }

    public String keyPoints() {
        return text("model.keyPoints");
    }

    public String rateYourself() {
        return text("model.rate");
    }

    /** The label before a hint's text: {@code Hint 1/2:}. */
    public String hintLabel(int tier, int tiers) {
        return text("hint.label", tier, tiers);
    }

    public String noHints() {
        return text("hint.none");
    }

    public String noMoreHints() {
        return text("hint.noMore");
    }

    // ---- at the prompt ----------------------------------------------------------------------------

    /** @param clock the time left, e.g. {@code 12:05} */
    public String promptTimeLeft(String clock) {
        return text("prompt.timeLeft", clock);
    }

    public String promptRate() {
        return text("prompt.rate");
    }

    /** The whole line for input that was not understood: {@code Not understood: <why>. Try again.} */
    public String notUnderstood(Rejection why) {
        return text("input.rejected", reason(why));
    }

    /** Why input was not understood; an ordering detail is followed by how to type an ordering. */
    public String reason(Rejection why) {
        String text = text("reject." + why.reason().key(), why.args().toArray());
        if (!why.reason().isOrderingDetail()) return text;
        String items = why.args().get(why.args().size() - 1);
        return text("reject.then", text, text("reject." + Rejection.Reason.ORDER_EXPECTED.key(), items));
    }

    public String skipped() {
        return text("input.skipped");
    }

    public String answerRecorded() {
        return text("input.recorded");
    }

    public String timeUp() {
        return text("time.up");
    }

    // ---- feedback ---------------------------------------------------------------------------------

    public String correct() {
        return text("verdict.correct");
    }

    public String wrong() {
        return text("verdict.wrong");
    }

    /** @param points the points earned, formatted ({@code 0.5}) */
    public String partlyRight(String points) {
        return text("verdict.partly", points);
    }

    /** @param given the answer as understood, already in the learner's terms */
    public String youAnswered(String given) {
        return text("verdict.given", given);
    }

    /** An open question's verdict: the self-rating, number and name. */
    public String rated(Rating rating) {
        return text("verdict.rated", rating.value(), ratingName(rating));
    }

    public String ratingName(Rating rating) {
        return text("rating." + rating.name().toLowerCase(Locale.ROOT));
    }

    /** True or false, as an answer: {@code true}, {@code 对}. */
    public String truth(boolean value) {
        return text(value ? "truth.true" : "truth.false");
    }

    public String hintUsed() {
        return text("feedback.hintUsed");
    }

    /** @param in how long until the question is due again */
    public String nextReview(Duration in) {
        return text("feedback.nextReview", duration(in));
    }

    /** The label before the correct answer: {@code Answer:}. */
    public String answerLabel() {
        return text("answer.label");
    }

    public String seeExplanation() {
        return text("answer.seeExplanation");
    }

    public String alsoAccepted(List<String> answers) {
        return text("answer.alsoAccepted", String.join(text("list.separator"), answers));
    }

    public String explanation() {
        return text("explanation");
    }

    // ---- end of a session -------------------------------------------------------------------------

    public String examReview() {
        return text("exam.review");
    }

    public String examSkipped() {
        return text("exam.skipped");
    }

    public String examNotAnswered() {
        return text("exam.notAnswered");
    }

    public String examCorrect() {
        return text("exam.correct");
    }

    public String examPartlyRight(String points) {
        return text("exam.partly", points);
    }

    public String examWrong() {
        return text("exam.wrong");
    }

    /** An exam review line: the mark, then what was answered. */
    public String examGiven(String mark, String given) {
        return text("exam.given", mark, given);
    }

    /**
     * The counts at the end: answered of total, skipped and not reached when there are any, fully
     * correct, and a note when the session was ended early.
     */
    public String summaryCounts(long answered, long total, long skipped, long notReached, long correct, boolean endedEarly) {
        StringBuilder b = new StringBuilder(text("summary.answered", answered, total));
        if (skipped > 0) b.append(text("summary.skipped", skipped));
        if (notReached > 0) b.append(text("summary.notReached", notReached));
        b.append(text("summary.correct", correct));
        return endedEarly ? join(b.toString(), text("summary.quit")) : b.toString();
    }

    public String byTag() {
        return text("summary.byTag");
    }

    // ---- retry-wrong and review -------------------------------------------------------------------

    public String nothingToRetry() {
        return text("retry.nothing");
    }

    public String nothingDue() {
        return text("review.nothing");
    }

    /** @param in how long until the next question is due */
    public String nothingDueNext(Duration in) {
        return text("review.nothingNext", duration(in));
    }

    public String nothingDueNoNew() {
        return text("review.nothingNew");
    }

    /** A coarse amount of time ({@link Durations#coarse}): {@code 3h}, {@code 3 小时}. */
    public String duration(Duration d) {
        Durations.Coarse c = Durations.coarse(d);
        return text("duration." + c.unit().name().toLowerCase(Locale.ROOT), c.amount());
    }

    // ---- dojo stats -------------------------------------------------------------------------------

    public String statsTitle() {
        return text("stats.title");
    }

    public String statsWhen(String date, String zone) {
        return text("stats.when", date, zone);
    }

    /** @param count the count, possibly styled */
    public String statsDueNow(String count) {
        return text("stats.dueNow", count);
    }

    public String statsDueToday(int count) {
        return text("stats.dueToday", count);
    }

    public String statsNew(int fresh, int questions) {
        return text("stats.new", fresh, questions);
    }

    public String statsHistory(int answers) {
        return text("stats.history", answers);
    }

    /** @param value an accuracy from {@link #statsShare} */
    public String statsAccuracy(String value) {
        return text("stats.accuracy", value);
    }

    public String statsLast7Days(String value) {
        return text("stats.last7Days", value);
    }

    /** @param share a percentage or {@code -} */
    public String statsShare(String share, int correct, int answers) {
        return text("stats.share", share, correct, answers);
    }

    public String statsStreak(int days) {
        return text("stats.streak", days);
    }

    public String statsLongest(int days) {
        return text("stats.longest", days);
    }

    public String statsChartTitle() {
        return text("stats.chart.title");
    }

    public String statsChartSpan(int days) {
        return text("stats.chart.span", days);
    }

    public String statsChartEmpty() {
        return text("stats.chart.empty");
    }

    /** The title of the per-bank section. */
    public String statsTopicsTitle() {
        return text("stats.topics.title");
    }

    /** The title of the every-tag section ({@code --tags all}). */
    public String statsTagsTitle() {
        return text("stats.tags.title");
    }

    /** The title of the weakest-reviewed-tags section. */
    public String statsWeakestTitle() {
        return text("stats.weakest.title");
    }

    /**
     * How many tags the weakest-tags section leaves out.
     *
     * @param hidden         tags not listed, reviewed or not
     * @param hiddenReviewed how many of them have been reviewed
     */
    public String statsTagsMore(int hidden, int hiddenReviewed) {
        return text("stats.tags.more", hidden, hiddenReviewed);
    }

    /** @param command the command that lists every tag */
    public String statsTagsHow(String command) {
        return text("stats.tags.how", command);
    }

    /** Said instead of the weakest tags while nothing has been reviewed; the commands to start with. */
    public String statsNoReviews(String quizCommand, String reviewCommand) {
        return text("stats.noReviews", quizCommand, reviewCommand);
    }

    public String statsTagsLegend(boolean withAccuracy) {
        return text(withAccuracy ? "stats.tags.legend" : "stats.tags.legendShort");
    }

    public String statsTagReviewed(int reviewed, int questions) {
        return text("stats.tag.reviewed", reviewed, questions);
    }

    /** @param share a percentage or {@code -}, padded */
    public String statsTagAccuracy(String share) {
        return text("stats.tag.accuracy", share);
    }

    public String statsOrphaned() {
        return text("stats.orphaned");
    }
}
