package dojo.grading.assertions;

import static dojo.grading.assertions.TensorAssert.hidden;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import org.junit.jupiter.api.Test;

class HiddenMessagesTest {

    @Test
    void anExactErrorNextToAPositionIsALeak() {
        assertThat(HiddenMessages.leaks("weights: max abs error 0.0123 at [1, 2]")).hasSize(1);
    }

    @Test
    void shapesIndicesCountsAndPowersOfTenAreNotLeaks() {
        assertThat(HiddenMessages.leaks("weights [3 x 4]: 2 of 12 elements differ beyond the tolerance "
                + "|actual - expected| <= 5.0e-05 + 2.0e-04 * |expected|; largest error of order 1e-3 at [1, 2]")).isEmpty();
    }

    @Test
    void anAssertJValueComparisonIsALeak() {
        assertThat(HiddenMessages.leaks("[weight [0][1] of a masked pair] expected: 0.0f but was: 0.0321f")).hasSize(1);
    }

    @Test
    void aLearnerExceptionMessageIsNotJudged() {
        assertThat(HiddenMessages.leaks("threw IllegalStateException: 0.731 at ex02_attention/X.java:3")).isEmpty();
    }

    @Test
    void aHiddenCloseToFailureGivesOnlyTheOrderOfMagnitudeOfTheError() {
        Throwable t = catchThrowable(() -> hidden(new float[][] {{0.25f, 0.75f}}).named("weights")
                .isCloseTo(new float[][] {{0.2689f, 0.7311f}}, Tolerance.of(1e-5, 1e-4)));

        assertThat(t.getMessage()).contains("largest error of order 1e-2 at [0, 0]").doesNotContain("0.0189");
        assertThat(HiddenMessages.leaks(t.getMessage())).isEmpty();
    }

    @Test
    void aHiddenConstantFactorCauseDoesNotNameTheFactor() {
        Throwable t = catchThrowable(() -> hidden(new float[][] {{0.5f, 1.5f}, {1f, 2f}}).named("output")
                .isCloseTo(new float[][] {{0.25f, 0.75f}, {0.5f, 1f}}, Tolerance.of(1e-5, 1e-4)));

        assertThat(t.getMessage()).contains("likely cause: every value is off by the same factor");
        assertThat(HiddenMessages.leaks(t.getMessage())).isEmpty();
    }

    @Test
    void aHiddenRowSumFailureGivesOnlyTheOrderOfMagnitude() {
        Throwable t = catchThrowable(() -> hidden(new float[][] {{0.5f, 0.7f}}).named("weights").rowsSumTo(1f, 1e-5f));

        assertThat(t.getMessage()).contains("off by an amount of order 1e-1");
        assertThat(HiddenMessages.leaks(t.getMessage())).isEmpty();
    }
}
