package exercises.ex01_softmax;

import static dojo.grading.assertions.TensorAssert.assertThatTensor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dojo.exercise.api.Softmax;
import dojo.grading.assertions.LikelyCause;
import dojo.grading.assertions.Tolerance;
import dojo.grading.junit.ExerciseSuite;
import dojo.grading.junit.Task;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Public suite of exercise 1 (shipped to learners): the worked examples of exercises/ex01_softmax/README.md.
 * Run: ./dojo grade ex01_softmax, or mvn test.
 */
@ExerciseSuite("ex01_softmax")
@DisplayName("ex01 softmax (public)")
class SoftmaxPublicTest {
    private static final float NEG_INF = Float.NEGATIVE_INFINITY;
    private static final Tolerance TOL = Tolerance.of(1e-6, 1e-5);

    @Test
    @Task(1)
    @DisplayName("softmax of [1, 2, 3] is [0.0900, 0.2447, 0.6652] (the README's worked example)")
    void workedExample(Softmax softmax) {
        float[][] y = softmax.softmaxRows(new float[][] {{1, 2, 3}});
        assertThatTensor(y).named("softmax([[1, 2, 3]])")
                .withLikelyCauses(LikelyCause.when((a, e) -> a.length == 3 && Math.abs(a[2] - 20.0855f) < 1e-2,
                        "these are e^x without dividing by the sum: normalise each row"))
                .hasShape(1, 3)
                .isCloseTo(new float[][] {{0.09003057f, 0.24472847f, 0.66524096f}}, TOL);
    }

    @Test
    @Task(1)
    @DisplayName("equal logits give equal weights")
    void uniform(Softmax softmax) {
        float[][] y = softmax.softmaxRows(new float[][] {{0.5f, 0.5f, 0.5f, 0.5f}});
        assertThatTensor(y).named("softmax of four equal logits").hasShape(1, 4)
                .isCloseTo(new float[][] {{0.25f, 0.25f, 0.25f, 0.25f}}, TOL);
    }

    @Test
    @Task(1)
    @DisplayName("each row is normalised on its own")
    void rowsAreIndependent(Softmax softmax) {
        float[][] y = softmax.softmaxRows(new float[][] {{0, 0}, {0, (float) Math.log(3)}});
        assertThatTensor(y).named("softmax([[0, 0], [0, ln 3]])")
                .withLikelyCauses(LikelyCause.transposed("softmax over the wrong axis: normalise each row, not each column"))
                .hasShape(2, 2)
                .isCloseTo(new float[][] {{0.5f, 0.5f}, {0.25f, 0.75f}}, TOL)
                .rowsSumTo(1f, 1e-6f);
    }

    @Test
    @Task(2)
    @DisplayName("large logits [1000, 1001] do not overflow: [0.2689, 0.7311]")
    void largeLogits(Softmax softmax) {
        float[][] y = softmax.softmaxRows(new float[][] {{1000, 1001}});
        assertThatTensor(y).named("softmax([[1000, 1001]])").hasShape(1, 2).isFinite()
                .isCloseTo(new float[][] {{0.26894142f, 0.73105858f}}, TOL);
    }

    @Test
    @Task(2)
    @DisplayName("a masked entry (-inf) gets weight 0")
    void maskedEntry(Softmax softmax) {
        float[][] y = softmax.softmaxRows(new float[][] {{1, NEG_INF, 1}});
        assertThatTensor(y).named("softmax([[1, -inf, 1]])").hasShape(1, 3).isFinite()
                .isCloseTo(new float[][] {{0.5f, 0f, 0.5f}}, TOL);
    }

    @Test
    @Task(2)
    @DisplayName("a fully masked row gives zeros, not NaN")
    void fullyMaskedRow(Softmax softmax) {
        float[][] y = softmax.softmaxRows(new float[][] {{NEG_INF, NEG_INF}, {0, 0}});
        assertThatTensor(y).named("softmax([[-inf, -inf], [0, 0]])").hasShape(2, 2).isFinite()
                .isCloseTo(new float[][] {{0f, 0f}, {0.5f, 0.5f}}, TOL);
    }

    @Test
    @Task(3)
    @DisplayName("the input matrix is left unchanged")
    void inputUnchanged(Softmax softmax) {
        float[][] x = {{3, 1, 2}, {0, -1, 5}};
        softmax.softmaxRows(x);
        assertThat(x).as("the logits after calling softmaxRows(logits)")
                .isDeepEqualTo(new float[][] {{3, 1, 2}, {0, -1, 5}});
    }

    @Test
    @Task(3)
    @DisplayName("a NaN logit is rejected with IllegalArgumentException naming its position")
    void nanRejected(Softmax softmax) {
        assertThatThrownBy(() -> softmax.softmaxRows(new float[][] {{0, 1, 2}, {3, 4, Float.NaN}}))
                .as("softmaxRows with a NaN at [1, 2]")
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageMatching("(?s).*\\b1\\b.*\\b2\\b.*");
    }
}
