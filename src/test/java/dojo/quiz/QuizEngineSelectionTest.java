package dojo.quiz;

import static dojo.quiz.Questions.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dojo.progress.ReviewEvent;
import dojo.questions.Answer;
import dojo.questions.Question;
import dojo.questions.QuestionType;
import dojo.review.Card;
import dojo.review.Rating;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class QuizEngineSelectionTest {
    static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");
    final FakeClock clock = new FakeClock(NOW);
    final QuizEngine engine = new QuizEngine(clock);

    /** 12 questions: banks masks/heads, difficulty 1..3, tags by id number; plus a zh twin of each. */
    static List<Question> library() {
        List<Question> all = new ArrayList<>();
        for (String lang : List.of("en", "zh")) {
            for (int i = 0; i < 12; i++) {
                String bank = i < 6 ? "masks" : "heads";
                List<String> tags = i % 2 == 0 ? List.of("even", "attention") : List.of("odd");
                all.add(question("q" + (char) ('a' + i), bank, lang, QuestionType.TRUE_FALSE, 1 + i % 3, tags,
                        List.of(), new Answer.TrueFalse(true), List.of()));
            }
        }
        return all;
    }

    static List<String> ids(List<Question> qs) {
        return qs.stream().map(Question::id).collect(Collectors.toList());
    }

    static QuizFilter filter(Set<String> banks, Set<String> tags, Set<Integer> diff, Integer count) {
        return new QuizFilter("en", banks, tags, diff, count);
    }

    @Test
    void theSameSeedGivesTheSameQuestionsInTheSameOrder() {
        List<Question> a = engine.select(library(), QuizFilter.all("en"), 42);
        List<Question> b = engine.select(library(), QuizFilter.all("en"), 42);
        assertThat(ids(a)).isEqualTo(ids(b)).hasSize(12);
    }

    @Test
    void theOrderIsIndependentOfTheOrderTheBanksWereLoadedIn() {
        List<Question> reversed = new ArrayList<>(library());
        Collections.reverse(reversed);
        assertThat(ids(engine.select(reversed, QuizFilter.all("en"), 7)))
                .isEqualTo(ids(engine.select(library(), QuizFilter.all("en"), 7)));
    }

    @Test
    void differentSeedsShuffleDifferently() {
        assertThat(ids(engine.select(library(), QuizFilter.all("en"), 1)))
                .isNotEqualTo(ids(engine.select(library(), QuizFilter.all("en"), 2)));
    }

    @Test
    void theShuffleIsJavaUtilRandomOverIdOrder() {
        List<String> expected = new ArrayList<>(ids(library().subList(0, 12)));
        Collections.sort(expected);
        Collections.shuffle(expected, new java.util.Random(99));
        assertThat(ids(engine.select(library(), QuizFilter.all("en"), 99))).isEqualTo(expected);
    }

    @Test
    void onlyTheRequestedLanguageIsChosen() {
        assertThat(engine.select(library(), QuizFilter.all("zh"), 3)).allMatch(q -> q.lang().equals("zh")).hasSize(12);
    }

    @Test
    void bankTagAndDifficultyFiltersCombine() {
        List<Question> chosen = engine.select(library(), filter(Set.of("masks"), Set.of("even"), Set.of(1, 3), null), 5);
        // masks = qa..qf; even = qa, qc, qe; difficulty 1+i%3: qa=1, qc=3, qe=2
        assertThat(ids(chosen)).containsExactlyInAnyOrder("qa", "qc");
    }

    @Test
    void severalTagsMatchAnyOfThem() {
        assertThat(engine.select(library(), filter(Set.of(), Set.of("even", "odd"), Set.of(), null), 5)).hasSize(12);
    }

    @Test
    void countLimitsTheSelectionAfterShuffling() {
        List<Question> three = engine.select(library(), filter(Set.of(), Set.of(), Set.of(), 3), 11);
        assertThat(ids(three)).isEqualTo(ids(engine.select(library(), QuizFilter.all("en"), 11)).subList(0, 3));
    }

    @Test
    void unknownBanksAndTagsAreNamedWithTheValidOnes() {
        assertThat(filter(Set.of("maskz"), Set.of(), Set.of(), null).unknownValues(library()))
                .hasValue(new QuizFilter.UnknownValue(QuizFilter.UnknownValue.Kind.BANK, "maskz", List.of("heads", "masks")));
        assertThat(filter(Set.of(), Set.of("evn"), Set.of(), null).unknownValues(library()))
                .hasValue(new QuizFilter.UnknownValue(QuizFilter.UnknownValue.Kind.TAG, "evn", List.of("attention", "even", "odd")));
        assertThat(QuizFilter.all("fr").unknownValues(library()))
                .hasValue(new QuizFilter.UnknownValue(QuizFilter.UnknownValue.Kind.LANGUAGE, "fr", List.of("en", "zh")));
        assertThat(filter(Set.of("masks"), Set.of("odd"), Set.of(), null).unknownValues(library())).isEmpty();
    }

    @Test
    void badCountsAndDifficultiesAreRefused() {
        assertThatThrownBy(() -> filter(Set.of(), Set.of(), Set.of(4), null)).hasMessageContaining("difficulty");
        assertThatThrownBy(() -> filter(Set.of(), Set.of(), Set.of(), 0)).hasMessageContaining("count");
    }

    // ---- review ---------------------------------------------------------------------------------

    static Card reviewed(String id, Instant due) {
        return new Card(id, Card.State.REVIEW, -1, 3.0, 5.0, due, due.minus(Duration.ofDays(3)), 2, 0);
    }

    @Test
    void reviewAsksDueQuestionsMostOverdueFirstThenNewOnesUpToTheLimit() {
        Map<String, Card> cards = Map.of(
                "qa", reviewed("qa", NOW.minus(Duration.ofHours(1))),
                "qb", reviewed("qb", NOW.minus(Duration.ofDays(2))),
                "qc", reviewed("qc", NOW),
                "qd", reviewed("qd", NOW.plus(Duration.ofHours(3))),
                "qe", reviewed("qe", NOW.plus(Duration.ofDays(1))));
        ReviewQueue queue = engine.review(library(), QuizFilter.all("en"), cards, 2);
        assertThat(ids(queue.questions()).subList(0, 3)).containsExactly("qb", "qa", "qc");
        assertThat(queue.due()).isEqualTo(3);
        assertThat(queue.fresh()).isEqualTo(2);
        // new questions: the 7 without cards, easiest first, file order within a difficulty: qg(1) qj(1)
        assertThat(ids(queue.questions()).subList(3, 5)).containsExactly("qg", "qj");
        assertThat(queue.nextDue()).hasValue(NOW.plus(Duration.ofHours(3)));
    }

    @Test
    void reviewFollowsTheClock() {
        Map<String, Card> cards = Map.of("qa", reviewed("qa", NOW.plus(Duration.ofHours(3))));
        QuizFilter onlyQa = filter(Set.of("masks"), Set.of(), Set.of(1), null); // qa, qd
        assertThat(engine.review(library(), onlyQa, Map.of("qa", cards.get("qa"), "qd",
                reviewed("qd", NOW.plus(Duration.ofDays(9)))), 0).isEmpty()).isTrue();
        clock.advance(Duration.ofHours(3));
        assertThat(ids(engine.review(library(), onlyQa, Map.of("qa", cards.get("qa"), "qd",
                reviewed("qd", NOW.plus(Duration.ofDays(9)))), 0).questions())).containsExactly("qa");
    }

    @Test
    void anEmptyReviewSaysWhenTheNextQuestionIsDue() {
        Map<String, Card> cards = library().stream().filter(q -> q.lang().equals("en"))
                .collect(Collectors.toMap(Question::id, q -> reviewed(q.id(), NOW.plus(Duration.ofHours(5)))));
        cards = new java.util.HashMap<>(cards);
        cards.put("qk", reviewed("qk", NOW.plus(Duration.ofMinutes(10))));
        ReviewQueue queue = engine.review(library(), QuizFilter.all("en"), cards, 10);
        assertThat(queue.isEmpty()).isTrue();
        assertThat(queue.nextDue()).hasValue(NOW.plus(Duration.ofMinutes(10)));
    }

    @Test
    void reviewCountCapsDueAndNewTogether() {
        ReviewQueue queue = engine.review(library(), filter(Set.of(), Set.of(), Set.of(), 4), Map.of(), 10);
        assertThat(queue.questions()).hasSize(4);
        assertThat(queue.fresh()).isEqualTo(4);
    }

    @Test
    void aNewLimitOfZeroAsksOnlyDueQuestions() {
        assertThat(engine.review(library(), QuizFilter.all("en"), Map.of(), 0).isEmpty()).isTrue();
    }

    // ---- retry-wrong ----------------------------------------------------------------------------

    static ReviewEvent event(String id, Instant t, boolean correct) {
        return new ReviewEvent(id, "masks", "en", t, correct ? Rating.GOOD : Rating.AGAIN, correct,
                correct ? 1 : 0, 1000, "practice");
    }

    @Test
    void retryWrongTakesTheQuestionsWhoseLatestAnswerWasWrong() {
        List<ReviewEvent> log = List.of(
                event("qa", NOW.minusSeconds(300), false),
                event("qa", NOW.minusSeconds(200), true),   // fixed since
                event("qb", NOW.minusSeconds(300), true),
                event("qb", NOW.minusSeconds(100), false),  // broke since
                event("qc", NOW.minusSeconds(50), false),
                event("qd", NOW.minusSeconds(50), true));
        assertThat(ids(engine.retryWrong(library(), QuizFilter.all("en"), log, 1))).containsExactlyInAnyOrder("qb", "qc");
    }

    @Test
    void retryWrongUsesTimeNotLogOrder() {
        List<ReviewEvent> log = List.of(event("qa", NOW.minusSeconds(10), false), event("qa", NOW.minusSeconds(99), true));
        assertThat(ids(engine.retryWrong(library(), QuizFilter.all("en"), log, 1))).containsExactly("qa");
    }
}
