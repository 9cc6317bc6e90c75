package dojo.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Small wording fixes of issue 8, in both languages. */
class SessionWordingTest {
    final Messages en = Messages.of(UiLanguage.EN);
    final Messages zh = Messages.of(UiLanguage.ZH);

    @Test
    void theReviewHeaderCountsDueAndNewQuestionsApart() {
        assertThat(en.introReview(2, 10)).isEqualTo("Review: 2 due, 10 new.");
        assertThat(zh.introReview(2, 10)).isEqualTo("复习：2 题到期，10 道新题。");
        assertThat(en.introReview(12, 0)).isEqualTo("Review: 12 questions due.");
        assertThat(en.introReview(0, 1)).isEqualTo("Review: 1 new question (nothing due).");
        assertThat(zh.introReview(0, 3)).isEqualTo("复习：没有到期的题，3 道新题。");
    }
}
