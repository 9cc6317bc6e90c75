package dojo.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Seeded random review histories keep the invariants FSRS promises. */
class SchedulerPropertiesTest {

    private static final Instant T0 = Instant.parse("2026-01-05T09:00:00Z");
    private static final Rating[] RATINGS = Rating.values();

    /** A random history: ratings with gaps from seconds to years, so every branch is hit. */
    private static List<Card> randomHistory(Scheduler scheduler, SplittableRandom rnd, int reviews) {
        List<Card> history = new ArrayList<>();
        Card card = Card.fresh("q" + rnd.nextInt(1000), T0);
        Instant now = T0;
        for (int i = 0; i < reviews; i++) {
            Rating rating = RATINGS[rnd.nextInt(4)];
            card = scheduler.review(card, rating, now);
            history.add(card);
            long gapSeconds = switch (rnd.nextInt(4)) {
                case 0 -> rnd.nextLong(1, 3_600);                     // same session
                case 1 -> rnd.nextLong(3_600, 86_400);                // same day
                case 2 -> Duration.between(now, card.due()).getSeconds(); // exactly on time
                default -> rnd.nextLong(86_400, 86_400L * 4_000);     // up to ~11 years late
            };
            now = now.plusSeconds(Math.max(gapSeconds, 0));
        }
        return history;
    }

    @Test
    @DisplayName("stability stays within [0.001, 36500] and difficulty within [1, 10] on every review")
    void stabilityAndDifficultyStayClamped() {
        for (boolean fuzz : new boolean[] {false, true}) {
            SchedulerConfig cfg = fuzz ? SchedulerConfig.defaults() : SchedulerConfig.defaults().withoutFuzz();
            SplittableRandom rnd = new SplittableRandom(42);
            Scheduler scheduler = new Scheduler(cfg, rnd.split());
            for (int run = 0; run < 300; run++) {
                for (Card c : randomHistory(scheduler, rnd, 40)) {
                    assertThat(c.stability()).isBetween(Scheduler.STABILITY_MIN, Scheduler.STABILITY_MAX);
                    assertThat(c.difficulty()).isBetween(1.0, 10.0);
                }
            }
        }
    }

    @Test
    @DisplayName("stability reaches its bounds exactly and never crosses them under extreme weights")
    void stabilityHitsClampsUnderExtremeWeights() {
        double[] w = SchedulerConfig.defaults().weights();
        w[8] = 4.5;  // huge recall growth
        w[9] = 0.0;
        w[10] = 3.5;
        w[16] = 6.0;
        w[3] = 100.0;
        SchedulerConfig cfg = new SchedulerConfig(w, 0.9, List.of(), List.of(), 36500, false);
        Scheduler scheduler = new Scheduler(cfg, new SplittableRandom(1));
        Card card = scheduler.review(Card.fresh("x", T0), Rating.EASY, T0);
        Instant now = T0;
        for (int i = 0; i < 20; i++) {
            now = now.plus(Duration.ofDays(36500));
            card = scheduler.review(card, Rating.EASY, now);
        }
        assertThat(card.stability()).isEqualTo(Scheduler.STABILITY_MAX);
        assertThat(Duration.between(card.lastReview(), card.due()).toDays()).isEqualTo(36500);

        double[] low = SchedulerConfig.defaults().weights();
        low[0] = 0.001;
        Scheduler lowScheduler = new Scheduler(new SchedulerConfig(low, 0.9, List.of(), List.of(), 36500, false),
                new SplittableRandom(1));
        Card lapsed = lowScheduler.review(Card.fresh("y", T0), Rating.AGAIN, T0);
        for (int i = 1; i <= 5; i++) {
            lapsed = lowScheduler.review(lapsed, Rating.AGAIN, T0.plusSeconds(60L * i));
        }
        assertThat(lapsed.stability()).isEqualTo(Scheduler.STABILITY_MIN);
    }

    @Test
    @DisplayName("every review-state interval is a whole number of days within [1, 36500], fuzz on or off")
    void reviewIntervalsStayWithinBounds() {
        for (boolean fuzz : new boolean[] {false, true}) {
            SchedulerConfig cfg = fuzz ? SchedulerConfig.defaults() : SchedulerConfig.defaults().withoutFuzz();
            SplittableRandom rnd = new SplittableRandom(7);
            Scheduler scheduler = new Scheduler(cfg, rnd.split());
            int reviewCards = 0;
            for (int run = 0; run < 300; run++) {
                for (Card c : randomHistory(scheduler, rnd, 40)) {
                    Duration ivl = Duration.between(c.lastReview(), c.due());
                    if (c.state() == Card.State.REVIEW) {
                        reviewCards++;
                        assertThat(ivl.toSeconds() % 86_400).isZero();
                        assertThat(ivl.toDays()).isBetween(1L, 36500L);
                        assertThat(c.step()).isEqualTo(-1);
                    } else {
                        assertThat(ivl).isLessThan(Duration.ofDays(1)).isPositive();
                        assertThat(c.step()).isNotNegative();
                    }
                }
            }
            assertThat(reviewCards).isGreaterThan(1000);
        }
    }

    @Test
    @DisplayName("fuzzed intervals stay inside py-fsrs's fuzz range around the unfuzzed interval")
    void fuzzStaysInPyFsrsRange() {
        Scheduler plain = new Scheduler(SchedulerConfig.defaults().withoutFuzz(), new SplittableRandom(3));
        SplittableRandom rnd = new SplittableRandom(3);
        Scheduler fuzzy = new Scheduler(SchedulerConfig.defaults(), rnd);
        // py-fsrs examples: 3 days -> [2, 4]; 10 days -> [8, 12]; 100 days -> [93, 107]
        assertThat(plain.fuzzRange(3)).containsExactly(2, 4);
        assertThat(plain.fuzzRange(10)).containsExactly(8, 12);
        assertThat(plain.fuzzRange(100)).containsExactly(93, 107);
        assertThat(plain.fuzzRange(36500)).containsExactly(34673, 36500);
        assertThat(plain.fuzzedIntervalDays(2, 0.99)).isEqualTo(2);
        assertThat(plain.fuzzedIntervalDays(10, 0.0)).isEqualTo(8);

        boolean sawDifferent = false;
        for (int i = 0; i < 2000; i++) {
            Instant now = T0.plus(Duration.ofDays(rnd.nextInt(400)));
            double s = 0.5 + rnd.nextDouble() * 500;
            Card card = new Card("f", Card.State.REVIEW, -1, s, 5.0, now, now.minus(Duration.ofDays((long) s)), 3, 0);
            Card a = plain.review(card, Rating.GOOD, now);
            Card b = fuzzy.review(card, Rating.GOOD, now);
            long base = Duration.between(now, a.due()).toDays();
            long got = Duration.between(now, b.due()).toDays();
            assertThat(b.stability()).isEqualTo(a.stability());
            if (base < 3) {
                assertThat(got).isEqualTo(base);
            } else {
                long[] r = plain.fuzzRange(base);
                // py-fsrs rounds u * (max - min + 1) + min, so max + 1 is reachable (clamped at the maximum interval)
                assertThat(got).isBetween(r[0], Math.min(r[1] + 1, 36500));
                sawDifferent |= got != base;
            }
        }
        assertThat(sawDifferent).isTrue();
    }

    @Test
    @DisplayName("retrievability decreases as whole days pass, is 1 on the review day and 0 for new cards")
    void retrievabilityDecreasesWithTime() {
        Scheduler scheduler = new Scheduler(SchedulerConfig.defaults().withoutFuzz(), new SplittableRandom(5));
        SplittableRandom rnd = new SplittableRandom(5);
        assertThat(scheduler.retrievability(Card.fresh("n", T0), T0.plus(Duration.ofDays(3)))).isZero();
        for (int i = 0; i < 200; i++) {
            double s = 0.01 + rnd.nextDouble() * 1000;
            Card card = new Card("r", Card.State.REVIEW, -1, s, 5.0, T0, T0, 1, 0);
            assertThat(scheduler.retrievability(card, T0.plusSeconds(3600))).isEqualTo(1.0);
            double previous = 1.0;
            for (int day = 1; day <= 400; day += 1 + rnd.nextInt(30)) {
                double r = scheduler.retrievability(card, T0.plus(Duration.ofDays(day)));
                assertThat(r).isLessThan(previous).isPositive();
                previous = r;
            }
        }
    }

    @Test
    @DisplayName("S days after a review, retrievability equals the 0.9 that defines stability")
    void retrievabilityIsNinetyPercentAfterStabilityDays() {
        Scheduler scheduler = new Scheduler(SchedulerConfig.defaults().withoutFuzz(), new SplittableRandom(6));
        for (double s : new double[] {0.25, 1, 2.3065, 10, 123.456, 36500}) {
            assertThat(scheduler.forgettingCurve(s, s)).isCloseTo(0.9, within(1e-12));
        }
        for (int s : new int[] {1, 7, 30, 365}) {
            Card card = new Card("r", Card.State.REVIEW, -1, (double) s, 5.0, T0, T0, 1, 0);
            assertThat(scheduler.retrievability(card, T0.plus(Duration.ofDays(s)))).isCloseTo(0.9, within(1e-12));
        }
    }

    @Test
    @DisplayName("at the desired retention of 0.9 the next interval is the stability, rounded")
    void intervalAtDesiredRetentionIsStability() {
        Scheduler scheduler = new Scheduler(SchedulerConfig.defaults().withoutFuzz(), new SplittableRandom(6));
        assertThat(scheduler.nextIntervalDays(10.4)).isEqualTo(10);
        assertThat(scheduler.nextIntervalDays(10.6)).isEqualTo(11);
        assertThat(scheduler.nextIntervalDays(0.01)).isEqualTo(1);
        assertThat(scheduler.nextIntervalDays(36500)).isEqualTo(36500);
    }

    @Test
    @DisplayName("reps count every review and lapses count Again on review cards only")
    void repsAndLapsesAreCounted() {
        Scheduler scheduler = new Scheduler(SchedulerConfig.defaults().withoutFuzz(), new SplittableRandom(8));
        Card c = scheduler.review(Card.fresh("c", T0), Rating.AGAIN, T0);      // learning: not a lapse
        assertThat(c.reps()).isEqualTo(1);
        assertThat(c.lapses()).isZero();
        c = scheduler.review(c, Rating.EASY, T0.plusSeconds(60));              // graduates
        assertThat(c.state()).isEqualTo(Card.State.REVIEW);
        c = scheduler.review(c, Rating.AGAIN, c.due());                        // lapse
        assertThat(c.state()).isEqualTo(Card.State.RELEARNING);
        assertThat(c.lapses()).isEqualTo(1);
        c = scheduler.review(c, Rating.AGAIN, c.due());                        // relearning Again: not a lapse
        assertThat(c.lapses()).isEqualTo(1);
        assertThat(c.reps()).isEqualTo(4);
        assertThat(Duration.between(c.lastReview(), c.due())).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    @DisplayName("Hard on the first learning step waits halfway between the first two steps")
    void hardOnFirstStepWaitsBetweenSteps() {
        Scheduler scheduler = new Scheduler(SchedulerConfig.defaults().withoutFuzz(), new SplittableRandom(9));
        Card c = scheduler.review(Card.fresh("h", T0), Rating.HARD, T0);
        assertThat(c.state()).isEqualTo(Card.State.LEARNING);
        assertThat(c.step()).isZero();
        assertThat(c.due()).isEqualTo(T0.plusSeconds(330));
    }

    @Test
    @DisplayName("the replayable scheduler gives the same fuzzed due date for the same review every time")
    void replayableFuzzIsDeterministic() {
        Card card = new Card("det", Card.State.REVIEW, -1, 50.0, 5.0, T0, T0.minus(Duration.ofDays(50)), 3, 0);
        Card a = Scheduler.replayable(SchedulerConfig.defaults()).review(card, Rating.GOOD, T0);
        Card b = Scheduler.replayable(SchedulerConfig.defaults()).review(card, Rating.GOOD, T0);
        assertThat(a).isEqualTo(b);
        List<Instant> dues = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            dues.add(Scheduler.replayable(SchedulerConfig.defaults()).review(card, Rating.GOOD, T0.plusSeconds(i)).due());
        }
        assertThat(dues.stream().map(d -> Duration.between(T0, d).toDays()).distinct().count()).isGreaterThan(1);
    }

    @Test
    @DisplayName("a card in a state that cannot exist is rejected with a message naming it")
    void inconsistentCardIsRejected() {
        Scheduler scheduler = new Scheduler(SchedulerConfig.defaults(), new SplittableRandom(1));
        Card bad = new Card("bad", Card.State.REVIEW, -1, null, null, T0, null, 0, 0);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> scheduler.review(bad, Rating.GOOD, T0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bad")
                .hasMessageContaining("never reviewed");
    }
}
