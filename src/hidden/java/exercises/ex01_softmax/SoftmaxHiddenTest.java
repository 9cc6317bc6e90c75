package exercises.ex01_softmax;

import static dojo.grading.assertions.TensorAssert.hidden;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dojo.exercise.api.Softmax;
import dojo.grading.assertions.LikelyCause;
import dojo.grading.assertions.Tolerance;
import dojo.grading.junit.ExerciseSuite;
import dojo.grading.junit.Hidden;
import dojo.grading.junit.Task;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Hidden suite of exercise 1: properties, edge cases and a double-precision reference. Messages name the
 * property, never expected numbers.
 */
@ExerciseSuite("ex01_softmax")
@Hidden
@DisplayName("ex01 softmax (hidden)")
class SoftmaxHiddenTest {
    private static final float NEG_INF = Float.NEGATIVE_INFINITY;
    private static final Tolerance TOL = Tolerance.of(1e-6, 1e-4);

    /** Softmax of every row in double precision: the specification the learner's floats are compared with. */
    static float[][] reference(float[][] x) {
        float[][] out = new float[x.length][];
        for (int i = 0; i < x.length; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (float v : x[i]) {
                max = Math.max(max, v);
            }
            out[i] = new float[x[i].length];
            if (max == Double.NEGATIVE_INFINITY) {
                continue;
            }
            double sum = 0;
            for (float v : x[i]) {
                sum += Math.exp(v - max);
            }
            for (int j = 0; j < x[i].length; j++) {
                out[i][j] = (float) (Math.exp(x[i][j] - max) / sum);
            }
        }
        return out;
    }

    static float[][] random(long seed, int rows, int cols, float scale) {
        Random r = new Random(seed);
        float[][] x = new float[rows][cols];
        for (float[] row : x) {
            for (int j = 0; j < cols; j++) {
                row[j] = (float) (r.nextGaussian() * scale);
            }
        }
        return x;
    }

    @Test
    @Task(1)
    @DisplayName("every row of a random matrix sums to 1")
    void rowsSumToOne(Softmax softmax) {
        float[][] y = softmax.softmaxRows(random(1, 16, 33, 3f));
        hidden(y).named("softmax of a random 16x33 matrix").hasShape(16, 33).isFinite().rowsSumTo(1f, 1e-5f);
    }

    @Test
    @Task(1)
    @DisplayName("every weight lies between 0 and 1")
    void weightsAreProbabilities(Softmax softmax) {
        float[][] y = softmax.softmaxRows(random(2, 8, 12, 5f));
        hidden(y).named("softmax of a random 8x12 matrix").hasShape(8, 12).allWithin(0f, 1f);
    }

    @Test
    @Task(1)
    @DisplayName("a large random matrix matches a double-precision reference")
    void matchesReference(Softmax softmax) {
        float[][] x = random(3, 64, 257, 4f);
        hidden(softmax.softmaxRows(x)).named("softmax of a random 64x257 matrix")
                .withLikelyCauses(
                        LikelyCause.transposed("softmax over the wrong axis: normalise each row, not each column"),
                        LikelyCause.when(SoftmaxHiddenTest::lastColumnZero,
                                "the last column is always 0: does a loop stop one element early?"))
                .hasShape(64, 257).isFinite().isCloseTo(reference(x), TOL);
    }

    static boolean lastColumnZero(float[] actual, float[] expected) {
        int n = 257;
        for (int i = n - 1; i < actual.length; i += n) {
            if (actual[i] != 0f) {
                return false;
            }
        }
        return true;
    }

    @Test
    @Task(1)
    @DisplayName("each row depends only on itself: changing one row leaves the others unchanged")
    void rowsIndependent(Softmax softmax) {
        float[][] a = random(4, 5, 6, 2f);
        float[][] b = random(4, 5, 6, 2f);
        b[3] = new float[] {9, -9, 4, 0, 1, 2};
        float[][] ya = softmax.softmaxRows(a);
        float[][] yb = softmax.softmaxRows(b);
        for (int i : new int[] {0, 1, 2, 4}) {
            hidden(new float[][] {yb[i]}).named("row " + i + " after changing only row 3")
                    .isCloseTo(new float[][] {ya[i]}, Tolerance.of(1e-7, 1e-6));
        }
    }

    @Test
    @Task(1)
    @DisplayName("adding a constant to a row does not change its softmax")
    void shiftInvariant(Softmax softmax) {
        float[][] x = random(5, 6, 9, 2f);
        float[][] shifted = new float[6][9];
        float[] c = {-40f, -3.5f, 0f, 7f, 25f, 60f};
        for (int i = 0; i < 6; i++) {
            for (int j = 0; j < 9; j++) {
                shifted[i][j] = x[i][j] + c[i];
            }
        }
        hidden(softmax.softmaxRows(shifted)).named("softmax of rows shifted by a constant").hasShape(6, 9).isFinite()
                .isCloseTo(softmax.softmaxRows(x), Tolerance.of(1e-5, 1e-3));
    }

    @Test
    @Task(2)
    @DisplayName("logits of size 1e4 (positive and negative, in different rows) neither overflow nor give NaN")
    void hugeLogits(Softmax softmax) {
        float[][] x = {
            {1e4f, 1e4f - 1f, 1e4f - 3f},
            {-1e4f, -1e4f + 2f, -1e4f},
            {3e4f, -3e4f, 0f},
        };
        hidden(softmax.softmaxRows(x)).named("softmax of logits around +-1e4")
                .withLikelyCauses(LikelyCause.when((a, e) -> a[3] == 0f && a[4] == 0f && a[5] == 0f,
                        "a whole row underflowed to 0: subtract each row's own max, not the max of the matrix"))
                .hasShape(3, 3).isFinite().isCloseTo(reference(x), TOL).rowsSumTo(1f, 1e-5f);
    }

    @Test
    @Task(2)
    @DisplayName("masked entries (-inf) get weight exactly 0 and the rest still sum to 1")
    void maskedEntriesZero(Softmax softmax) {
        float[][] x = {{2, NEG_INF, 1, NEG_INF}, {NEG_INF, 0, NEG_INF, NEG_INF}, {NEG_INF, 3, 3, 1e4f}};
        float[][] y = softmax.softmaxRows(x);
        hidden(y).named("softmax with masked entries").hasShape(3, 4).isFinite().rowsSumTo(1f, 1e-5f)
                .isCloseTo(reference(x), TOL);
        for (int[] p : new int[][] {{0, 1}, {0, 3}, {1, 0}, {1, 2}, {1, 3}, {2, 0}}) {
            assertThat(y[p[0]][p[1]] == 0f).as("weight of the masked entry [%d, %d] (must be exactly 0)", p[0], p[1])
                    .isTrue();
        }
    }

    @Test
    @Task(2)
    @DisplayName("fully masked rows give zeros, not NaN, and leave the other rows alone")
    void fullyMaskedRowsZero(Softmax softmax) {
        float[][] x = {{1, 2}, {NEG_INF, NEG_INF}, {0, 0}};
        float[][] y = softmax.softmaxRows(x);
        hidden(y).named("softmax with a fully masked row").hasShape(3, 2).isFinite()
                .exceptZeroRows().rowsSumTo(1f, 1e-5f).isCloseTo(reference(x), TOL);
    }

    @Test
    @Task(2)
    @DisplayName("one-column rows give 1, and a row with one unmasked entry puts all weight on it")
    void degenerateRows(Softmax softmax) {
        hidden(softmax.softmaxRows(new float[][] {{5}, {-3}, {0}})).named("softmax of 3x1 logits").hasShape(3, 1)
                .isCloseTo(new float[][] {{1}, {1}, {1}}, TOL);
        hidden(softmax.softmaxRows(new float[][] {{NEG_INF, NEG_INF, -7, NEG_INF}})).named("softmax of a row with one unmasked entry")
                .hasShape(1, 4).isCloseTo(new float[][] {{0, 0, 1, 0}}, TOL);
    }

    @Test
    @Task(3)
    @DisplayName("the shape is preserved, including 0 rows and rows of length 0")
    void shapePreserved(Softmax softmax) {
        hidden(softmax.softmaxRows(new float[2][7])).named("softmax of a 2x7 matrix").hasShape(2, 7);
        hidden(softmax.softmaxRows(new float[7][2])).named("softmax of a 7x2 matrix").hasShape(7, 2);
        hidden(softmax.softmaxRows(new float[0][])).named("softmax of a matrix with 0 rows").hasShape(0, 0);
        hidden(softmax.softmaxRows(new float[3][0])).named("softmax of a 3x0 matrix").hasShape(3, 0);
    }

    @Test
    @Task(3)
    @DisplayName("the result is a new matrix and the input is left unchanged")
    void freshResult(Softmax softmax) {
        float[][] x = random(6, 3, 4, 1f);
        float[][] copy = {x[0].clone(), x[1].clone(), x[2].clone()};
        float[][] y = softmax.softmaxRows(x);
        assertThat(x).as("the logits after softmaxRows (must be unchanged)").isDeepEqualTo(copy);
        for (int i = 0; i < 3; i++) {
            assertThat(y[i]).as("row %d of the result (must be a new array, not the input's row)", i).isNotSameAs(x[i]);
        }
    }

    @Test
    @Task(3)
    @DisplayName("a null matrix is rejected with IllegalArgumentException")
    void nullMatrix(Softmax softmax) {
        assertThatThrownBy(() -> softmax.softmaxRows(null)).as("softmaxRows(null)")
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @Task(3)
    @DisplayName("a null row is rejected with IllegalArgumentException naming the row")
    void nullRow(Softmax softmax) {
        assertThatThrownBy(() -> softmax.softmaxRows(new float[][] {{1, 2}, {3, 4}, null}))
                .as("softmaxRows with row 2 null (the message must name row 2)")
                .isInstanceOf(IllegalArgumentException.class).hasMessageMatching("(?s).*\\b2\\b.*");
    }

    @Test
    @Task(3)
    @DisplayName("ragged rows are rejected with IllegalArgumentException naming the row")
    void raggedRows(Softmax softmax) {
        assertThatThrownBy(() -> softmax.softmaxRows(new float[][] {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}, {1, 2}}))
                .as("softmaxRows with row 3 shorter than the others (the message must name row 3)")
                .isInstanceOf(IllegalArgumentException.class).hasMessageMatching("(?s).*\\b3\\b.*");
    }

    @Test
    @Task(3)
    @DisplayName("a NaN entry is rejected with IllegalArgumentException naming its row and column")
    void nanEntry(Softmax softmax) {
        float[][] x = new float[5][6];
        x[4][5] = Float.NaN;
        assertThatThrownBy(() -> softmax.softmaxRows(x))
                .as("softmaxRows with a NaN at row 4, column 5 (the message must name both)")
                .isInstanceOf(IllegalArgumentException.class).hasMessageMatching("(?s).*\\b4\\b.*\\b5\\b.*");
    }

    @Test
    @Task(3)
    @DisplayName("a +Infinity entry is rejected with IllegalArgumentException")
    void positiveInfinity(Softmax softmax) {
        assertThatThrownBy(() -> softmax.softmaxRows(new float[][] {{0, Float.POSITIVE_INFINITY}}))
                .as("softmaxRows with +Infinity (only -Infinity, a mask, is allowed)")
                .isInstanceOf(IllegalArgumentException.class);
    }
}
