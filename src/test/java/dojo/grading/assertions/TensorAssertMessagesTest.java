package dojo.grading.assertions;

import static dojo.grading.assertions.TensorAssert.assertThatTensor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The failure messages are the product: these tests read them. */
class TensorAssertMessagesTest {
    private static final Tolerance TOL = Tolerance.of(1e-5, 1e-4);

    static String message(Executable check) {
        Throwable t = catchThrowable(check::execute);
        assertThat(t).as("the check should have failed").isInstanceOf(AssertionError.class);
        return t.getMessage();
    }

    @Test
    @DisplayName("a shape mismatch names both shapes and notices swapped axes")
    void shapeMismatch() {
        String m = message(() -> assertThatTensor(new float[4][3]).named("attention weights").hasShape(3, 4));
        assertThat(m).isEqualTo("attention weights: expected shape [3, 4] but was [4, 3] (the last two axes are swapped: transposed?)");
        String rank = message(() -> assertThatTensor(new float[2][3][4]).named("scores").hasShape(3, 4));
        assertThat(rank).isEqualTo("scores: expected shape [3, 4] but was [2, 3, 4] (3 axes instead of 2)");
    }

    @Test
    @DisplayName("isCloseTo checks the shape first")
    void closeToChecksShape() {
        String m = message(() -> assertThatTensor(new float[][] {{1, 2, 3}}).named("y").isCloseTo(new float[][] {{1, 2}}, TOL));
        assertThat(m).startsWith("y: expected shape [1, 2] but was [1, 3]");
    }

    @Test
    @DisplayName("a value mismatch names the count, max errors, the worst index with both values, and the tolerance")
    void worstIndex() {
        float[][] expected = {{0.1f, 0.2f, 0.7f}, {0.3f, 0.3f, 0.4f}};
        float[][] actual = {{0.1f, 0.2f, 0.7f}, {0.3f, 0.5f, 0.35f}};
        String m = message(() -> assertThatTensor(actual).named("weights").isCloseTo(expected, TOL));
        assertThat(m).startsWith("weights: not close to the expected values\n")
                .contains("shape [2, 3] as expected; 2 of 6 elements differ beyond the tolerance |actual - expected| <= 1.0e-05 + 1.0e-04 * |expected|")
                .contains("max abs error 0.2 at [1, 1]: actual 0.5, expected 0.3")
                .contains("max rel error 0.666667 at [1, 1]")
                .contains("worst index [1, 1]")
                .contains("row [1]: actual   [0.3, 0.5, 0.35]")
                .contains("expected [0.3, 0.3, 0.4]");
    }

    @Test
    @DisplayName("a NaN is located and counted, and the likely cause names exp overflow or 0/0")
    void nanLocation() {
        float[][] actual = {{0.5f, 0.5f}, {Float.NaN, Float.NaN}};
        String m = message(() -> assertThatTensor(actual).named("softmax").isCloseTo(new float[][] {{0.5f, 0.5f}, {0, 0}}, TOL));
        assertThat(m).contains("2 NaN where a number was expected; the first at [1, 0]")
                .contains("likely cause: NaN in the result: exp overflowing");
        String finite = message(() -> assertThatTensor(actual).named("softmax").isFinite());
        assertThat(finite).startsWith("softmax: expected only finite values but found 2 NaN and 0 infinite values of 4; the first is NaN at [1, 0]");
    }

    @Test
    @DisplayName("a result scaled by sqrt(d_k) is recognised and the suite's own sentence is shown")
    void scaledBySqrtDk() {
        float[][] expected = {{0.5f, -1f}, {2f, 0.25f}};
        float sqrtDk = (float) Math.sqrt(16);
        float[][] actual = {{0.5f * sqrtDk, -1f * sqrtDk}, {2f * sqrtDk, 0.25f * sqrtDk}};
        String m = message(() -> assertThatTensor(actual).named("scores")
                .withLikelyCauses(LikelyCause.scaledBy(sqrtDk, "every score is off by a factor sqrt(d_k): did you scale by 1/sqrt(d_k)?"))
                .isCloseTo(expected, TOL));
        assertThat(m).endsWith("likely cause: every score is off by a factor sqrt(d_k): did you scale by 1/sqrt(d_k)?");
    }

    @Test
    @DisplayName("without a suite cause, a constant factor is still recognised and named")
    void genericFactor() {
        String m = message(() -> assertThatTensor(new float[] {2, 4, 6}).named("v").isCloseTo(new float[] {1, 2, 3}, TOL));
        assertThat(m).contains("likely cause: every value is off by the same factor (about 2)");
    }

    @Test
    @DisplayName("a transposed result is recognised, both with and without a shape mismatch")
    void transposed() {
        float[][] expected = {{1, 2, 3}, {4, 5, 6}};
        float[][] actualT = {{1, 4}, {2, 5}, {3, 6}};
        String shape = message(() -> assertThatTensor(actualT).named("out")
                .withLikelyCauses(LikelyCause.transposed("softmax over the wrong axis?")).isCloseTo(expected, TOL));
        assertThat(shape).isEqualTo("out: expected shape [2, 3] but was [3, 2]\n  likely cause: softmax over the wrong axis?");
        float[][] sq = {{1, 2}, {3, 4}};
        float[][] sqT = {{1, 3}, {2, 4}};
        String square = message(() -> assertThatTensor(sqT).named("w").isCloseTo(sq, TOL));
        assertThat(square).endsWith("likely cause: the result is the transpose of the expected one: wrong axis, or operands swapped?");
    }

    @Test
    @DisplayName("a custom predicate cause on flattened tensors is reported when it matches")
    void customCause() {
        String m = message(() -> assertThatTensor(new float[][] {{1, 0}}).named("y")
                .withLikelyCauses(LikelyCause.when((a, e) -> a[a.length - 1] == 0f, "the last entry is 0: off by one?"))
                .isCloseTo(new float[][] {{0.5f, 0.5f}}, TOL));
        assertThat(m).endsWith("likely cause: the last entry is 0: off by one?");
    }

    @Test
    @DisplayName("hidden mode names property, shape, index and error size, never a value")
    void hiddenNeverPrintsValues() {
        float[][] expected = {{0.123456f, 0.876544f}};
        float[][] actual = {{0.654321f, 0.345679f}};
        String m = message(() -> TensorAssert.hidden(actual).named("softmax").isCloseTo(expected, TOL));
        assertThat(m).contains("(values hidden)", "shape [1, 2]", "worst index [0, ", "largest error of order 1e-1 at [0, ")
                .doesNotContain("0.123456", "0.876544", "0.654321", "0.345679", "actual 0", "expected 0", "0.530865",
                        "max rel error");
        String sums = message(() -> TensorAssert.hidden(new float[][] {{0.654321f, 0.1f}}).named("softmax").rowsSumTo(1f, 1e-5f));
        assertThat(sums).contains("row [0]", "off by an amount of order 1e-1")
                .doesNotContain("0.754321", "0.654321", "0.245679");
        String range = message(() -> TensorAssert.hidden(new float[] {0.5f, 1.654321f}).allWithin(0f, 1f));
        assertThat(range).contains("at [1]").doesNotContain("1.654321");
    }

    @Test
    @DisplayName("rowsSumTo names the worst row and what it sums to; fully masked rows can be excepted")
    void rowSums() {
        float[][] y = {{0.5f, 0.5f}, {0.2f, 0.3f}, {0, 0}};
        String m = message(() -> assertThatTensor(y).named("weights").rowsSumTo(1f, 1e-5f));
        assertThat(m).startsWith("weights: expected every row to sum to 1 (within 1.0000e-05) but 2 of 3 rows do not; the worst is row [2], which sums to 0");
        String except = message(() -> assertThatTensor(y).named("weights").exceptZeroRows().rowsSumTo(1f, 1e-5f));
        assertThat(except).contains("1 of 3 rows do not; the worst is row [1], which sums to 0.5")
                .contains("likely cause: not normalised over the last axis");
        assertThatTensor(new float[][] {{0.25f, 0.75f}, {0, 0}}).exceptZeroRows().rowsSumTo(1f, 1e-6f);
    }

    @Test
    @DisplayName("null results, null rows and ragged rows are named, not NullPointerExceptions")
    void nullAndRagged() {
        assertThat(message(() -> assertThatTensor((float[][]) null).named("attention output").hasShape(2, 2)))
                .isEqualTo("attention output: returned null instead of a tensor");
        assertThat(message(() -> assertThatTensor(new float[][] {{1}, null}).named("y").isFinite()))
                .isEqualTo("y: row [1] is null");
        assertThat(message(() -> assertThatTensor(new float[][] {{1, 2}, {3}}).named("y").isFinite()))
                .isEqualTo("y: is ragged: row [1] has 1 columns but row [0] has 2");
        assertThat(message(() -> assertThatTensor(new float[][][] {{{1}}, {{1, 2}}}).named("heads").isFinite()))
                .startsWith("heads: is ragged: [1] has shape [1, 2] but [0] has shape [1, 1]");
    }

    @Test
    @DisplayName("passing checks pass: close values, right shape, finite, rows summing to 1, 3-D tensors")
    void passingChecks() {
        assertThatTensor(new float[][][] {{{0.25f, 0.75f}}, {{1f, 0f}}}).hasShape(2, 1, 2).isFinite().rowsSumTo(1f, 1e-6f)
                .isCloseTo(new float[][][] {{{0.25f, 0.75000001f}}, {{1f, 0f}}}, TOL).allWithin(0f, 1f);
        assertThatTensor(new float[] {Float.NEGATIVE_INFINITY, 1f}).isCloseTo(new float[] {Float.NEGATIVE_INFINITY, 1.000001f}, TOL);
    }

    @Test
    @DisplayName("the tolerance rule is |a - e| <= abs + rel * |e|, with NaN matching only NaN")
    void toleranceRule() {
        Tolerance t = Tolerance.of(0.1, 0.5);
        assertThat(t.allows(0.85, 2.0)).isFalse();
        assertThat(t.allows(3.15, 2.0)).isFalse();
        assertThat(t.allows(3.05, 2.0)).isTrue();
        assertThat(t.allows(Double.NaN, Double.NaN)).isTrue();
        assertThat(t.allows(Double.NaN, 1)).isFalse();
        assertThat(t.allows(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY)).isTrue();
        assertThat(catchThrowable(() -> Tolerance.of(-1, 0))).isInstanceOf(IllegalArgumentException.class);
    }
}
