package exercises.ex03_masking;

import static dojo.grading.assertions.TensorAssert.hidden;
import static exercises.ex02_attention.ReferenceAttention.attention;
import static exercises.ex02_attention.ReferenceAttention.random;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dojo.exercise.api.AttentionResult;
import dojo.exercise.api.Mask;
import dojo.exercise.api.MaskedAttention;
import dojo.grading.assertions.LikelyCause;
import dojo.grading.assertions.Tolerance;
import dojo.grading.junit.ExerciseSuite;
import dojo.grading.junit.Hidden;
import dojo.grading.junit.Task;
import dojo.io.Safetensors;
import exercises.ex02_attention.GoldenFixture;
import exercises.ex02_attention.ReferenceAttention;
import exercises.ex02_attention.ReferenceAttention.Variant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hidden suite of ex03: golden vectors for every mask form, a double-precision reference with random
 * combined masks, and the properties masking must have (causality, padding invariance, exact zeros,
 * rows of allowed weights summing to 1). Messages name the property, never expected numbers.
 */
@ExerciseSuite("ex03_masking")
@Hidden
@DisplayName("ex03 masked attention (hidden)")
class MaskedAttentionHiddenTest {
    private static final Tolerance TOL = Tolerance.of(2e-5, 2e-4);

    static List<String> goldenCases() {
        return GoldenFixture.cases(GoldenFixture.load("ex03_masking", "masked.safetensors"));
    }

    private static LikelyCause[] causes(Mask mask) {
        return new LikelyCause[] {
            LikelyCause.when((a, e) -> hasNaN(a), "NaN on a query whose keys are all masked: it must get zeros"),
            LikelyCause.when((a, e) -> zeroWhereExpectedNonZero(a, e),
                    "a weight that should be positive is 0: is the mask transposed, off by one on the diagonal, "
                            + "or applied to queries instead of keys?"),
        };
    }

    static boolean hasNaN(float[] a) {
        for (float x : a) {
            if (Float.isNaN(x)) {
                return true;
            }
        }
        return false;
    }

    static boolean zeroWhereExpectedNonZero(float[] a, float[] e) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] == 0f && e[i] > 1e-4f) {
                return true;
            }
        }
        return false;
    }

    private static void assertMatchesReference(MaskedAttention attention, String what, float[][] q, float[][] k, float[][] v, Mask mask) {
        AttentionResult r = attention.attend(q, k, v, mask);
        assertThat(r).as("attend(...) returned null for " + what).isNotNull();
        float[][][] ref = attention(q, k, v, mask, Variant.CORRECT);
        hidden(r.weights()).named("weights, " + what).withLikelyCauses(causes(mask))
                .hasShape(q.length, k.length).isFinite().isCloseTo(ref[1], TOL);
        hidden(r.output()).named("output, " + what).withLikelyCauses(causes(mask))
                .hasShape(q.length, v[0].length).isFinite().isCloseTo(ref[0], TOL);
        for (int i = 0; i < q.length; i++) {
            for (int j = 0; j < k.length; j++) {
                if (!ReferenceAttention.allowed(mask, i, j)) {
                    assertThat(r.weights()[i][j] == 0f).as("weight [%d][%d] of a masked pair (%s) must be exactly 0", i, j, what)
                            .isTrue();
                }
            }
        }
    }

    static Mask randomMask(Random r, int lq, int lk, boolean causal) {
        boolean[] pad = new boolean[lk];
        boolean[][] blocked = new boolean[lq][lk];
        float[][] add = new float[lq][lk];
        for (int j = 0; j < lk; j++) {
            pad[j] = r.nextDouble() < 0.2;
        }
        for (int i = 0; i < lq; i++) {
            for (int j = 0; j < lk; j++) {
                blocked[i][j] = r.nextDouble() < 0.2;
                add[i][j] = r.nextDouble() < 0.1 ? Float.NEGATIVE_INFINITY : (float) (r.nextGaussian() * 2);
            }
        }
        return Mask.none().withCausal(causal).withKeyPadding(pad).withBlocked(blocked).withAdditive(add);
    }

    @ParameterizedTest(name = "matches PyTorch on golden case {0} (fully masked rows: zeros)")
    @MethodSource("goldenCases")
    @Task(1)
    void matchesPyTorch(String c, MaskedAttention attention) {
        Safetensors st = GoldenFixture.load("ex03_masking", "masked.safetensors");
        Mask mask = GoldenFixture.mask(st, c);
        AttentionResult r = attention.attend(st.matrix(c + ".q"), st.matrix(c + ".k"), st.matrix(c + ".v"), mask);
        assertThat(r).as("attend(...) returned null").isNotNull();
        float[][] w = st.matrix(c + ".weights");
        hidden(r.weights()).named("weights vs PyTorch, case " + c).withLikelyCauses(causes(mask))
                .hasShape(w.length, w[0].length).isFinite().isCloseTo(w, TOL);
        float[][] out = st.matrix(c + ".output");
        hidden(r.output()).named("output vs PyTorch, case " + c).withLikelyCauses(causes(mask))
                .hasShape(out.length, out[0].length).isFinite().isCloseTo(out, TOL);
    }

    @Test
    @Task(1)
    @DisplayName("random combinations of all four mask forms match the reference, on square and non-square scores")
    void randomCombinedMasks(MaskedAttention attention) {
        Random r = new Random(42);
        int[][] shapes = {{5, 5, 4, 3}, {3, 7, 2, 2}, {7, 3, 5, 4}, {8, 8, 16, 8}, {1, 6, 3, 1}, {6, 1, 3, 2}};
        long seed = 100;
        for (int[] s : shapes) {
            for (boolean causal : new boolean[] {false, true}) {
                Mask mask = randomMask(r, s[0], s[1], causal);
                assertMatchesReference(attention, "Lq=" + s[0] + ", Lk=" + s[1] + ", " + (causal ? "causal + " : "")
                        + "padding + blocked + additive", random(seed++, s[0], s[2], 1.0),
                        random(seed++, s[1], s[2], 1.0), random(seed++, s[1], s[3], 1.0), mask);
            }
        }
    }

    @Test
    @Task(1)
    @DisplayName("a non-symmetric boolean mask is applied as blocked[query][key], not transposed")
    void blockedNotTransposed(MaskedAttention attention) {
        boolean[][] blocked = {{false, true, true, true}, {false, false, true, true}, {true, false, false, false}, {false, true, true, false}};
        assertMatchesReference(attention, "a non-symmetric 4x4 boolean mask", random(1, 4, 3, 1.0), random(2, 4, 3, 1.0),
                random(3, 4, 2, 1.0), Mask.none().withBlocked(blocked));
    }

    @Test
    @Task(1)
    @DisplayName("causal masking is top-left aligned when Lq != Lk (query i sees keys 0..i)")
    void causalTopLeft(MaskedAttention attention) {
        assertMatchesReference(attention, "causal with Lq=3 < Lk=6", random(4, 3, 4, 1.0), random(5, 6, 4, 1.0),
                random(6, 6, 3, 1.0), Mask.causal());
        assertMatchesReference(attention, "causal with Lq=6 > Lk=3", random(7, 6, 4, 1.0), random(8, 3, 4, 1.0),
                random(9, 3, 3, 1.0), Mask.causal());
    }

    @Test
    @Task(1)
    @DisplayName("causality: the output at position t does not change when tokens after t change")
    void causalOutputIgnoresTheFuture(MaskedAttention attention) {
        float[][] x = random(10, 7, 4, 1.0);
        float[][] y = ReferenceAttention.copy(x);
        for (int i = 4; i < 7; i++) {
            y[i] = random(20 + i, 1, 4, 3.0)[0]; // change tokens 4, 5, 6
        }
        AttentionResult a = attention.attend(x, x, x, Mask.causal());
        AttentionResult b = attention.attend(y, y, y, Mask.causal());
        float[][] firstA = {a.output()[0], a.output()[1], a.output()[2], a.output()[3]};
        float[][] firstB = {b.output()[0], b.output()[1], b.output()[2], b.output()[3]};
        hidden(firstB).named("causal outputs at positions 0..3 after changing tokens 4..6 (must not change)")
                .hasShape(4, 4).isCloseTo(firstA, Tolerance.of(1e-6, 1e-5));
    }

    @Test
    @Task(1)
    @DisplayName("padding: changing the keys and values of padded positions does not change any output")
    void paddingInvariance(MaskedAttention attention) {
        boolean[] pad = {false, false, false, true, true};
        float[][] q = random(30, 4, 3, 1.0);
        float[][] k = random(31, 5, 3, 1.0);
        float[][] v = random(32, 5, 2, 1.0);
        float[][] k2 = ReferenceAttention.copy(k);
        float[][] v2 = ReferenceAttention.copy(v);
        k2[3] = new float[] {9, -9, 9};
        k2[4] = new float[] {50, 50, 50};
        v2[3] = new float[] {100, -100};
        v2[4] = new float[] {-7, 7};
        Mask mask = Mask.none().withKeyPadding(pad);
        AttentionResult a = attention.attend(q, k, v, mask);
        AttentionResult b = attention.attend(q, k2, v2, mask);
        hidden(b.output()).named("output after changing padded keys and values (must not change)").hasShape(4, 2)
                .isCloseTo(a.output(), Tolerance.of(1e-6, 1e-5));
        hidden(b.weights()).named("weights after changing padded keys (must not change)").hasShape(4, 5)
                .isCloseTo(a.weights(), Tolerance.of(1e-6, 1e-5));
    }

    @Test
    @Task(2)
    @DisplayName("the allowed weights of every query sum to 1; fully masked queries are exactly zero")
    void rowsSumToOneOrZero(MaskedAttention attention) {
        boolean[] pad = {true, false, false, true, false, false};
        boolean[][] blocked = new boolean[6][6];
        blocked[2] = new boolean[] {true, true, true, true, true, true};
        AttentionResult r = attention.attend(random(40, 6, 4, 2.0), random(41, 6, 4, 2.0), random(42, 6, 3, 1.0),
                Mask.causal().withKeyPadding(pad).withBlocked(blocked));
        hidden(r.weights()).named("weights with causal + padding + a fully blocked query").hasShape(6, 6).isFinite()
                .allWithin(0f, 1f).exceptZeroRows().rowsSumTo(1f, 1e-5f);
        for (int i : new int[] {0, 2}) { // query 0 sees only key 0 (padded); query 2 is fully blocked
            for (int j = 0; j < 6; j++) {
                assertThat(r.weights()[i][j] == 0f).as("weight [%d][%d] of a fully masked query (must be exactly 0)", i, j).isTrue();
            }
            for (int c = 0; c < 3; c++) {
                assertThat(r.output()[i][c] == 0f).as("output [%d][%d] of a fully masked query (must be exactly 0)", i, c).isTrue();
            }
        }
    }

    @Test
    @Task(2)
    @DisplayName("every query fully masked (all keys padded) gives all zeros, never NaN")
    void everythingMasked(MaskedAttention attention) {
        AttentionResult r = attention.attend(random(43, 3, 2, 1.0), random(44, 4, 2, 1.0), random(45, 4, 2, 1.0),
                Mask.none().withKeyPadding(new boolean[] {true, true, true, true}));
        hidden(r.weights()).named("weights with every key padded (must be all zeros)").hasShape(3, 4).isFinite()
                .isCloseTo(new float[3][4], Tolerance.absolute(0));
        hidden(r.output()).named("output with every key padded (must be all zeros)").hasShape(3, 2).isFinite()
                .isCloseTo(new float[3][2], Tolerance.absolute(0));
    }

    @Test
    @Task(2)
    @DisplayName("an additive -Infinity blocks exactly like a boolean mask, and finite values are added (not subtracted)")
    void additiveSemantics(MaskedAttention attention) {
        float[][] q = random(50, 3, 4, 1.0);
        float[][] k = random(51, 5, 4, 1.0);
        float[][] v = random(52, 5, 2, 1.0);
        float n = Float.NEGATIVE_INFINITY;
        float[][] add = {{0, n, 0, 0, n}, {n, n, 0, 0, 0}, {0, 0, 0, 0, n}};
        boolean[][] blocked = {{false, true, false, false, true}, {true, true, false, false, false}, {false, false, false, false, true}};
        AttentionResult a = attention.attend(q, k, v, Mask.none().withAdditive(add));
        AttentionResult b = attention.attend(q, k, v, Mask.none().withBlocked(blocked));
        hidden(a.weights()).named("weights with additive -Infinity (must equal the boolean mask's)").hasShape(3, 5)
                .isCloseTo(b.weights(), Tolerance.of(1e-6, 1e-5));
        float[][] bias = {{2.5f, -1f, 0.5f, 3f, -2f}, {-3f, 1f, 1f, 0f, 4f}, {0f, 0f, -6f, 2f, 1f}};
        assertMatchesReference(attention, "finite additive biases", q, k, v, Mask.none().withAdditive(bias));
    }

    @Test
    @Task(3)
    @DisplayName("masks and inputs that do not fit are rejected with IllegalArgumentException")
    void invalidInputs(MaskedAttention attention) {
        float[][] q = new float[2][3];
        float[][] k = new float[4][3];
        float[][] v = new float[4][2];
        assertThatThrownBy(() -> attention.attend(q, k, v, null)).as("mask = null").isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> attention.attend(q, k, v, Mask.none().withBlocked(new boolean[4][2])))
                .as("a [4 x 2] boolean mask for [2 x 4] scores (transposed)").isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> attention.attend(q, k, v, Mask.none().withAdditive(new float[2][3])))
                .as("a [2 x 3] additive mask for [2 x 4] scores").isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> attention.attend(q, k, v, Mask.none().withKeyPadding(new boolean[2])))
                .as("a key padding mask with one entry per query instead of per key").isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> attention.attend(q, new float[4][5], v, Mask.none()))
                .as("q [2 x 3] with k [4 x 5]").isInstanceOf(IllegalArgumentException.class)
                .hasMessageMatching("(?s).*2\\s*[x×,]\\s*3.*").hasMessageMatching("(?s).*4\\s*[x×,]\\s*5.*");
        assertThatThrownBy(() -> attention.attend(new float[][] {{0, Float.NaN, 0}, {0, 0, 0}}, k, v, Mask.causal()))
                .as("q with NaN at [0][1]").isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @Task(3)
    @DisplayName("the inputs and the mask are left unchanged")
    void inputsUnchanged(MaskedAttention attention) {
        float[][] q = random(60, 3, 2, 1.0);
        float[][] k = random(61, 3, 2, 1.0);
        float[][] v = random(62, 3, 2, 1.0);
        float[][] q0 = ReferenceAttention.copy(q);
        float[][] k0 = ReferenceAttention.copy(k);
        float[][] v0 = ReferenceAttention.copy(v);
        Mask mask = Mask.causal().withAdditive(new float[][] {{1, 0, 0}, {0, 2, 0}, {0, 0, 3}});
        Mask same = Mask.causal().withAdditive(new float[][] {{1, 0, 0}, {0, 2, 0}, {0, 0, 3}});
        attention.attend(q, k, v, mask);
        assertThat(q).as("q after attend (must be unchanged)").isDeepEqualTo(q0);
        assertThat(k).as("k after attend (must be unchanged)").isDeepEqualTo(k0);
        assertThat(v).as("v after attend (must be unchanged)").isDeepEqualTo(v0);
        assertThat(mask).as("the mask after attend (must be unchanged)").isEqualTo(same);
    }
}
