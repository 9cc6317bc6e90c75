package dojo.grading;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What a learner reads of an assertion message that holds a stack trace of their code's exception. */
class LearnerMessageTest {

    @Test
    @DisplayName("the frames of the learner's code stay, without the class loader's name; reflection frames and AssertJ's note go")
    void keepsTheLearnersFrames() {
        String assertj = """
                [softmaxRows with row 2 null (the message must name row 2)]\s
                Expecting actual throwable to be an instance of:
                  java.lang.IllegalArgumentException
                but was:
                  java.lang.NullPointerException: Cannot read the array length because "logits[i]" is null
                \tat dojo-tree-exercises//ex01_softmax.StableSoftmax.softmaxRows(StableSoftmax.java:33)
                \tat java.base/jdk.internal.reflect.NativeMethodAccessorImpl.invoke0(Native Method)
                \tat jdk.internal.reflect.GeneratedMethodAccessor1.invoke(Unknown Source)
                \tat java.base/java.lang.reflect.Method.invoke(Method.java:569)
                \tat org.assertj.core.api.ThrowableAssert.catchThrowable(ThrowableAssert.java:63)
                \tat exercises.ex01_softmax.SoftmaxHiddenTest.lambda$nullRow$3(SoftmaxHiddenTest.java:88)
                \t...(20 remaining lines not displayed - this can be changed with Assertions.setMaxStackTraceElementsDisplayed)""";
        assertThat(ResultsCollector.forLearner(assertj)).isEqualTo("""
                [softmaxRows with row 2 null (the message must name row 2)]\s
                Expecting actual throwable to be an instance of:
                  java.lang.IllegalArgumentException
                but was:
                  java.lang.NullPointerException: Cannot read the array length because "logits[i]" is null
                \tat ex01_softmax.StableSoftmax.softmaxRows(StableSoftmax.java:33)
                \tat exercises.ex01_softmax.SoftmaxHiddenTest.lambda$nullRow$3(SoftmaxHiddenTest.java:88)""");
    }

    @Test
    @DisplayName("a message without a stack trace is left exactly as it is, prose with 'at' in it included")
    void leavesOtherMessagesAlone() {
        for (String m : new String[] {"softmax([[1000, 1001]]): the first is NaN at [0, 0]\n  likely cause: exp overflowing\n",
                "Expecting code to raise a throwable.", "expected 1.0\n at most 1e-6 apart"}) {
            assertThat(ResultsCollector.forLearner(m)).isSameAs(m);
        }
    }
}
