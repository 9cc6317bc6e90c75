package dojo.progress;

import dojo.review.Card;
import dojo.review.Scheduler;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

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
        List<ReviewEvent> ordered = new ArrayList<>(events);
        // stable sort: events with the same instant keep their log order
        ordered.sort(Comparator.comparing(ReviewEvent::time));
        SortedMap<String, Card> cards = new TreeMap<>();
        for (ReviewEvent e : ordered) {
            Card card = cards.get(e.questionId());
            if (card == null) {
                card = Card.fresh(e.questionId(), e.time());
            }
            cards.put(e.questionId(), scheduler.review(card, e.rating(), e.time()));
        }
        return Collections.unmodifiableSortedMap(cards);
    }
}
