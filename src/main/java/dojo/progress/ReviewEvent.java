package dojo.progress;

import dojo.review.Rating;
import java.time.Instant;
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
        String mode) {

    public ReviewEvent {
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
