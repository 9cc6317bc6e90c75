package dojo.stats;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Everything {@code dojo stats} shows, computed once by {@link StatsEngine}; renderers only format
 * it. Field meanings and the JSON form are in docs/stats.md.
 *
 * @param generatedAt   the instant the report describes ("now")
 * @param zone          the time zone whose calendar days are used (due today, streaks, per-day counts)
 * @param today         the local date of {@code generatedAt}
 * @param counts        question and review counts
 * @param accuracy      share of correct answers, overall and over the last 7 days
 * @param streak        consecutive days with at least one review
 * @param reviewsPerDay the last 30 local days, oldest first, ending today (days without reviews included)
 * @param banks         per-bank (topic) mastery and accuracy, in bank order
 * @param tags          per-tag mastery and accuracy, by tag name
 * @param questions     the FSRS state of every question in the banks, by id
 * @param orphaned      ids that have reviews in the log but no question in the banks (removed), sorted
 */
public record StatsReport(
        Instant generatedAt,
        String zone,
        LocalDate today,
        Counts counts,
        AccuracySummary accuracy,
        Streak streak,
        List<DayCount> reviewsPerDay,
        List<BankStats> banks,
        List<TagStats> tags,
        List<QuestionState> questions,
        List<String> orphaned) {

    public StatsReport {
        reviewsPerDay = List.copyOf(reviewsPerDay);
        banks = List.copyOf(banks);
        tags = List.copyOf(tags);
        questions = List.copyOf(questions);
        orphaned = List.copyOf(orphaned);
    }

    /**
     * @param questions  distinct question ids in the banks
     * @param dueNow     reviewed questions whose due time is not after now
     * @param dueToday   reviewed questions due before the end of today (local), including those due now
     * @param newCount   questions never reviewed
     * @param reviewed   questions reviewed at least once
     * @param reviews    all answers in the log, orphaned ones included
     */
    public record Counts(int questions, int dueNow, int dueToday, int newCount, int reviewed, int reviews) {}

    /**
     * @param answers the answers counted
     * @param correct how many of them were correct
     * @param share   correct / answers, or null when there are no answers
     */
    public record Accuracy(int answers, int correct, Double share) {}

    /** Accuracy over the whole history and over the last 7 local days (today included). */
    public record AccuracySummary(Accuracy overall, Accuracy last7Days) {}

    /**
     * @param currentDays  run of consecutive review days ending today, or yesterday if there is no review
     *                     yet today (the streak is still alive); 0 otherwise
     * @param longestDays  the longest such run ever
     * @param lastReviewDay the most recent day with a review, or null
     */
    public record Streak(int currentDays, int longestDays, LocalDate lastReviewDay) {}

    /** Answers on one local day. */
    public record DayCount(LocalDate date, int reviews, int correct) {}

    /**
     * One bank (topic), merged across languages by bank id.
     *
     * @param bank      the bank id
     * @param title     the bank's title in the requested language, or in the first language that has the bank
     * @param questions distinct question ids in the bank
     * @param reviewed  how many of them have been reviewed
     * @param mastery   mean retrievability now over those questions, unreviewed ones counting 0
     * @param accuracy  accuracy of the answers to those questions
     */
    public record BankStats(String bank, String title, int questions, int reviewed, double mastery, Accuracy accuracy) {}

    /**
     * @param tag       the tag
     * @param questions questions carrying it
     * @param reviewed  how many of them have been reviewed
     * @param mastery   mean retrievability now over those questions, unreviewed ones counting 0
     * @param accuracy  accuracy of the answers to those questions
     */
    public record TagStats(String tag, int questions, int reviewed, double mastery, Accuracy accuracy) {
        /**
         * Mean retrievability of the reviewed questions alone (0 when none is): what you are forgetting,
         * as opposed to {@link #mastery}, which also counts what you have not started.
         */
        public double reviewedRecall() {
            return reviewed == 0 ? 0 : mastery * questions / reviewed;
        }
    }

    /**
     * The FSRS state of one question. For a never-reviewed question {@code state} is {@code new} and
     * stability, difficulty, due and lastReview are null.
     *
     * @param state new, learning, review or relearning
     */
    public record QuestionState(
            String id,
            String bank,
            String state,
            Double stability,
            Double difficulty,
            Instant due,
            Instant lastReview,
            int reps,
            int lapses,
            double retrievability) {}
}
