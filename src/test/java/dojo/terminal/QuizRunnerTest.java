package dojo.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import dojo.progress.ReviewEvent;
import dojo.questions.Answer;
import dojo.questions.Choice;
import dojo.questions.Question;
import dojo.questions.QuestionType;
import dojo.questions.SourcePos;
import dojo.quiz.Mode;
import dojo.quiz.QuizEngine;
import dojo.quiz.QuizResult;
import dojo.quiz.Session;
import dojo.review.Rating;
import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class QuizRunnerTest {
    final Clock clock = Clock.fixed(Instant.parse("2025-03-01T12:00:00Z"), ZoneOffset.UTC);
    final List<ReviewEvent> saved = new ArrayList<>();
    final StringWriter transcript = new StringWriter();

    /** Choices keep their file order (shuffle: false): these tests are about the runner, not the shuffle. */
    static Question q(String id, QuestionType type, List<Choice> choices, Answer answer, List<String> hints) {
        return new Question(id, "basics", "en", type, "Title " + id, 1, List.of("attention"),
                "Which **one**?\n\n```java\nint x = 1;\n```", choices, answer, "Because *reasons*.", hints,
                List.of(), Optional.empty(), SourcePos.of(Path.of("b.md")), false);
    }

    final Question single = q("s1", QuestionType.SINGLE,
            List.of(new Choice("a", "`dim=0`", false), new Choice("b", "`dim=-1`", true)),
            new Answer.Choices(Set.of("b")), List.of("Think about rows."));
    final Question multi = q("m1", QuestionType.MULTIPLE,
            List.of(new Choice("a", "x", true), new Choice("b", "y", false), new Choice("c", "z", true)),
            new Answer.Choices(Set.of("a", "c")), List.of());
    final Question open = q("o1", QuestionType.OPEN, List.of(), new Answer.Open("Model **answer**.", List.of("point")), List.of());

    private QuizResult run(Mode mode, String input, Question... qs) {
        Session s = new QuizEngine(clock).start(mode, List.of(qs), 1,
                mode == Mode.EXAM ? Optional.of(Duration.ofMinutes(5)) : Optional.empty());
        QuizView view = new QuizView(new MarkdownRenderer(false, 80), false, Messages.of(UiLanguage.EN));
        QuizRunner runner = new QuizRunner(view, new PlainLineSource(new BufferedReader(new StringReader(input))),
                new PrintWriter(transcript), false, saved::add, e -> Optional.empty());
        return runner.run(s, Optional.empty());
    }

    private QuizResult run(Mode mode, String input, int width, UiLanguage lang, Question... qs) {
        Session s = new QuizEngine(clock).start(mode, List.of(qs), 1,
                mode == Mode.EXAM ? Optional.of(Duration.ofMinutes(5)) : Optional.empty());
        QuizView view = new QuizView(new MarkdownRenderer(false, width), false, Messages.of(lang));
        QuizRunner runner = new QuizRunner(view, new PlainLineSource(new BufferedReader(new StringReader(input))),
                new PrintWriter(transcript), false, saved::add, e -> Optional.empty());
        return runner.run(s, Optional.empty());
    }

    static Question withExplanation(Question q, String explanation) {
        return new Question(q.id(), q.bank(), q.lang(), q.type(), q.title(), q.difficulty(), q.tags(), q.prompt(),
                q.choices(), q.answer(), explanation, q.hints(), q.references(), q.seedSource(), q.pos(), false);
    }

    private List<String> lines() {
        return List.of(transcript.toString().split("\\R"));
    }

    @Test
    void aPracticeTranscriptEndsWithTheScoreAndHasNoEscapeCodes() {
        QuizResult r = run(Mode.PRACTICE, "b\na\n", single, multi);
        assertThat(transcript.toString()).doesNotContain("\u001b");
        assertThat(lines().get(lines().size() - 1)).isEqualTo("Score: 1.5/2");
        assertThat(r.score()).isEqualTo(1.5);
        assertThat(saved).extracting(ReviewEvent::questionId).containsExactly("s1", "m1");
        assertThat(transcript.toString()).contains("Correct.", "Partly right: 0.5 of 1.", "Because reasons.",
                "    int x = 1;", "a) `dim=0`");
    }

    @Test
    void malformedInputIsExplainedAndTheNextLineIsTheNewAttempt() {
        run(Mode.PRACTICE, "z\nb\n", single);
        assertThat(transcript.toString()).contains("Not understood: 'z' is not a choice; the choices are a-b. Try again.");
        assertThat(saved).hasSize(1);
        assertThat(saved.get(0).correct()).isTrue();
        assertThat(lines().get(lines().size() - 1)).isEqualTo("Score: 1/1");
    }

    @Test
    void hintsAreShownAndCapTheRecordedRating() {
        run(Mode.PRACTICE, "?\n?\nb\n", single);
        assertThat(transcript.toString()).contains("Hint 1/1: Think about rows.", "No more hints.");
        assertThat(saved.get(0).rating()).isEqualTo(Rating.HARD);
    }

    @Test
    void skipRecordsNothingAndQuitEndsTheSession() {
        run(Mode.PRACTICE, "s\nq\n", single, multi, single);
        assertThat(saved).isEmpty();
        assertThat(transcript.toString()).doesNotContain("Score:");
        assertThat(lines().get(lines().size() - 1)).isEqualTo("Nothing was answered, so there is no score and nothing was saved.");
        assertThat(transcript.toString()).contains("Skipped.", "Answered 0 of 3, skipped 1, not reached 2");
    }

    @Test
    void endOfInputEndsCleanlyWithTheAnswersSoFarSaved() {
        QuizResult r = run(Mode.PRACTICE, "b\n", single, multi);
        assertThat(r.ending()).isEqualTo(QuizResult.Ending.QUIT);
        assertThat(saved).hasSize(1);
        assertThat(lines().get(lines().size() - 1)).isEqualTo("Score: 1/1");
    }

    @Test
    void openQuestionsShowTheModelAnswerAndTakeTheLineAsTheRating() {
        run(Mode.PRACTICE, "I'd say...\n2\n", open);
        String t = transcript.toString();
        assertThat(t.indexOf("Model answer")).isLessThan(t.indexOf("> I'd say..."));
        assertThat(t).contains("Not understood: rate yourself 1-4");
        assertThat(saved).singleElement().satisfies(e -> {
            assertThat(e.rating()).isEqualTo(Rating.HARD);
            assertThat(e.score()).isEqualTo(0.5);
        });
        assertThat(lines().get(lines().size() - 1)).isEqualTo("Score: 0.5/1");
    }

    @Test
    void anExamGivesNoFeedbackUntilTheEndAndCountsUnansweredAsWrong() {
        run(Mode.EXAM, "a\n", single, multi);
        String t = transcript.toString();
        int review = t.indexOf("Exam review");
        assertThat(review).isPositive();
        assertThat(t.substring(0, review)).doesNotContain("Wrong.").doesNotContain("Explanation");
        assertThat(t.substring(review)).contains("wrong — you answered a", "not answered");
        assertThat(lines().get(lines().size() - 1)).isEqualTo("Score: 0/2");
        assertThat(saved).singleElement().satisfies(e -> assertThat(e.mode()).isEqualTo("exam"));
    }

    @Test
    void theAnswerIsEchoedSoTheTranscriptReadsOnItsOwn() {
        run(Mode.PRACTICE, "b\n", single);
        assertThat(transcript.toString()).contains("> b");
    }

    @Test
    void perTagScoresAreSummarised() {
        run(Mode.PRACTICE, "b\na,c\n", single, multi);
        assertThat(transcript.toString()).containsPattern("attention +2/2 +100%");
    }

    @Test
    void aSkipInPracticeShowsTheAnswerAndTheExplanation() {
        run(Mode.PRACTICE, "s\n", single);
        assertThat(transcript.toString()).contains("Skipped.", "Answer: b", "Because reasons.");
        assertThat(saved).isEmpty();
    }

    @Test
    void aSkipInAnExamShowsNothingUntilTheEnd() {
        run(Mode.EXAM, "s\n", single);
        String before = transcript.toString().substring(0, transcript.toString().indexOf("Exam review"));
        assertThat(before).contains("Skipped.").doesNotContain("Answer: b");
    }

    @Test
    void aWrongMultipleChoiceAnswerNamesTheOptionsTickedWronglyAndThoseMissed() {
        run(Mode.PRACTICE, "a,b\n", multi);
        assertThat(transcript.toString()).contains("Should not be ticked: b; Missed: c");
    }

    @Test
    void theFirstHintSaysWhatItCostsAlsoInAnExam() {
        run(Mode.EXAM, "?\nb\n", single);
        assertThat(transcript.toString()).contains("Hint 1/1: Think about rows.",
                "(Using a hint caps this question's review rating at Hard.)");
    }

    @Test
    void theExamReviewWrapsExplanationsWithinTheWidthAfterItsIndent() {
        String en = "Attention has four d × d projections regardless of the number of heads (heads split d into h "
                + "slices of d/h). The FFN has two matrices of d·4d each = 8d². So two thirds of the parameters are in the FFN.";
        String zh = "注意力有四个 d × d 投影矩阵，与头数无关（多头只是把 d 切成 h 份，每份 d/h）。前馈网络有两个 d·4d 的矩阵，"
                + "合计 8d²。所以一层里三分之二的参数在前馈网络中，而不是在注意力里。再补充一句，凑足长度以便多换几行。";
        Question qEn = withExplanation(single, en);
        run(Mode.EXAM, "a\n", 60, UiLanguage.EN, qEn);
        List<String> review = lines().subList(lines().indexOf("Exam review"), lines().size());
        assertThat(review).allSatisfy(l -> assertThat(DisplayWidth.of(l)).as(l).isLessThanOrEqualTo(60));
        assertThat(String.join("\n", review)).contains("\n   number of heads (heads split d into h slices of d/h). The\n");

        transcript.getBuffer().setLength(0);
        Question qZh = withExplanation(single, zh);
        run(Mode.EXAM, "a\n", 60, UiLanguage.ZH, qZh);
        List<String> zhReview = lines().subList(lines().indexOf("考试回顾"), lines().size());
        assertThat(zhReview).allSatisfy(l -> {
            assertThat(DisplayWidth.of(l)).as(l).isLessThanOrEqualTo(60);
            assertThat(l.strip().codePointCount(0, l.strip().length())).as("a lone character: '" + l + "'").isNotEqualTo(1);
        });
    }

    @Test
    void ctrlCEndsTheSessionAsInterruptedWithTheAnswersSoFarSaved() {
        java.util.Iterator<String> lines = List.of("b").iterator();
        LineSource ctrlCAfterOne = (prompt, limit) -> {
            if (lines.hasNext()) return lines.next();
            throw new LineSource.Stop(LineSource.Stop.Reason.INTERRUPTED);
        };
        Session s = new QuizEngine(clock).start(Mode.PRACTICE, List.of(single, multi), 1, Optional.empty());
        QuizRunner runner = new QuizRunner(new QuizView(new MarkdownRenderer(false, 80), true, Messages.of(UiLanguage.EN)),
                ctrlCAfterOne, new PrintWriter(transcript), true, saved::add, e -> Optional.empty());
        runner.run(s, Optional.empty());
        assertThat(runner.interrupted()).isTrue();
        assertThat(saved).extracting(ReviewEvent::questionId).containsExactly("s1");
        assertThat(QuizRunner.INTERRUPTED_EXIT).isEqualTo(130);
    }

    @Test
    void theEndOfInputIsNoInterruption() {
        QuizRunner runner = new QuizRunner(new QuizView(new MarkdownRenderer(false, 80), false, Messages.of(UiLanguage.EN)),
                new PlainLineSource(new BufferedReader(new StringReader("b\n"))), new PrintWriter(transcript), false,
                saved::add, e -> Optional.empty());
        runner.run(new QuizEngine(clock).start(Mode.PRACTICE, List.of(single, multi), 1, Optional.empty()), Optional.empty());
        assertThat(runner.interrupted()).isFalse();
    }
}
