package dojo.workshop.live;

import static dojo.workshop.live.LiveFixtures.T0;
import static dojo.workshop.live.LiveFixtures.expectedPoints;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dojo.progress.ReviewEvent;
import dojo.questions.ChoiceOrder;
import dojo.questions.Question;
import dojo.review.Rating;
import dojo.workshop.live.LiveFixtures.MutableClock;
import dojo.workshop.live.LiveSession.Bar;
import dojo.workshop.live.LiveSession.Phase;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LiveSessionTest {
    private final MutableClock clock = new MutableClock(T0);
    private final LiveSession session = new LiveSession(LiveFixtures.fourQuestions(), Duration.ofSeconds(20), clock, new Random(1));

    private String join(String name, String team) {
        return session.join(session.code(), name, team, "en");
    }

    @Test
    void joiningNeedsTheSessionCode() {
        assertThat(session.code()).matches("\\d{6}");
        assertThatThrownBy(() -> session.join("999999".equals(session.code()) ? "000000" : "999999", "ada", "", "en"))
                .isInstanceOf(LiveException.class).extracting(e -> ((LiveException) e).kind()).isEqualTo(LiveException.Kind.FORBIDDEN);
    }

    @Test
    void aNameIsTakenOnceWhateverItsCase() {
        join("Ada", "red");
        assertThatThrownBy(() -> join("ada", "blue")).hasMessageContaining("taken")
                .extracting(e -> ((LiveException) e).kind()).isEqualTo(LiveException.Kind.CONFLICT);
    }

    @Test
    void badNamesTeamsAndLanguagesAreRefused() {
        assertThatThrownBy(() -> join("", "")).hasMessage("name is required");
        assertThatThrownBy(() -> join("x".repeat(25), "")).hasMessageContaining("longer than 24");
        assertThatThrownBy(() -> join("a\u0007b", "")).hasMessageContaining("control character");
        assertThatThrownBy(() -> session.join(session.code(), "ada", "", "fr")).hasMessageContaining("lang must be en or zh");
    }

    @Test
    void theHostWalksLobbyOpenClosedUntilFinished() {
        assertThat(session.phase()).isEqualTo(Phase.LOBBY);
        assertThat(session.current()).isEqualTo(-1);
        for (int i = 0; i < 4; i++) {
            assertThat(session.advance()).isEqualTo(Phase.OPEN);
            assertThat(session.current()).isEqualTo(i);
            assertThat(session.advance()).isEqualTo(Phase.CLOSED);
        }
        assertThat(session.advance()).isEqualTo(Phase.FINISHED);
        assertThatThrownBy(session::advance).hasMessage("the quiz is over");
    }

    @Test
    void aRightAnswerEarnsFiveHundredPlusASpeedBonus() {
        String ada = join("ada", "");
        String bob = join("bob", "");
        session.advance();
        session.answer(ada, 0, "b");
        clock.advance(Duration.ofSeconds(15));
        session.answer(bob, 0, "b");
        assertThat(session.answerOf(ada, 0).orElseThrow().points()).isEqualTo(1000);
        assertThat(session.answerOf(bob, 0).orElseThrow().points()).isEqualTo(expectedPoints(1, 5000, 20000)).isEqualTo(625);
        assertThat(session.answerOf(bob, 0).orElseThrow().took()).isEqualTo(Duration.ofSeconds(15));
    }

    @Test
    void aWrongAnswerEarnsNothing() {
        String ada = join("ada", "");
        session.advance();
        session.answer(ada, 0, "c");
        assertThat(session.answerOf(ada, 0).orElseThrow()).satisfies(a -> {
            assertThat(a.correct()).isFalse();
            assertThat(a.points()).isZero();
        });
    }

    @Test
    void theTimerClosesTheQuestionAndRefusesALateAnswer() {
        String ada = join("ada", "");
        session.advance();
        clock.advance(Duration.ofSeconds(20));
        assertThat(session.phase()).isEqualTo(Phase.CLOSED);
        assertThatThrownBy(() -> session.answer(ada, 0, "b")).hasMessage("time is up for question 1")
                .extracting(e -> ((LiveException) e).kind()).isEqualTo(LiveException.Kind.CONFLICT);
        assertThat(session.closedAt(0)).contains(T0.plusSeconds(20));
    }

    @Test
    void aPlayerCannotAnswerTwice() {
        String ada = join("ada", "");
        session.advance();
        session.answer(ada, 0, "c");
        assertThatThrownBy(() -> session.answer(ada, 0, "b")).hasMessage("you answered question 1 already");
        assertThat(session.answerOf(ada, 0).orElseThrow().given()).isEqualTo("c");
    }

    @Test
    void anAnswerForAnotherQuestionIsRefused() {
        String ada = join("ada", "");
        session.advance();
        assertThatThrownBy(() -> session.answer(ada, 1, "a")).hasMessage("question 2 is not open");
    }

    @Test
    void unreadableInputIsNotUnderstoodAndMayBeRetried() {
        String ada = join("ada", "");
        session.advance();
        assertThatThrownBy(() -> session.answer(ada, 0, "z")).isInstanceOf(LiveSession.NotUnderstood.class)
                .satisfies(e -> assertThat(((LiveSession.NotUnderstood) e).rejection().reason().key()).isEqualTo("not-a-choice"));
        session.answer(ada, 0, "b");
        assertThat(session.answerOf(ada, 0).orElseThrow().correct()).isTrue();
    }

    @Test
    void theHistogramCountsEveryPickedChoiceAndThePlayersWithoutAnswer() {
        String a = join("a", ""), b = join("b", ""), c = join("c", ""), d = join("d", "");
        session.advance();
        session.advance();
        session.advance(); // question 2: multiple, a and c right
        session.answer(a, 1, "a c");
        session.answer(b, 1, "a");
        session.answer(c, 1, "b d");
        session.advance();
        LiveSession.Histogram h = session.histogram(1);
        assertThat(h.bars()).containsExactly(new Bar("a", 2, true), new Bar("b", 1, false), new Bar("c", 1, true), new Bar("d", 1, false));
        assertThat(h.answered()).isEqualTo(3);
        assertThat(h.correct()).isEqualTo(1);
        assertThat(h.noAnswer()).isEqualTo(1);
        assertThat(d).isNotNull();
    }

    @Test
    void theHistogramIsHiddenWhileTheQuestionIsOpen() {
        session.advance();
        assertThatThrownBy(() -> session.histogram(0)).hasMessage("question 1 has not closed yet");
    }

    @Test
    void numericAnswersAreGroupedByValueMostFrequentFirst() {
        String a = join("a", ""), b = join("b", ""), c = join("c", "");
        for (int i = 0; i < 7; i++) session.advance(); // question 4 open
        session.answer(a, 3, "64");
        session.answer(b, 3, "32");
        session.answer(c, 3, "6.4e1");
        session.advance();
        assertThat(session.histogram(3).bars()).containsExactly(new Bar("64", 2, true), new Bar("32", 1, false));
    }

    @Test
    void equalPointsShareARankAndTeamsAreRankedByMeanPoints() {
        String a = join("ann", "red"), b = join("ben", "red"), c = join("cy", "blue"), d = join("dee", "");
        session.advance();
        session.answer(a, 0, "b");
        session.answer(c, 0, "b");
        clock.advance(Duration.ofSeconds(10));
        session.answer(b, 0, "a");
        session.answer(d, 0, "b");
        session.advance();
        assertThat(session.leaderboard()).extracting(LiveSession.Standing::rank, LiveSession.Standing::name, LiveSession.Standing::points)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, "ann", 1000), org.assertj.core.groups.Tuple.tuple(1, "cy", 1000),
                        org.assertj.core.groups.Tuple.tuple(3, "dee", 750), org.assertj.core.groups.Tuple.tuple(4, "ben", 0));
        // blue: 1000 / 1; red: (1000 + 0) / 2; the player without a team is not on the team board
        assertThat(session.teamLeaderboard()).containsExactly(new LiveSession.TeamStanding(1, "blue", 1, 1000.0, 1000),
                new LiveSession.TeamStanding(2, "red", 2, 500.0, 1000));
    }

    @Test
    void aChinesePlayerSeesTheChineseQuestionWithTheSameLetters() {
        Map<String, Question> byLang = Map.of("en", LiveFixtures.question("q", "en", dojo.questions.QuestionType.SINGLE,
                LiveFixtures.choices("en", 4, "c"), new dojo.questions.Answer.Choices(java.util.Set.of("c")), true),
                "zh", LiveFixtures.question("q", "zh", dojo.questions.QuestionType.SINGLE,
                LiveFixtures.choices("zh", 4, "c"), new dojo.questions.Answer.Choices(java.util.Set.of("c")), true));
        LiveQuestion q = LiveQuestion.of(0, byLang, 7);
        List<Integer> order = ChoiceOrder.forSession(7, byLang.get("en"));
        assertThat(q.in("en").choiceOrder()).isEqualTo(order);
        assertThat(q.in("zh").choiceOrder()).isEqualTo(order);
        assertThat(q.in("zh").question().prompt()).startsWith("zh ");
        String shownKey = q.in("en").shownKey("c");
        LiveSession s = new LiveSession(List.of(q), Duration.ofSeconds(20), clock, new Random(2));
        String zh = s.join(s.code(), "张三", "", "zh");
        s.advance();
        s.answer(zh, 0, shownKey);
        assertThat(s.answerOf(zh, 0).orElseThrow().correct()).isTrue();
    }

    @Test
    void missesBecomeReviewRecordsInThePlayersLanguage() {
        String zh = session.join(session.code(), "李四", "", "zh");
        session.advance();
        clock.advance(Duration.ofSeconds(4));
        session.answer(zh, 0, "a"); // wrong
        session.advance();
        session.advance();
        session.answer(zh, 1, "a c"); // right
        session.advance();
        session.advance(); // question 3 opens; no answer
        clock.advance(Duration.ofSeconds(20));
        session.advance(); // time was up: this opens question 4
        session.finish();
        List<ReviewEvent> misses = session.misses(session.results().get(0));
        assertThat(misses).extracting(ReviewEvent::questionId).containsExactly("q-single", "q-tf", "q-num");
        assertThat(misses.get(0)).satisfies(e -> {
            assertThat(e.lang()).isEqualTo("zh");
            assertThat(e.rating()).isEqualTo(Rating.AGAIN);
            assertThat(e.mode()).isEqualTo("live");
            assertThat(e.durationMs()).isEqualTo(4000);
            assertThat(e.time()).isEqualTo(T0.plusSeconds(4));
        });
        assertThat(misses.get(1).time()).isEqualTo(T0.plusSeconds(24));
        assertThat(misses.get(1).durationMs()).isEqualTo(20000);
    }
}
