package dojo.review;

import java.time.Instant;

/**
 * The FSRS memory state of one question, as py-fsrs 6.3 keeps it, plus review and lapse counts.
 * {@code stability} and {@code difficulty} are null until the first review; {@code step} is the
 * learning or relearning step index (-1 in the review state).
 */
public record Card(
        String id,
        State state,
        int step,
        Double stability,
        Double difficulty,
        Instant due,
        Instant lastReview,
        int reps,
        int lapses) {

    public enum State { LEARNING, REVIEW, RELEARNING }

    /** A question never reviewed: learning, step 0, due now. */
    public static Card fresh(String id, Instant now) {
        return new Card(id, State.LEARNING, 0, null, null, now, null, 0, 0);
    }

    public boolean isNew() {
        return reps == 0;
    }
}
