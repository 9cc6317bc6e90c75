package dojo.progress;

import dojo.review.Card;
import dojo.review.Scheduler;
import java.util.List;
import java.util.Map;

/**
 * Scheduling state derived from the review log alone: each question's events, in time order, run
 * through the scheduler from a fresh card. Progress is keyed by question id only, so answers in
 * any language count for the same card.
 */
public final class Replay {

    private Replay() {}

    /**
     * @return the card of every question that has at least one event, by id (sorted)
     */
    public static Map<String, Card> cards(List<ReviewEvent> events, Scheduler scheduler) {
        return LogDigest.of(events, List.of(), scheduler).cards();   // one replay loop, the digest's
    }
}
