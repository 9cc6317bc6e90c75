package dojo.quiz;

import static dojo.quiz.Questions.single;
import static org.assertj.core.api.Assertions.assertThat;

import dojo.progress.ReviewEvent;
import dojo.progress.ReviewEventCodec;
import dojo.questions.ChoiceOrder;
import dojo.questions.Question;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ChoiceShuffleTest {
    final QuizEngine engine = new QuizEngine(new FakeClock(Instant.parse("2026-01-01T00:00:00Z")));
    final Question q = single("s1", 4, "b");

    Presented shown(Question question, long seed) {
        return engine.start(Mode.PRACTICE, List.of(question), seed, Optional.empty()).current().orElseThrow();
    }

    @Test
    void theSameSeedShowsTheSameOrderAndOtherSeedsOtherOrders() {
        assertThat(shown(q, 42).choiceOrder()).isEqualTo(shown(q, 42).choiceOrder());
        Set<List<Integer>> orders = new HashSet<>();
        for (long seed = 0; seed < 50; seed++) orders.add(shown(q, seed).choiceOrder());
        assertThat(orders.size()).isGreaterThan(10);
    }

    @Test
    void overManySessionsTheCorrectChoiceLandsOnEveryPositionAboutEqually() {
        int[] at = new int[4];
        for (long seed = 0; seed < 4000; seed++) {
            at[((dojo.questions.Answer.Choices) shown(q, seed).question().answer()).correctKeys().iterator().next().charAt(0) - 'a']++;
        }
        for (int n : at) assertThat(n).isBetween(850, 1150);
    }

    @Test
    void theShownKeysAreRelabelledAndScoredByWhatWasShown() {
        Presented p = shown(q, 7);
        assertThat(p.question().choices()).extracting(c -> c.key()).containsExactly("a", "b", "c", "d");
        String right = p.shownKey("b");
        assertThat(p.question().choices().get(right.charAt(0) - 'a').markdown()).isEqualTo("option b");
        AnswerCheck.Scored s = (AnswerCheck.Scored) Scoring.check(p, right);
        assertThat(s.correct()).isTrue();
    }

    @Test
    void theOrderShownIsRecordedInTheReviewEventAndSurvivesTheLog() {
        Session s = engine.start(Mode.PRACTICE, List.of(q), 3, Optional.empty());
        Presented p = s.current().orElseThrow();
        ReviewEvent e = ((Submission.Accepted) s.answer("a")).event();
        List<String> expected = p.choiceOrder().stream().map(ChoiceOrder::key).toList();
        if (!p.choiceOrder().equals(ChoiceOrder.identity(4))) assertThat(e.shown()).isEqualTo(expected);
        ReviewEvent back = ReviewEventCodec.fromJson(ReviewEventCodec.toJson(e));
        assertThat(back.shown()).isEqualTo(e.shown());
        // replay: the file keys in shown order rebuild the same presentation
        List<Integer> replayed = back.shown().stream().map(k -> k.charAt(0) - 'a').toList();
        assertThat(q.withChoiceOrder(replayed)).isEqualTo(p.question());
    }

    @Test
    void anOldLogLineWithoutTheShownOrderStillReads() {
        ReviewEvent e = ReviewEventCodec.fromJson("{\"v\":1,\"time\":\"2025-01-01T00:00:00Z\",\"id\":\"s1\","
                + "\"rating\":3,\"correct\":true,\"score\":1.0,\"duration_ms\":5}");
        assertThat(e.shown()).isEmpty();
    }

    @Test
    void aQuestionThatOptsOutKeepsItsFileOrderInSessionsAndExports() {
        Question fixed = new Question(q.id(), q.bank(), q.lang(), q.type(), q.title(), q.difficulty(), q.tags(), q.prompt(),
                q.choices(), q.answer(), q.explanation(), q.hints(), q.references(), q.seedSource(), q.pos(), false);
        for (long seed = 0; seed < 20; seed++) {
            assertThat(shown(fixed, seed).choiceOrder()).containsExactly(0, 1, 2, 3);
        }
        assertThat(ChoiceOrder.forExport(fixed)).isEqualTo(fixed);
    }

    @Test
    void theExportOrderDependsOnlyOnTheIdSoBothLanguagesAgree() {
        Question zh = Questions.question("s1", "basics", "zh", q.type(), 1, List.of("attention"), q.choices(), q.answer(), List.of());
        assertThat(ChoiceOrder.forId(zh)).isEqualTo(ChoiceOrder.forId(q));
        assertThat(ChoiceOrder.forExport(q).answer()).isEqualTo(ChoiceOrder.forExport(zh).answer());
    }
}
