package dojo.quiz;

import static org.assertj.core.api.Assertions.assertThat;

import dojo.questions.Answer;
import dojo.questions.Question;
import dojo.questions.QuestionType;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShortAnswerFormsTest {
    final Question q = Questions.question("s", QuestionType.SHORT, List.of(),
            new Answer.Short(List.of("张量并行", "tensor parallelism"), List.of()));

    boolean right(String input) {
        return ((AnswerCheck.Scored) Scoring.check(new Presented(q, List.of()), input)).correct();
    }

    @Test
    void aTermWithItsEnglishNameInBracketsIsRightWhenEitherPartIs() {
        assertThat(right("张量并行（TP）")).isTrue();
        assertThat(right("张量并行 (tensor parallelism)")).isTrue();
        assertThat(right("TP（张量并行）")).isTrue();
        assertThat(right("tensor parallelism (TP)")).isTrue();
    }

    @Test
    void bracketsAroundTwoWrongPartsStayWrong() {
        assertThat(right("数据并行（DP）")).isFalse();
        assertThat(right("张量（数据）")).isFalse(); // neither 张量 nor 数据 alone is the answer
        assertThat(ShortAnswerForms.readings("a (b) c")).containsExactly("a (b) c");
    }
}
