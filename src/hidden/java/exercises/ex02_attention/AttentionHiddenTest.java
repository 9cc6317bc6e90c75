package exercises.ex02_attention;

import static dojo.grading.assertions.TensorAssert.hidden;
import static exercises.ex02_attention.ReferenceAttention.attention;
import static exercises.ex02_attention.ReferenceAttention.random;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dojo.exercise.api.Attention;
import dojo.exercise.api.AttentionResult;
import dojo.exercise.api.Mask;
import dojo.grading.assertions.LikelyCause;
import dojo.grading.assertions.Tolerance;
import dojo.grading.junit.ExerciseSuite;
import dojo.grading.junit.Hidden;
import dojo.grading.junit.Task;
import dojo.io.Safetensors;
import exercises.ex02_attention.ReferenceAttention.Variant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hidden suite of ex02: PyTorch golden vectors, a double-precision reference on many shapes, properties
 * (rows sum to 1, permutation equivariance) and every validation rule. Messages name the property checked,
 * never the expected numbers.
 */
@ExerciseSuite("ex02_attention")
@Hidden
@DisplayName("ex02 scaled dot-product attention (hidden)")
class AttentionHiddenTest {
    private static final Tolerance TOL = Tolerance.of(2e-5, 2e-4);

    static List<String> goldenCases() {
        return GoldenFixture.cases(GoldenFixture.load("ex02_attention", "attention.safetensors"));
    }

    /** Likely causes recognised by comparing with the known wrong variants of the same inputs. */
    static LikelyCause[] causes(float[][] q, float[][] k, float[][] v, int which) {
        return new LikelyCause[] {
            variant(q, k, v, which, Variant.NO_SCALING, "matches attention without the 1/sqrt(d_k) scaling"),
            variant(q, k, v, which, Variant.SCALE_BY_DK, "matches attention scaled by 1/d_k instead of 1/sqrt(d_k)"),
            variant(q, k, v, which, Variant.SCALE_BY_SQRT_LK,
                    "matches attention scaled by 1/sqrt(Lk), the number of keys, instead of 1/sqrt(d_k), their width"),
            variant(q, k, v, which, Variant.SCALE_BY_SQRT_DV,
                    "matches attention scaled by 1/sqrt(d_v), the width of v, instead of 1/sqrt(d_k), the width of q and k"),
            variant(q, k, v, which, Variant.SOFTMAX_OVER_QUERIES,
                    "matches a softmax over the queries (columns) instead of over the keys (rows)"),
        };
    }

    private static LikelyCause variant(float[][] q, float[][] k, float[][] v, int which, Variant variant, String message) {
        float[] alt = ReferenceAttention.flat(attention(q, k, v, Mask.none(), variant)[which]);
        return LikelyCause.when((a, e) -> ReferenceAttention.close(a, alt, 2e-5, 2e-4), message);
    }

    private static void assertMatchesReference(Attention attention, String what, float[][] q, float[][] k, float[][] v) {
        AttentionResult r = attention.attend(q, k, v);
        assertThat(r).as("attend(...) returned null for " + what).isNotNull();
        float[][][] ref = attention(q, k, v);
        hidden(r.weights()).named("weights, " + what).withLikelyCauses(causes(q, k, v, 1))
                .hasShape(q.length, k.length).isFinite().isCloseTo(ref[1], TOL);
        hidden(r.output()).named("output, " + what).withLikelyCauses(causes(q, k, v, 0))
                .hasShape(q.length, v[0].length).isFinite().isCloseTo(ref[0], TOL);
    }

    @ParameterizedTest(name = "matches PyTorch on golden case {0}")
    @MethodSource("goldenCases")
    @Task(1)
    void matchesPyTorch(String c, Attention attention) {
        Safetensors st = GoldenFixture.load("ex02_attention", "attention.safetensors");
        float[][] q = st.matrix(c + ".q");
        float[][] k = st.matrix(c + ".k");
        float[][] v = st.matrix(c + ".v");
        AttentionResult r = attention.attend(q, k, v);
        assertThat(r).as("attend(...) returned null").isNotNull();
        hidden(r.weights()).named("weights vs PyTorch, case " + c).withLikelyCauses(causes(q, k, v, 1))
                .hasShape(q.length, k.length).isFinite().isCloseTo(st.matrix(c + ".weights"), TOL);
        hidden(r.output()).named("output vs PyTorch, case " + c).withLikelyCauses(causes(q, k, v, 0))
                .hasShape(q.length, v[0].length).isFinite().isCloseTo(st.matrix(c + ".output"), TOL);
    }

    @Test
    @Task(1)
    @DisplayName("matches a double-precision reference on shapes from 1x1 to 17x23 (d_k up to 64)")
    void matchesReferenceOnManyShapes(Attention attention) {
        int[][] shapes = {{1, 1, 1, 1}, {1, 4, 3, 2}, {4, 1, 3, 5}, {5, 5, 8, 8}, {7, 3, 2, 9}, {17, 23, 64, 5}, {2, 9, 16, 1}};
        long seed = 10;
        for (int[] s : shapes) {
            String what = "Lq=" + s[0] + ", Lk=" + s[1] + ", d_k=" + s[2] + ", d_v=" + s[3];
            assertMatchesReference(attention, what, random(seed++, s[0], s[2], 1.0), random(seed++, s[1], s[2], 1.0),
                    random(seed++, s[1], s[3], 1.0));
        }
    }

    @Test
    @Task(1)
    @DisplayName("every row of the weights sums to 1 and every weight lies in [0, 1]")
    void weightsAreDistributions(Attention attention) {
        AttentionResult r = attention.attend(random(1, 9, 6, 2.0), random(2, 13, 6, 2.0), random(3, 13, 4, 1.0));
        hidden(r.weights()).named("weights of a random 9x13 attention").hasShape(9, 13).isFinite()
                .allWithin(0f, 1f).rowsSumTo(1f, 1e-5f);
    }

    @Test
    @Task(1)
    @DisplayName("permuting the queries permutes the output rows the same way (and nothing else changes)")
    void queryPermutationEquivariance(Attention attention) {
        float[][] q = random(4, 5, 4, 1.0);
        float[][] k = random(5, 6, 4, 1.0);
        float[][] v = random(6, 6, 3, 1.0);
        int[] perm = {3, 0, 4, 1, 2};
        float[][] qp = new float[5][];
        for (int i = 0; i < 5; i++) {
            qp[i] = q[perm[i]].clone();
        }
        AttentionResult a = attention.attend(q, k, v);
        AttentionResult b = attention.attend(qp, k, v);
        float[][] expectedOut = new float[5][];
        float[][] expectedW = new float[5][];
        for (int i = 0; i < 5; i++) {
            expectedOut[i] = a.output()[perm[i]];
            expectedW[i] = a.weights()[perm[i]];
        }
        hidden(b.output()).named("output after permuting the queries (must be the permuted output)")
                .hasShape(5, 3).isCloseTo(expectedOut, Tolerance.of(1e-6, 1e-5));
        hidden(b.weights()).named("weights after permuting the queries (must be the permuted weight rows)")
                .hasShape(5, 6).isCloseTo(expectedW, Tolerance.of(1e-6, 1e-5));
    }

    @Test
    @Task(1)
    @DisplayName("permuting the keys together with their values leaves the output unchanged and permutes the weight columns")
    void keyPermutationInvariance(Attention attention) {
        float[][] q = random(7, 4, 5, 1.0);
        float[][] k = random(8, 6, 5, 1.0);
        float[][] v = random(9, 6, 2, 1.0);
        int[] perm = {5, 2, 0, 4, 1, 3};
        float[][] kp = new float[6][];
        float[][] vp = new float[6][];
        for (int j = 0; j < 6; j++) {
            kp[j] = k[perm[j]].clone();
            vp[j] = v[perm[j]].clone();
        }
        AttentionResult a = attention.attend(q, k, v);
        AttentionResult b = attention.attend(q, kp, vp);
        hidden(b.output()).named("output after permuting keys and values together (must not change)")
                .hasShape(4, 2).isCloseTo(a.output(), Tolerance.of(1e-6, 1e-5));
        float[][] expectedW = new float[4][6];
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 6; j++) {
                expectedW[i][j] = a.weights()[i][perm[j]];
            }
        }
        hidden(b.weights()).named("weights after permuting the keys (columns must move with their keys)")
                .hasShape(4, 6).isCloseTo(expectedW, Tolerance.of(1e-6, 1e-5));
    }

    @Test
    @Task(2)
    @DisplayName("scores around +-1000 with close maxima stay finite and match the reference (max subtraction)")
    void largeScores(Attention attention) {
        // d_k = 4: q . k / 2 ranges over about +-1000, the top two scores of each row 0.5 apart
        float[][] q = {{500, 500, 500, 500}, {-500, -500, -500, -500}, {1000, -1000, 0, 0}};
        float[][] k = {{1, 1, 1, 1}, {0.99975f, 0.99975f, 0.99975f, 0.99975f}, {-1, -1, -1, -1}, {1, -1, 0.5f, 0.5f}};
        float[][] v = random(11, 4, 3, 1.0);
        assertMatchesReference(attention, "scores around +-1000", q, k, v);
    }

    @Test
    @Task(2)
    @DisplayName("a single key gets weight 1 and every output row equals that key's value")
    void singleKey(Attention attention) {
        float[][] v = {{0.5f, -2f, 3f}};
        AttentionResult r = attention.attend(random(12, 4, 2, 3.0), random(13, 1, 2, 1.0), v);
        hidden(r.weights()).named("weights with one key").hasShape(4, 1).isCloseTo(new float[][] {{1}, {1}, {1}, {1}}, TOL);
        hidden(r.output()).named("output with one key (each row must equal v[0])").hasShape(4, 3)
                .isCloseTo(new float[][] {v[0], v[0], v[0], v[0]}, TOL);
    }

    @Test
    @Task(2)
    @DisplayName("identical keys give uniform weights and every output row is the mean of the values")
    void identicalKeysAverage(Attention attention) {
        float[][] k = {{1, 2}, {1, 2}, {1, 2}, {1, 2}};
        float[][] v = random(14, 4, 2, 1.0);
        float[] mean = new float[2];
        for (float[] row : v) {
            mean[0] += row[0] / 4;
            mean[1] += row[1] / 4;
        }
        AttentionResult r = attention.attend(random(15, 3, 2, 1.0), k, v);
        hidden(r.weights()).named("weights over identical keys (must be uniform)").hasShape(3, 4)
                .isCloseTo(new float[][] {{.25f, .25f, .25f, .25f}, {.25f, .25f, .25f, .25f}, {.25f, .25f, .25f, .25f}}, TOL);
        hidden(r.output()).named("output over identical keys (must be the mean value row)").hasShape(3, 2)
                .isCloseTo(new float[][] {mean, mean, mean}, TOL);
    }

    @Test
    @Task(3)
    @DisplayName("the inputs are left unchanged and the results are new arrays")
    void inputsUnchanged(Attention attention) {
        float[][] q = random(16, 3, 4, 1.0);
        float[][] k = random(17, 5, 4, 1.0);
        float[][] v = random(18, 5, 4, 1.0);
        float[][] q0 = ReferenceAttention.copy(q);
        float[][] k0 = ReferenceAttention.copy(k);
        float[][] v0 = ReferenceAttention.copy(v);
        AttentionResult r = attention.attend(q, k, v);
        assertThat(q).as("q after attend (must be unchanged)").isDeepEqualTo(q0);
        assertThat(k).as("k after attend (must be unchanged)").isDeepEqualTo(k0);
        assertThat(v).as("v after attend (must be unchanged)").isDeepEqualTo(v0);
        for (int i = 0; i < 3; i++) {
            assertThat(r.output()[i]).as("output row %d must be a new array, not a row of the inputs", i)
                    .isNotSameAs(q[i]).isNotSameAs(v[i]);
        }
    }

    @Test
    @Task(3)
    @DisplayName("mismatched shapes are rejected with both shapes in the message")
    void mismatchedShapes(Attention attention) {
        assertThatThrownBy(() -> attention.attend(new float[3][4], new float[5][6], new float[5][2]))
                .as("q [3 x 4] with k [5 x 6]").isInstanceOf(IllegalArgumentException.class)
                .hasMessageMatching("(?s).*3\\s*[x×,]\\s*4.*").hasMessageMatching("(?s).*5\\s*[x×,]\\s*6.*");
        assertThatThrownBy(() -> attention.attend(new float[3][4], new float[5][4], new float[6][2]))
                .as("k [5 x 4] with v [6 x 2]").isInstanceOf(IllegalArgumentException.class)
                .hasMessageMatching("(?s).*5\\s*[x×,]\\s*4.*").hasMessageMatching("(?s).*6\\s*[x×,]\\s*2.*");
    }

    @Test
    @Task(3)
    @DisplayName("null, empty and ragged inputs are rejected with IllegalArgumentException naming the argument")
    void invalidInputs(Attention attention) {
        float[][] ok = new float[2][3];
        assertThatThrownBy(() -> attention.attend(null, ok, ok)).as("q = null")
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("q");
        assertThatThrownBy(() -> attention.attend(ok, null, ok)).as("k = null")
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("k");
        assertThatThrownBy(() -> attention.attend(ok, ok, null)).as("v = null")
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("v");
        assertThatThrownBy(() -> attention.attend(new float[0][3], ok, ok)).as("q with 0 rows")
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> attention.attend(new float[2][0], new float[2][0], ok)).as("q and k with 0 columns")
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> attention.attend(new float[][] {{1, 2, 3}, {4, 5}}, ok, ok)).as("q with a short row 1")
                .isInstanceOf(IllegalArgumentException.class).hasMessageMatching("(?s).*\\b1\\b.*");
        assertThatThrownBy(() -> attention.attend(ok, ok, new float[][] {{1, 2, 3}, null})).as("v with a null row 1")
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @Task(3)
    @DisplayName("NaN and infinite inputs are rejected with a message naming the matrix and position")
    void nonFiniteInputs(Attention attention) {
        float[][] bad = {{0, 0, 0}, {0, 0, Float.NaN}};
        float[][] ok = new float[2][3];
        assertThatThrownBy(() -> attention.attend(bad, ok, ok)).as("q with NaN at [1][2]")
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("q").hasMessageMatching("(?s).*1\\D{1,10}2.*");
        float[][] inf = {{0, Float.POSITIVE_INFINITY, 0}, {0, 0, 0}};
        assertThatThrownBy(() -> attention.attend(ok, inf, ok)).as("k with +Infinity at [0][1]")
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("k").hasMessageMatching("(?s).*0\\D{1,10}1.*");
        float[][] ninf = {{0, 0, 0}, {Float.NEGATIVE_INFINITY, 0, 0}};
        assertThatThrownBy(() -> attention.attend(ok, ok, ninf)).as("v with -Infinity at [1][0]")
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("v");
    }
}
