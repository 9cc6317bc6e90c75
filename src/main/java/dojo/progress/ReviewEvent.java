package dojo.progress;

import dojo.review.Rating;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One answered question: one line of the review log (docs/progress-log.md).
 *
 * @param questionId the question's stable id (the same in every language)
 * @param bank       id of the bank it came from, or null if unknown
 * @param lang       language it was answered in ({@code en}, {@code zh}), or null if unknown
 * @param time       when it was answered
 * @param rating     the FSRS rating the answer produced
 * @param correct    whether it counts as correct in accuracy statistics
 * @param score      0..1 (partial credit for multiple choice; self-rating maps to 0/0.5/1/1)
 * @param durationMs time from showing the question to the answer
 * @param mode       practice, exam, review or retry (null if unknown)
 * @param shown      the order the question was shown in, to replay it (empty when unknown or file order):
 *                   for choice questions the file keys in shown order ({@code c, a, d, b}), for ordering
 *                   questions the correct-order index of each shown item ({@code 2, 0, 1, 3})
 */
public record ReviewEvent(
        String questionId,
        String bank,
        String lang,
        Instant time,
        Rating rating,
        boolean correct,
        double score,
        long durationMs,
        String mode,
        List<String> shown) {

    /** An event without a recorded order (older logs, tests). */
    public ReviewEvent(String questionId, String bank, String lang, Instant time, Rating rating, boolean correct,
            double score, long durationMs, String mode) {
        this(questionId, bank, lang, time, rating, correct, score, durationMs, mode, List.of());
    }

    public ReviewEvent {
        shown = shown == null ? List.of() : List.copyOf(shown);
        Objects.requireNonNull(questionId, "questionId");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(rating, "rating");
        if (questionId.isBlank()) {
            throw new IllegalArgumentException("question id is blank");
        }
        if (!(score >= 0.0 && score <= 1.0)) {
            throw new IllegalArgumentException("score must be in [0, 1], got " + score);
        }
        if (durationMs < 0) {
            throw new IllegalArgumentException("duration must not be negative, got " + durationMs + " ms");
        }
    }
}
