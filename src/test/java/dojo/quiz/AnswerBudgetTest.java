package dojo.quiz;

import static org.assertj.core.api.Assertions.assertThat;

import dojo.questions.Question;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AnswerBudgetTest {
    private static Presented shown(Question q) {
        return Presented.of(q, new Random(1));
    }

    @Test
    void an_answer_over_the_limit_is_rejected_with_the_limit_not_scored() {
        Question q = Questions.shortAnswer("q", List.of("padding mask"), "(a|aa)*");
        AnswerCheck c = Scoring.check(shown(q), "a".repeat(AnswerBudget.MAX_CHARS + 1));
        assertThat(c).isInstanceOf(AnswerCheck.Rejected.class);
        Rejection why = ((AnswerCheck.Rejected) c).rejection();
        assertThat(why.reason()).isEqualTo(Rejection.Reason.ANSWER_TOO_LONG);
        assertThat(why.args()).containsExactly(String.valueOf(AnswerBudget.MAX_CHARS));
    }

    @Test
    void an_answer_at_the_limit_is_still_checked_against_a_regex_that_would_backtrack_in_java_util_regex() {
        Question q = Questions.shortAnswer("q", List.of("x"), "(a|aa)*");
        AnswerCheck c = Scoring.check(shown(q), "a".repeat(AnswerBudget.MAX_CHARS));
        assertThat(c).isInstanceOf(AnswerCheck.Scored.class);
        assertThat(((AnswerCheck.Scored) c).correct()).isTrue();
    }

    @Test
    void a_nested_quantifier_fails_a_near_miss_answer_in_linear_time() {
        Question q = Questions.shortAnswer("q", List.of("x"), "(a+)+b");
        AnswerCheck c = Scoring.check(shown(q), "a".repeat(40) + "!");
        assertThat(((AnswerCheck.Scored) c).correct()).isFalse();
    }
}
