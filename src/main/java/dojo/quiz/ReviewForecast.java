package dojo.quiz;

import dojo.progress.ReviewEvent;
import dojo.review.Card;
import dojo.review.Scheduler;
import java.time.Instant;
import java.util.Map;

/**
 * When a question just answered comes due again: its replayed card reviewed once more with the
 * answer's rating. The log stays the source of truth; this only tells the learner what replay will say.
 */
public final class ReviewForecast {
    private final Map<String, Card> cards;
    private final Scheduler scheduler;

    /** @param cards the cards replayed from the log before the session, by question id */
    public ReviewForecast(Map<String, Card> cards, Scheduler scheduler) {
        this.cards = Map.copyOf(cards);
        this.scheduler = scheduler;
    }

    public Instant nextDue(ReviewEvent answered) {
        Card before = cards.getOrDefault(answered.questionId(), Card.fresh(answered.questionId(), answered.time()));
        return scheduler.review(before, answered.rating(), answered.time()).due();
    }
}
