package dojo.quiz;

import static dojo.quiz.Questions.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dojo.questions.Answer;
import dojo.questions.Question;
import dojo.questions.QuestionType;
import dojo.review.Rating;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SessionTest {
    static final Instant T0 = Instant.parse("2025-03-01T12:00:00Z");
    final FakeClock clock = new FakeClock(T0);
    final QuizEngine engine = new QuizEngine(clock);

    final Question single = single("s1", 4, "b");
    final Question multi = question("m1", "heads", "en", QuestionType.MULTIPLE, 2, List.of("heads", "shapes"),
            choices(4, "a", "c"), new Answer.Choices(java.util.Set.of("a", "c")), List.of());
    final Question hinted = question("h1", "masks", "en", QuestionType.TRUE_FALSE, 1, List.of("masks"), List.of(),
            new Answer.TrueFalse(false), List.of("gentle", "explicit"));
    final Question openQ = open("o1");

    private Session practice(Question... qs) {
        return engine.start(Mode.PRACTICE, List.of(qs), 1, Optional.empty());
    }

    @Test
    void anAcceptedAnswerBecomesAReviewEventTimedFromWhenTheQuestionWasShown() {
        Session s = practice(single);
        s.current();
        clock.advance(Duration.ofSeconds(7));
        Submission.Accepted a = (Submission.Accepted) ShownAnswers.answer(s, "b");
        assertThat(a.event().questionId()).isEqualTo("s1");
        assertThat(a.event().bank()).isEqualTo("basics");
        assertThat(a.event().lang()).isEqualTo("en");
        assertThat(a.event().time()).isEqualTo(T0.plusSeconds(7));
        assertThat(a.event().durationMs()).isEqualTo(7000);
        assertThat(a.event().rating()).isEqualTo(Rating.GOOD);
        assertThat(a.event().correct()).isTrue();
        assertThat(a.event().score()).isEqualTo(1.0);
        assertThat(a.event().mode()).isEqualTo("practice");
        assertThat(s.isOver()).isTrue();
    }

    @Test
    void ratingsFollowTheScoreWrongAgainPartialHardRightGood() {
        Session s = practice(single, multi, multi);
        assertThat(((Submission.Accepted) ShownAnswers.answer(s, "a")).event().rating()).isEqualTo(Rating.AGAIN);
        assertThat(((Submission.Accepted) ShownAnswers.answer(s, "a")).event().rating()).isEqualTo(Rating.HARD);
        assertThat(((Submission.Accepted) ShownAnswers.answer(s, "a,c")).event().rating()).isEqualTo(Rating.GOOD);
    }

    @Test
    void aRejectedAnswerRecordsNothingAndKeepsTheQuestion() {
        Session s = practice(single);
        Submission r = ShownAnswers.answer(s, "z");
        assertThat(r).isInstanceOf(Submission.Rejected.class);
        assertThat(s.isOver()).isFalse();
        assertThat(s.current()).map(p -> p.question().id()).hasValue("s1");
        assertThat(ShownAnswers.answer(s, "b")).isInstanceOf(Submission.Accepted.class);
    }

    @Test
    void hintsComeTierByTierAndCapTheRatingAtHard() {
        Session s = practice(hinted);
        assertThat(s.hint()).hasValue(new Hint(1, 2, "gentle"));
        assertThat(s.hint()).hasValue(new Hint(2, 2, "explicit"));
        assertThat(s.hint()).isEmpty();
        Submission.Accepted a = (Submission.Accepted) ShownAnswers.answer(s, "false");
        assertThat(a.outcome().correct()).isTrue();
        assertThat(a.outcome().hintsUsed()).isEqualTo(2);
        assertThat(a.event().rating()).isEqualTo(Rating.HARD);
    }

    @Test
    void aHintDoesNotRaiseAnAgain() {
        Session s = practice(hinted);
        s.hint();
        assertThat(((Submission.Accepted) ShownAnswers.answer(s, "true")).event().rating()).isEqualTo(Rating.AGAIN);
    }

    @Test
    void hintCountsResetForTheNextQuestion() {
        Session s = practice(hinted, hinted);
        s.hint();
        ShownAnswers.answer(s, "f");
        assertThat(s.hintsUsed()).isZero();
        assertThat(((Submission.Accepted) ShownAnswers.answer(s, "f")).event().rating()).isEqualTo(Rating.GOOD);
    }

    @Test
    void openQuestionsUseTheSelfRatingEvenEasy() {
        Session s = practice(openQ);
        Submission.Accepted a = (Submission.Accepted) ShownAnswers.answer(s, "4");
        assertThat(a.event().rating()).isEqualTo(Rating.EASY);
        assertThat(a.event().score()).isEqualTo(1.0);
    }

    @Test
    void skippingRecordsNothingAndDoesNotCountInPractice() {
        Session s = practice(single, multi);
        s.skip();
        ShownAnswers.answer(s, "a");
        QuizResult r = s.result();
        assertThat(r.outcomes()).extracting(QuestionOutcome::status)
                .containsExactly(QuestionOutcome.Status.SKIPPED, QuestionOutcome.Status.ANSWERED);
        assertThat(r.score()).isEqualTo(0.5);
        assertThat(r.outOf()).isEqualTo(1);
        assertThat(r.ending()).isEqualTo(QuizResult.Ending.COMPLETED);
    }

    @Test
    void quittingLeavesTheRestUnansweredAndScoresOnlyWhatWasAnswered() {
        Session s = practice(single, multi, hinted);
        ShownAnswers.answer(s, "b");
        s.quit();
        QuizResult r = s.result();
        assertThat(r.ending()).isEqualTo(QuizResult.Ending.QUIT);
        assertThat(r.outcomes()).extracting(QuestionOutcome::status).containsExactly(
                QuestionOutcome.Status.ANSWERED, QuestionOutcome.Status.UNANSWERED, QuestionOutcome.Status.UNANSWERED);
        assertThat(r.score()).isEqualTo(1.0);
        assertThat(r.outOf()).isEqualTo(1);
    }

    @Test
    void theResultSummarisesScoresPerTag() {
        Session s = practice(multi, hinted, multi);
        ShownAnswers.answer(s, "a");      // heads, shapes: 0.5
        ShownAnswers.answer(s, "false");  // masks: 1
        ShownAnswers.answer(s, "a,c");    // heads, shapes: 1
        QuizResult r = s.result();
        assertThat(r.score()).isEqualTo(2.5);
        assertThat(r.outOf()).isEqualTo(3);
        assertThat(r.byTag().keySet()).containsExactly("heads", "masks", "shapes");
        assertThat(r.byTag().get("heads")).isEqualTo(new QuizResult.TagScore("heads", 1.5, 2));
        assertThat(r.byTag().get("masks").fraction()).isEqualTo(1.0);
    }

    @Test
    void theResultIsOnlyAvailableOnceTheSessionIsOver() {
        Session s = practice(single);
        assertThatThrownBy(s::result).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anEmptySessionIsOverAtOnce() {
        Session s = practice();
        assertThat(s.isOver()).isTrue();
        assertThat(s.current()).isEmpty();
        assertThat(s.result().outOf()).isZero();
    }

    @Test
    void orderingItemsAreShuffledTheSameWayForTheSameSeed() {
        Question ord = ordering("ord", "a", "b", "c", "d", "e");
        Presented p1 = engine.start(Mode.PRACTICE, List.of(ord), 5, Optional.empty()).current().orElseThrow();
        Presented p2 = engine.start(Mode.PRACTICE, List.of(ord), 5, Optional.empty()).current().orElseThrow();
        assertThat(p1.order()).isEqualTo(p2.order()).isNotEqualTo(List.of(0, 1, 2, 3, 4));
    }

    // ---- exam -----------------------------------------------------------------------------------

    private Session exam(Duration limit, Question... qs) {
        return engine.start(Mode.EXAM, List.of(qs), 1, Optional.of(limit));
    }

    @Test
    void anExamNeedsATimeLimit() {
        assertThatThrownBy(() -> engine.start(Mode.EXAM, List.of(single), 1, Optional.empty()))
                .hasMessageContaining("time limit");
    }

    @Test
    void theExamClockCountsDown() {
        Session s = exam(Duration.ofMinutes(2), single);
        clock.advance(Duration.ofSeconds(30));
        assertThat(s.timeLeft()).hasValue(Duration.ofSeconds(90));
        clock.advance(Duration.ofMinutes(5));
        assertThat(s.timeLeft()).hasValue(Duration.ZERO);
    }

    @Test
    void anAnswerAfterTheTimeLimitDoesNotCountAndEndsTheExam() {
        Session s = exam(Duration.ofSeconds(90), single, multi, hinted);
        s.current();
        clock.advance(Duration.ofSeconds(30));
        assertThat(ShownAnswers.answer(s, "b")).isInstanceOf(Submission.Accepted.class);
        clock.advance(Duration.ofSeconds(60)); // exactly at the limit
        assertThat(s.answer("a,c")).isInstanceOf(Submission.TimeUp.class);
        assertThat(s.isOver()).isTrue();
        QuizResult r = s.result();
        assertThat(r.ending()).isEqualTo(QuizResult.Ending.TIME_UP);
        assertThat(r.score()).isEqualTo(1.0);
        assertThat(r.outOf()).as("unanswered questions count as wrong in an exam").isEqualTo(3);
        assertThat(r.outcomes()).extracting(QuestionOutcome::status).containsExactly(QuestionOutcome.Status.ANSWERED,
                QuestionOutcome.Status.UNANSWERED, QuestionOutcome.Status.UNANSWERED);
    }

    @Test
    void theExamEndsWhenTheNextQuestionWouldBeShownAfterTheLimit() {
        Session s = exam(Duration.ofSeconds(10), single, multi);
        ShownAnswers.answer(s, "b");
        clock.advance(Duration.ofSeconds(11));
        assertThat(s.current()).isEmpty();
        assertThat(s.result().ending()).isEqualTo(QuizResult.Ending.TIME_UP);
    }

    @Test
    void inAnExamSkippedQuestionsCountAsWrong() {
        Session s = exam(Duration.ofMinutes(10), single, multi);
        s.skip();
        ShownAnswers.answer(s, "a,c");
        QuizResult r = s.result();
        assertThat(r.score()).isEqualTo(1.0);
        assertThat(r.outOf()).isEqualTo(2);
    }

    @Test
    void examEventsAreMarkedAsExam() {
        Session s = exam(Duration.ofMinutes(10), single);
        assertThat(((Submission.Accepted) ShownAnswers.answer(s, "b")).event().mode()).isEqualTo("exam");
    }

    @Test
    void practiceSessionsAreNotTimed() {
        Session s = engine.start(Mode.PRACTICE, List.of(single), 1, Optional.of(Duration.ofSeconds(1)));
        clock.advance(Duration.ofHours(1));
        assertThat(s.timeLeft()).isEmpty();
        assertThat(ShownAnswers.answer(s, "b")).isInstanceOf(Submission.Accepted.class);
    }
}
