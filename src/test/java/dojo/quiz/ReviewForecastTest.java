package dojo.quiz;

import static org.assertj.core.api.Assertions.assertThat;

import dojo.progress.ReviewEvent;
import dojo.review.Card;
import dojo.review.Rating;
import dojo.review.Scheduler;
import dojo.review.SchedulerConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReviewForecastTest {
    static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");
    final Scheduler scheduler = Scheduler.replayable(SchedulerConfig.defaults().withoutFuzz());

    static ReviewEvent answered(String id, Rating r) {
        return new ReviewEvent(id, "b", "en", NOW, r, r != Rating.AGAIN, r == Rating.AGAIN ? 0 : 1, 100, "review");
    }

    @Test
    void aWellKnownQuestionAnsweredRightComesBackMuchLaterThanANewOne() {
        Card mature = new Card("old", Card.State.REVIEW, -1, 40.0, 4.0, NOW, NOW.minus(Duration.ofDays(40)), 6, 0);
        ReviewForecast f = new ReviewForecast(Map.of("old", mature), scheduler);
        Instant newDue = f.nextDue(answered("new", Rating.GOOD));
        Instant oldDue = f.nextDue(answered("old", Rating.GOOD));
        assertThat(Duration.between(NOW, newDue)).isLessThan(Duration.ofDays(1));
        assertThat(Duration.between(NOW, oldDue)).isGreaterThan(Duration.ofDays(30));
    }

    @Test
    void forgettingBringsItBackSoonerThanRemembering() {
        Card mature = new Card("old", Card.State.REVIEW, -1, 40.0, 4.0, NOW, NOW.minus(Duration.ofDays(40)), 6, 0);
        ReviewForecast f = new ReviewForecast(Map.of("old", mature), scheduler);
        assertThat(f.nextDue(answered("old", Rating.AGAIN))).isBefore(f.nextDue(answered("old", Rating.HARD)));
        assertThat(f.nextDue(answered("old", Rating.AGAIN))).isAfter(NOW);
    }
}
