package dojo.stats;

import static dojo.stats.StatsFixtures.answer;
import static dojo.stats.StatsFixtures.bank;
import static dojo.stats.StatsFixtures.question;
import static dojo.stats.StatsFixtures.questionIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import dojo.progress.ReviewEvent;
import dojo.questions.Bank;
import dojo.review.Card;
import dojo.review.Rating;
import dojo.review.Scheduler;
import dojo.review.SchedulerConfig;
import dojo.stats.StatsReport.BankStats;
import dojo.stats.StatsReport.QuestionState;
import dojo.stats.StatsReport.TagStats;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class StatsEngineTest {

    /** 20:00 in Shanghai (UTC+8): the local day ends at 16:00 UTC. */
    static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    static final Scheduler SCHEDULER = new Scheduler(SchedulerConfig.defaults().withoutFuzz(), new SplittableRandom(1));

    /** Two topics; attn-scale is also in the Chinese core bank, where it shares its progress. */
    static List<Bank> banks() {
        return List.of(
                bank("core", "Core attention", "en",
                        question("attn-scale", "en", "attention", "scaling"),
                        question("attn-mask", "en", "attention", "masking"),
                        question("new-one", "en", "attention")),
                bank("positions", "Positions", "en", questionIn("positions", "pos-sin", "en", "positional")),
                bank("core", "核心注意力", "zh", question("attn-scale", "zh", "attention", "scaling")));
    }

    static List<ReviewEvent> events() {
        return List.of(
                answer("gone-q", "2026-02-28T05:00:00Z", Rating.GOOD),
                answer("attn-scale", "2026-03-01T02:00:00Z", Rating.GOOD),
                answer("attn-scale", "2026-03-01T02:10:00Z", Rating.GOOD),
                answer("gone-q", "2026-03-02T05:00:00Z", Rating.AGAIN),
                answer("attn-scale", "2026-03-03T02:10:00Z", Rating.GOOD),
                answer("attn-mask", "2026-03-09T15:30:00Z", Rating.AGAIN),
                answer("attn-mask", "2026-03-09T15:31:00Z", Rating.GOOD),
                answer("pos-sin", "2026-03-10T11:55:00Z", Rating.GOOD));
    }

    /** The card as the scheduler gives it when the reviews are applied one by one, without Replay. */
    static Card direct(String id) {
        Card card = null;
        for (ReviewEvent e : events()) {
            if (!e.questionId().equals(id)) continue;
            card = SCHEDULER.review(card == null ? Card.fresh(id, e.time()) : card, e.rating(), e.time());
        }
        return card;
    }

    @Test
    @DisplayName("due now, due by the end of the local day, new and reviewed counts")
    void dueCounts() {
        StatsReport r = StatsEngine.compute(banks(), "en", events(), SCHEDULER, NOW, SHANGHAI);
        // attn-mask: learning step 1, due 15:41 yesterday UTC -> due now
        // pos-sin: learning step 1, due 12:05 UTC, before the local midnight (16:00 UTC) -> due today only
        // attn-scale: review, due days ahead
        assertThat(direct("attn-mask").due()).isBefore(NOW);
        assertThat(direct("pos-sin").due()).isAfter(NOW).isBefore(Instant.parse("2026-03-10T16:00:00Z"));
        assertThat(direct("attn-scale").due()).isAfter(Instant.parse("2026-03-11T00:00:00Z"));
        assertThat(r.counts()).isEqualTo(new StatsReport.Counts(4, 1, 2, 1, 3, 8));
        assertThat(r.today()).isEqualTo(LocalDate.of(2026, 3, 10));
        assertThat(r.zone()).isEqualTo("Asia/Shanghai");
        assertThat(r.generatedAt()).isEqualTo(NOW);
    }

    @Test
    @DisplayName("per-question state matches the scheduler, new questions have no FSRS state")
    void perQuestionState() {
        StatsReport r = StatsEngine.compute(banks(), "en", events(), SCHEDULER, NOW, SHANGHAI);
        assertThat(r.questions()).extracting(QuestionState::id)
                .containsExactly("attn-mask", "attn-scale", "new-one", "pos-sin");
        for (QuestionState q : r.questions()) {
            if (q.id().equals("new-one")) {
                assertThat(q).isEqualTo(new QuestionState("new-one", "core", "new", null, null, null, null, 0, 0, 0.0));
                continue;
            }
            Card c = direct(q.id());
            assertThat(q.state()).isEqualTo(c.state().name().toLowerCase());
            assertThat(q.stability()).isEqualTo(c.stability());
            assertThat(q.difficulty()).isEqualTo(c.difficulty());
            assertThat(q.due()).isEqualTo(c.due());
            assertThat(q.lastReview()).isEqualTo(c.lastReview());
            assertThat(q.reps()).isEqualTo(c.reps());
            assertThat(q.lapses()).isEqualTo(c.lapses());
            assertThat(q.retrievability()).isEqualTo(SCHEDULER.retrievability(c, NOW));
        }
        assertThat(r.questions().get(1).state()).isEqualTo("review");
        assertThat(r.questions().get(1).retrievability()).isBetween(0.5, 1.0).isLessThan(1.0);
    }

    @Test
    @DisplayName("tag mastery is the mean retrievability over the tag's questions, unreviewed counting 0")
    void tagMastery() {
        StatsReport r = StatsEngine.compute(banks(), "en", events(), SCHEDULER, NOW, SHANGHAI);
        assertThat(r.tags()).extracting(TagStats::tag).containsExactly("attention", "masking", "positional", "scaling");
        TagStats attention = r.tags().get(0);
        double rScale = SCHEDULER.retrievability(direct("attn-scale"), NOW);
        double rMask = SCHEDULER.retrievability(direct("attn-mask"), NOW);
        assertThat(attention.questions()).isEqualTo(3);
        assertThat(attention.reviewed()).isEqualTo(2);
        assertThat(attention.mastery()).isCloseTo((rScale + rMask + 0.0) / 3, within(1e-12));
        assertThat(attention.accuracy()).isEqualTo(new StatsReport.Accuracy(5, 4, 0.8));
        TagStats scaling = r.tags().get(3);
        assertThat(scaling.questions()).isEqualTo(1);
        assertThat(scaling.mastery()).isCloseTo(rScale, within(1e-12));
        assertThat(scaling.accuracy()).isEqualTo(new StatsReport.Accuracy(3, 3, 1.0));
    }

    @Test
    @DisplayName("bank mastery is the mean retrievability over the bank's questions, with its answers' accuracy")
    void bankStats() {
        StatsReport r = StatsEngine.compute(banks(), "en", events(), SCHEDULER, NOW, SHANGHAI);
        double rScale = SCHEDULER.retrievability(direct("attn-scale"), NOW);
        double rMask = SCHEDULER.retrievability(direct("attn-mask"), NOW);
        double rPos = SCHEDULER.retrievability(direct("pos-sin"), NOW);
        assertThat(r.banks()).extracting(BankStats::bank).containsExactly("core", "positions");
        BankStats core = r.banks().get(0);
        // attn-scale is in the English and the Chinese core bank: one question, counted once
        assertThat(core.title()).isEqualTo("Core attention");
        assertThat(core.questions()).isEqualTo(3);
        assertThat(core.reviewed()).isEqualTo(2);
        assertThat(core.mastery()).isCloseTo((rScale + rMask + 0.0) / 3, within(1e-12));
        // attn-scale 3 good, attn-mask again then good; gone-q's answers belong to no bank
        assertThat(core.accuracy()).isEqualTo(new StatsReport.Accuracy(5, 4, 0.8));
        BankStats positions = r.banks().get(1);
        assertThat(positions).isEqualTo(new BankStats("positions", "Positions", 1, 1, rPos,
                new StatsReport.Accuracy(1, 1, 1.0)));
        assertThat(rPos).isGreaterThan(0.99); // answered five minutes ago
    }

    @Test
    @DisplayName("bank mastery follows the clock: a week later the same answers are recalled less well")
    void bankMasteryDecays() {
        StatsReport now = StatsEngine.compute(banks(), "en", events(), SCHEDULER, NOW, SHANGHAI);
        Instant weekLater = NOW.plusSeconds(7 * 86_400);
        StatsReport later = StatsEngine.compute(banks(), "en", events(), SCHEDULER, weekLater, SHANGHAI);
        for (int i = 0; i < 2; i++) {
            assertThat(later.banks().get(i).mastery()).isLessThan(now.banks().get(i).mastery());
            assertThat(later.banks().get(i).accuracy()).isEqualTo(now.banks().get(i).accuracy());
        }
        assertThat(later.banks().get(1).mastery())
                .isCloseTo(SCHEDULER.retrievability(direct("pos-sin"), weekLater), within(1e-12));
    }

    @Test
    @DisplayName("bank titles come from the requested language, whose banks come first; others keep their own title")
    void bankTitlesAndOrder() {
        List<Bank> banks = new java.util.ArrayList<>(banks());
        banks.add(bank("zh-extra", "中文专题", "zh", questionIn("zh-extra", "zh-q", "zh", "extra")));
        StatsReport en = StatsEngine.compute(banks, "en", events(), SCHEDULER, NOW, SHANGHAI);
        assertThat(en.banks()).extracting(BankStats::bank, BankStats::title).containsExactly(
                tuple("core", "Core attention"), tuple("positions", "Positions"), tuple("zh-extra", "中文专题"));
        StatsReport zh = StatsEngine.compute(banks, "zh", events(), SCHEDULER, NOW, SHANGHAI);
        assertThat(zh.banks()).extracting(BankStats::bank, BankStats::title).containsExactly(
                tuple("core", "核心注意力"), tuple("zh-extra", "中文专题"), tuple("positions", "Positions"));
        // the numbers do not depend on the title language
        assertThat(zh.banks().get(0)).usingRecursiveComparison().ignoringFields("title").isEqualTo(en.banks().get(0));
        assertThat(zh.banks().get(1)).isEqualTo(new BankStats("zh-extra", "中文专题", 1, 0, 0.0,
                new StatsReport.Accuracy(0, 0, null)));
    }

    @Test
    @DisplayName("a bank without usable questions is left out instead of dividing by zero")
    void emptyBankLeftOut() {
        List<Bank> banks = new java.util.ArrayList<>(banks());
        banks.add(bank("broken", "All questions had errors", "en"));
        StatsReport r = StatsEngine.compute(banks, "en", events(), SCHEDULER, NOW, SHANGHAI);
        assertThat(r.banks()).extracting(BankStats::bank).containsExactly("core", "positions");
        assertThat(r.banks()).allSatisfy(b -> assertThat(b.mastery()).isBetween(0.0, 1.0));
    }

    @Test
    @DisplayName("accuracy counts every answer overall, including removed questions, and the last 7 local days")
    void accuracy() {
        StatsReport r = StatsEngine.compute(banks(), "en", events(), SCHEDULER, NOW, SHANGHAI);
        assertThat(r.accuracy().overall()).isEqualTo(new StatsReport.Accuracy(8, 6, 0.75));
        // 03-04 .. 03-10 local: the attn-mask pair (03-09 23:30 and 23:31 local) and pos-sin
        assertThat(r.accuracy().last7Days()).isEqualTo(new StatsReport.Accuracy(3, 2, 2.0 / 3));
    }

    @Test
    @DisplayName("answers for ids no longer in the banks are listed as orphaned but stay in history")
    void orphanedIds() {
        StatsReport r = StatsEngine.compute(banks(), "en", events(), SCHEDULER, NOW, SHANGHAI);
        assertThat(r.orphaned()).containsExactly("gone-q");
        assertThat(r.questions()).extracting(QuestionState::id).doesNotContain("gone-q");
        assertThat(r.reviewsPerDay().stream().mapToInt(StatsReport.DayCount::reviews).sum()).isEqualTo(8);
    }

    @Test
    @DisplayName("streaks count local days with a review; today without a review yet keeps yesterday's streak")
    void streaks() {
        StatsReport r = StatsEngine.compute(banks(), "en", events(), SCHEDULER, NOW, SHANGHAI);
        // local review days: 02-28, 03-01, 03-02, 03-03 (run of 4), 03-09, 03-10 (current run of 2)
        assertThat(r.streak()).isEqualTo(new StatsReport.Streak(2, 4, LocalDate.of(2026, 3, 10)));

        Instant tomorrowEvening = NOW.plusSeconds(86_400);
        StatsReport next = StatsEngine.compute(banks(), "en", events(), SCHEDULER, tomorrowEvening, SHANGHAI);
        assertThat(next.streak().currentDays()).isEqualTo(2);
        StatsReport later = StatsEngine.compute(banks(), "en", events(), SCHEDULER, NOW.plusSeconds(2 * 86_400), SHANGHAI);
        assertThat(later.streak().currentDays()).isZero();
        assertThat(later.streak().longestDays()).isEqualTo(4);
    }

    @Test
    @DisplayName("days are local: an answer at 17:00 UTC counts for the next day in Shanghai, not in UTC")
    void localDays() {
        List<ReviewEvent> late = List.of(answer("pos-sin", "2026-03-09T17:00:00Z", Rating.GOOD));
        StatsReport shanghai = StatsEngine.compute(banks(), "en", late, SCHEDULER, NOW, SHANGHAI);
        StatsReport utc = StatsEngine.compute(banks(), "en", late, SCHEDULER, NOW, ZoneId.of("UTC"));
        assertThat(last(shanghai).reviews()).isEqualTo(1);
        assertThat(last(utc).reviews()).isZero();
        assertThat(shanghai.streak().currentDays()).isEqualTo(1);
        assertThat(shanghai.streak().lastReviewDay()).isEqualTo(LocalDate.of(2026, 3, 10));
        assertThat(utc.streak().lastReviewDay()).isEqualTo(LocalDate.of(2026, 3, 9));
    }

    @Test
    @DisplayName("reviews per day cover the last 30 local days, oldest first, empty days included")
    void reviewsPerDay() {
        StatsReport r = StatsEngine.compute(banks(), "en", events(), SCHEDULER, NOW, SHANGHAI);
        assertThat(r.reviewsPerDay()).hasSize(30);
        assertThat(r.reviewsPerDay().get(0).date()).isEqualTo(LocalDate.of(2026, 2, 9));
        assertThat(last(r).date()).isEqualTo(LocalDate.of(2026, 3, 10));
        assertThat(r.reviewsPerDay()).filteredOn(d -> d.date().equals(LocalDate.of(2026, 3, 1)))
                .containsExactly(new StatsReport.DayCount(LocalDate.of(2026, 3, 1), 2, 2));
        assertThat(r.reviewsPerDay()).filteredOn(d -> d.date().equals(LocalDate.of(2026, 3, 9)))
                .containsExactly(new StatsReport.DayCount(LocalDate.of(2026, 3, 9), 2, 1));
        assertThat(r.reviewsPerDay()).filteredOn(d -> d.date().equals(LocalDate.of(2026, 3, 5)))
                .containsExactly(new StatsReport.DayCount(LocalDate.of(2026, 3, 5), 0, 0));
    }

    @Test
    @DisplayName("no banks and no history give an empty report without accuracy shares")
    void emptyEverything() {
        StatsReport r = StatsEngine.compute(List.of(), "en", List.of(), SCHEDULER, NOW, SHANGHAI);
        assertThat(r.counts()).isEqualTo(new StatsReport.Counts(0, 0, 0, 0, 0, 0));
        assertThat(r.accuracy().overall()).isEqualTo(new StatsReport.Accuracy(0, 0, null));
        assertThat(r.streak()).isEqualTo(new StatsReport.Streak(0, 0, null));
        assertThat(r.tags()).isEmpty();
        assertThat(r.banks()).isEmpty();
        assertThat(r.orphaned()).isEmpty();
        assertThat(r.reviewsPerDay()).hasSize(30).allMatch(d -> d.reviews() == 0);
    }

    private static StatsReport.DayCount last(StatsReport r) {
        return r.reviewsPerDay().get(r.reviewsPerDay().size() - 1);
    }
}
