package dojo.progress;

import dojo.review.Rating;
import java.time.Instant;

/**
 * One answered question: one line of the review log (docs/progress-log.md).
 *
 * @param score      0..1 (partial credit for multiple choice; self-rating maps to 0/0.5/1/1)
 * @param durationMs time from showing the question to the answer
 * @param mode       practice, exam, review or retry
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
        String mode) {}
