package dojo.progress;

import static org.assertj.core.api.Assertions.assertThat;

import dojo.review.Card;
import dojo.review.Rating;
import dojo.review.Scheduler;
import dojo.review.SchedulerConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayTest {

    private static final Instant T0 = Instant.parse("2026-01-05T09:00:00Z");

    @TempDir
    Path tmp;

    @Test
    @DisplayName("state rebuilt from the log alone equals the state from applying the reviews directly")
    void replayEqualsDirectApplication() throws IOException {
        Scheduler scheduler = Scheduler.replayable(SchedulerConfig.defaults());
        SplittableRandom rnd = new SplittableRandom(2026);
        Map<String, Card> direct = new HashMap<>();
        String[] ids = {"scaling", "softmax-axis", "mask-causal", "heads-split", "complexity"};
        Instant now = T0;
        try (ProgressLog log = ProgressLog.open(tmp)) {
            for (int i = 0; i < 300; i++) {
                now = now.plusSeconds(rnd.nextLong(30, 86_400L * 3));
                String id = ids[rnd.nextInt(ids.length)];
                Rating rating = Rating.of(1 + rnd.nextInt(4));
                Card before = direct.getOrDefault(id, Card.fresh(id, now));
                direct.put(id, scheduler.review(before, rating, now));
                String lang = rnd.nextBoolean() ? "en" : "zh";
                log.append(new ReviewEvent(id, "bank", lang, now, rating, rating.value() >= 3,
                        rating.value() >= 3 ? 1.0 : 0.0, 1000, "review"));
            }
            LogRead read = log.read();
            assertThat(read.problems()).isEmpty();
            Map<String, Card> replayed = Replay.cards(read.events(), Scheduler.replayable(SchedulerConfig.defaults()));
            assertThat(replayed).isEqualTo(direct);
            assertThat(replayed.keySet()).containsExactly("complexity", "heads-split", "mask-causal", "scaling",
                    "softmax-axis");

            List<ReviewEvent> shuffled = new ArrayList<>(read.events());
            Collections.shuffle(shuffled, new Random(7));
            assertThat(Replay.cards(shuffled, scheduler)).isEqualTo(direct);
        }
    }

    @Test
    @DisplayName("answers in English and Chinese count for the same card")
    void languagesShareProgress() {
        Scheduler scheduler = new Scheduler(SchedulerConfig.defaults().withoutFuzz(), new SplittableRandom(1));
        List<ReviewEvent> events = List.of(
                new ReviewEvent("q", "b", "en", T0, Rating.GOOD, true, 1.0, 0, "practice"),
                new ReviewEvent("q", "b", "zh", T0.plus(Duration.ofMinutes(10)), Rating.GOOD, true, 1.0, 0, "practice"));
        Card card = Replay.cards(events, scheduler).get("q");
        assertThat(card.reps()).isEqualTo(2);
        assertThat(card.state()).isEqualTo(Card.State.REVIEW);
        assertThat(Replay.cards(List.of(), scheduler)).isEmpty();
    }
}
