package dojo.quiz;

import static dojo.quiz.Questions.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dojo.questions.Question;
import dojo.quiz.Rejection.Reason;
import dojo.review.Rating;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ScoringTest {

    private static AnswerCheck check(Question q, String input) {
        return Scoring.check(new Presented(q, List.of()), input);
    }

    private static AnswerCheck.Scored scored(Question q, String input) {
        AnswerCheck c = check(q, input);
        assertThat(c).as("input '%s' should be accepted", input).isInstanceOf(AnswerCheck.Scored.class);
        return (AnswerCheck.Scored) c;
    }

    private static Rejection rejected(Question q, String input) {
        AnswerCheck c = check(q, input);
        assertThat(c).as("input '%s' should be rejected", input).isInstanceOf(AnswerCheck.Rejected.class);
        return ((AnswerCheck.Rejected) c).rejection();
    }

    @Nested
    @DisplayName("single choice")
    class Single {
        Question q = single("s", 4, "b");

        @ParameterizedTest(name = "''{0}'' is right")
        @ValueSource(strings = {"b", "B", " b ", "ｂ", "Ｂ"})
        void theCorrectLetterInAnyCaseOrWidthScoresOne(String input) {
            AnswerCheck.Scored s = scored(q, input);
            assertThat(s.score()).isEqualTo(1.0);
            assertThat(s.correct()).isTrue();
            assertThat(s.given()).isEqualTo("b");
        }

        @Test
        void aWrongLetterScoresZero() {
            AnswerCheck.Scored s = scored(q, "c");
            assertThat(s.score()).isZero();
            assertThat(s.correct()).isFalse();
        }

        @Test
        void aLetterThatIsNotAChoiceIsRejectedNamingTheRange() {
            assertThat(rejected(q, "z")).isEqualTo(new Rejection(Reason.NOT_A_CHOICE, List.of("z", "a-d")));
        }

        @Test
        void twoLettersAreRejectedBecauseTheQuestionHasOneAnswer() {
            assertThat(rejected(q, "a,b")).isEqualTo(new Rejection(Reason.ONE_ANSWER_ONLY, List.of("a-d")));
        }

        @Test
        void emptyInputIsRejected() {
            assertThat(rejected(q, "  ")).isEqualTo(new Rejection(Reason.SINGLE_CHOICE_EXPECTED, List.of("a-d")));
        }
    }

    @Nested
    @DisplayName("multiple choice with partial credit")
    class Multiple {
        // correct: a, c ; wrong: b, d, e
        Question q = multiple("m", 5, "a", "c");

        @ParameterizedTest(name = "''{0}'' scores {1}")
        @CsvSource(delimiter = '|', value = {
            "a,c        | 1.0",
            "c a        | 1.0",
            "ac         | 1.0",
            "ａ，ｃ      | 1.0",
            "a、c       | 1.0",
            "a          | 0.5",
            "a,b        | 0.16666666666666666",
            "a,c,b      | 0.6666666666666667",
            "a,b,c,d,e  | 0.0",
            "b,d        | 0.0",
            "b          | 0.0",
        })
        void scoresByTheDocumentedFormula(String input, double expected) {
            assertThat(scored(q, input).score()).isCloseTo(expected, within(1e-12));
        }

        @Test
        void onlyTheExactSetIsCorrect() {
            assertThat(scored(q, "a,c").correct()).isTrue();
            assertThat(scored(q, "a").correct()).isFalse();
            assertThat(scored(q, "a,c,d").correct()).isFalse();
        }

        @Test
        void tickingEverythingOrNothingGivesZeroAndAllCorrectGivesOne() {
            List<String> keys = List.of("a", "b", "c", "d", "e");
            assertThat(Scoring.multipleChoiceScore(keys, java.util.Set.of("a", "c"), java.util.Set.copyOf(keys))).isZero();
            assertThat(Scoring.multipleChoiceScore(keys, java.util.Set.of("a", "c"), java.util.Set.of())).isZero();
            assertThat(Scoring.multipleChoiceScore(keys, java.util.Set.of("a", "c"), java.util.Set.of("a", "c"))).isEqualTo(1.0);
        }

        @Test
        void whenEveryChoiceIsCorrectTickingAllScoresOne() {
            Question all = multiple("all", 3, "a", "b", "c");
            assertThat(scored(all, "a,b,c").score()).isEqualTo(1.0);
        }

        @Test
        void anUnknownLetterIsRejectedNotScored() {
            assertThat(rejected(q, "a,z")).isEqualTo(new Rejection(Reason.NOT_A_CHOICE, List.of("z", "a-e")));
            assertThat(rejected(q, "")).isEqualTo(new Rejection(Reason.MULTIPLE_CHOICE_EXPECTED, List.of("a-e")));
        }

        @Test
        void theAnswerIsReportedInChoiceOrder() {
            assertThat(scored(q, "c, a, a").given()).isEqualTo("a, c");
        }
    }

    @Nested
    @DisplayName("true / false")
    class TrueFalse {
        Question yes = trueFalse("t", true);

        @ParameterizedTest(name = "''{0}'' means true")
        @ValueSource(strings = {"t", "T", "true", "True.", "y", "yes", "1", "对", "正确", "是", "对。", "ｔｒｕｅ", "１"})
        void acceptsEveryWayOfSayingTrue(String input) {
            assertThat(scored(yes, input).correct()).isTrue();
        }

        @ParameterizedTest(name = "''{0}'' means false")
        @ValueSource(strings = {"f", "false", "n", "no", "0", "错", "错误", "否", "不对", "ＦＡＬＳＥ"})
        void acceptsEveryWayOfSayingFalse(String input) {
            AnswerCheck.Scored s = scored(yes, input);
            assertThat(s.correct()).isFalse();
            assertThat(s.score()).isZero();
            assertThat(s.given()).isEqualTo("false");
        }

        @ParameterizedTest
        @ValueSource(strings = {"maybe", "", "tf", "2"})
        void rejectsAnythingElse(String input) {
            assertThat(rejected(yes, input).reason()).isEqualTo(Reason.TRUE_OR_FALSE_EXPECTED);
        }
    }

    @Nested
    @DisplayName("short answer")
    class Short {
        Question q = shortAnswer("sa", List.of("Layer Norm", "key padding mask", "KV 缓存", "层归一化"),
                "(pre|post)[ ]?ln");

        @ParameterizedTest(name = "''{0}'' is accepted")
        @ValueSource(strings = {"layer norm", "LAYER  NORM", "Layer-Norm!", "ＬａｙｅｒＮｏｒｍ", "layernorm",
                "Key padding mask.", "kv缓存", "ＫＶ 缓存", "层归一化。", "层 归一化", "「层归一化」", "Pre-LN", "postln"})
        void normalisationMakesWidthCasePunctuationAndSpacingIrrelevant(String input) {
            assertThat(scored(q, input).correct()).as(input).isTrue();
        }

        @ParameterizedTest(name = "''{0}'' is wrong")
        @ValueSource(strings = {"batch norm", "padding", "层", "mid-ln"})
        void otherAnswersAreWrong(String input) {
            AnswerCheck.Scored s = scored(q, input);
            assertThat(s.correct()).isFalse();
            assertThat(s.score()).isZero();
        }

        @Test
        void punctuationOnlyInputIsRejected() {
            assertThat(rejected(q, "。。。").reason()).isEqualTo(Reason.ANSWER_EXPECTED);
        }

        @Test
        void theNormaliserFollowsTheDocumentedSteps() {
            // punctuation becomes a space (then spaces collapse, and go next to CJK)
            assertThat(TextNormalizer.normalize("  Ｑ·Ｋ^T / √d_k ，好！ ")).isEqualTo("q k^t √d k好");
            assertThat(TextNormalizer.normalize("O(n²·d)")).isEqualTo("o n2 d");
            assertThat(TextNormalizer.normalize("Don't\tStop")).isEqualTo("don t stop");
            assertThat(TextNormalizer.normalize("[2, 108, 8]")).isEqualTo("2 108 8");
        }

        @Test
        void spacesComparedAwayNeverJoinTwoNumbers() {
            assertThat(TextNormalizer.compact("key padding mask")).isEqualTo("keypaddingmask");
            assertThat(TextNormalizer.compact("2 108 8")).isEqualTo("2 108 8").isNotEqualTo(TextNormalizer.compact("21088"));
        }
    }

    @Nested
    @DisplayName("numeric")
    class Numeric {
        Question exact = numeric("n", 1024, 0, false, "");
        Question params = numeric("p", 2359296, 0, false, "parameters");
        Question rel = numeric("r", 0.125, 0.01, true, "");
        Question abs = numeric("a", 3.14159, 0.01, false, "");

        @ParameterizedTest(name = "''{0}'' equals 1024")
        @ValueSource(strings = {"1024", "1,024", "1 024", "1_024", "１０２４", "１，０２４", "1.024e3", "1.024E+3",
                "1024.0", "+1024", "1.024×10^3", "1.024 x 10^3", " 1024 "})
        void readsIntegersSeparatorsScientificNotationAndFullWidthDigits(String input) {
            AnswerCheck.Scored s = scored(exact, input);
            assertThat(s.correct()).as(input).isTrue();
            assertThat(s.given()).isEqualTo("1024");
        }

        @Test
        void aTrailingUnitMatchingTheQuestionsUnitIsAllowed() {
            assertThat(scored(params, "2,359,296 parameters").correct()).isTrue();
            assertThat(scored(params, "2359296").correct()).isTrue();
        }

        @Test
        void relativeToleranceScalesWithTheValue() {
            assertThat(scored(rel, "0.126").correct()).isTrue();
            assertThat(scored(rel, "0.12624").correct()).isTrue();
            assertThat(scored(rel, "0.1265").correct()).isFalse();
            assertThat(scored(rel, "1/8").correct()).isTrue();
        }

        @Test
        void absoluteToleranceIsInclusive() {
            assertThat(scored(abs, "3.15").correct()).isTrue();
            assertThat(scored(abs, "3.132").correct()).isTrue();
            assertThat(scored(abs, "3.152").correct()).isFalse();
        }

        @Test
        void negativeNumbersWithTheUnicodeMinusSign() {
            Question neg = numeric("neg", -0.5, 0, false, "");
            assertThat(scored(neg, "\u22120.5").correct()).isTrue();
            assertThat(scored(neg, "-.5").correct()).isTrue();
        }

        @ParameterizedTest(name = "''{0}'' is not a number")
        @ValueSource(strings = {"abc", "", "1,02", "12,34,567", "1..2", "1/0", "1e999", "3,5"})
        void malformedNumbersAreRejected(String input) {
            assertThat(rejected(exact, input)).isEqualTo(new Rejection(Reason.NOT_A_NUMBER, List.of(input.strip())));
        }

        @Test
        void aWrongNumberScoresZero() {
            assertThat(scored(exact, "1023").score()).isZero();
        }
    }

    @Nested
    @DisplayName("ordering")
    class Ordering {
        Question q = ordering("o", "first", "second", "third", "fourth");
        // shown as: 1 = third, 2 = first, 3 = fourth, 4 = second  => correct sequence: 2 4 1 3
        Presented shown = new Presented(q, List.of(2, 0, 3, 1));

        private AnswerCheck.Scored order(String input) {
            AnswerCheck c = Scoring.check(shown, input);
            assertThat(c).as(input).isInstanceOf(AnswerCheck.Scored.class);
            return (AnswerCheck.Scored) c;
        }

        @ParameterizedTest(name = "''{0}'' is the exact order")
        @ValueSource(strings = {"2 4 1 3", "2,4,1,3", "2, 4, 1, 3", "2413", "２ ４ １ ３", "2-4-1-3", "2、4、1、3"})
        void theExactOrderScoresOneInAnyNotation(String input) {
            AnswerCheck.Scored s = order(input);
            assertThat(s.score()).isEqualTo(1.0);
            assertThat(s.correct()).isTrue();
            assertThat(s.given()).isEqualTo("2 4 1 3");
        }

        @Test
        void oneSwapOfNeighboursLosesOneOfSixPairs() {
            AnswerCheck.Scored s = order("4 2 1 3");
            assertThat(s.score()).isCloseTo(5.0 / 6, within(1e-12));
            assertThat(s.correct()).isFalse();
        }

        @Test
        void theReversedOrderScoresZero() {
            assertThat(order("3 1 4 2").score()).isZero();
        }

        @ParameterizedTest(name = "''{0}'' is rejected: {1} {2}")
        @CsvSource(delimiter = '|', value = {
            "1 1 2 4   | LISTED_TWICE       | 1 4",
            "1 2 3     | WRONG_ITEM_COUNT   | 3 4",
            "1 2 3 5   | NOT_AN_ITEM        | 5 4",
            "a b c d   | NOT_AN_ITEM_NUMBER | a 4",
            "''        | ORDER_EXPECTED     | 4",
            "1 2 3 4 1 | LISTED_TWICE       | 1 4",
        })
        void malformedOrdersAreRejectedWithAReason(String input, Reason reason, String args) {
            AnswerCheck c = Scoring.check(shown, input);
            assertThat(c).isInstanceOf(AnswerCheck.Rejected.class);
            assertThat(((AnswerCheck.Rejected) c).rejection())
                    .isEqualTo(new Rejection(reason, List.of(args.split(" "))));
        }

        @Test
        void theCorrectSequenceIsExpressedInShownNumbers() {
            assertThat(shown.correctSequence()).containsExactly(2, 4, 1, 3);
            assertThat(shown.shownItems()).containsExactly("third", "first", "fourth", "second");
        }

        @Test
        void aShuffledPresentationIsNeverAlreadyInOrder() {
            for (long seed = 0; seed < 50; seed++) {
                Presented p = Presented.of(ordering("two", "x", "y"), new java.util.Random(seed));
                assertThat(p.order()).containsExactly(1, 0);
            }
        }
    }

    @Nested
    @DisplayName("open questions (self-rated)")
    class Open {
        Question q = open("op");

        @ParameterizedTest(name = "''{0}'' rates {1} and scores {2}")
        @CsvSource({"1,AGAIN,0.0", "2,HARD,0.5", "3,GOOD,1.0", "4,EASY,1.0", "good,GOOD,1.0", "４,EASY,1.0", "困难,HARD,0.5"})
        void theSelfRatingMapsToAScore(String input, Rating rating, double score) {
            AnswerCheck.Scored s = scored(q, input);
            assertThat(s.selfRating()).isEqualTo(Optional.of(rating));
            assertThat(s.score()).isEqualTo(score);
            assertThat(s.correct()).isEqualTo(score == 1.0);
        }

        @ParameterizedTest
        @ValueSource(strings = {"0", "5", "I think attention is...", ""})
        void anythingButARatingIsRejected(String input) {
            assertThat(rejected(q, input)).isEqualTo(new Rejection(Reason.SELF_RATING_EXPECTED, List.of()));
        }
    }
}
