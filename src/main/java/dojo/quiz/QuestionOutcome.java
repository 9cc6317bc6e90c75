package dojo.quiz;

import dojo.review.Rating;
import java.time.Duration;
import java.util.Optional;

/**
 * What happened to one question of a session.
 *
 * @param given     the answer as understood (empty unless answered)
 * @param rating    the FSRS rating recorded (empty unless answered)
 * @param hintsUsed how many hint tiers were shown
 */
public record QuestionOutcome(
        Presented shown,
        Status status,
        double score,
        boolean correct,
        Optional<String> given,
        Optional<Rating> rating,
        int hintsUsed,
        Duration duration) {

    public enum Status {
        ANSWERED,
        /** Passed over with {@code s}; nothing recorded. */
        SKIPPED,
        /** Never answered: the session ended (quit, end of input, or the exam's time ran out) first. */
        UNANSWERED
    }

    public boolean answered() {
        return status == Status.ANSWERED;
    }
}
