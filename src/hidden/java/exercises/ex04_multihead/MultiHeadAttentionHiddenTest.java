package exercises.ex04_multihead;

import static dojo.grading.assertions.TensorAssert.hidden;
import static exercises.ex02_attention.ReferenceAttention.random;
import static exercises.ex02_attention.ReferenceAttention.randomWeights;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dojo.exercise.api.Mask;
import dojo.exercise.api.MhaResult;
import dojo.exercise.api.MhaWeights;
import dojo.exercise.api.MultiHeadAttention;
import dojo.grading.assertions.LikelyCause;
import dojo.grading.assertions.Tolerance;
import dojo.grading.junit.ExerciseSuite;
import dojo.grading.junit.Hidden;
import dojo.grading.junit.Task;
import dojo.io.Safetensors;
import exercises.ex02_attention.GoldenFixture;
import exercises.ex02_attention.ReferenceAttention;
import exercises.ex02_attention.ReferenceAttention.MhaOut;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hidden suite of ex04: every golden case of torch.nn.MultiheadAttention, a double-precision reference on
 * many (E, H) and masks, and the properties of multi-head attention (one head = plain attention,
 * permutation equivariance, causality, padding invariance, fully masked queries). Messages name the
 * property, never expected numbers.
 */
@ExerciseSuite("ex04_multihead")
@Hidden
@DisplayName("ex04 multi-head attention (hidden)")
class MultiHeadAttentionHiddenTest {
    private static final Tolerance TOL = Tolerance.of(3e-5, 3e-4);

    static List<String> goldenCases() {
        return GoldenFixture.cases(GoldenFixture.load("ex04_multihead", "mha.safetensors"));
    }

    /** Known mistakes, recognised by recomputing the reference the wrong way. */
    static LikelyCause[] outputCauses(MhaWeights w, float[][] q, float[][] k, float[][] v, Mask mask) {
        int e = w.embedDim();
        float[][] in = w.inProjWeight();
        float[][] swapped = new float[3 * e][];
        float[] swappedBias = new float[3 * e];
        for (int r = 0; r < e; r++) {
            swapped[r] = in[r];
            swapped[e + r] = in[2 * e + r];
            swapped[2 * e + r] = in[e + r];
            swappedBias[r] = w.inProjBias()[r];
            swappedBias[e + r] = w.inProjBias()[2 * e + r];
            swappedBias[2 * e + r] = w.inProjBias()[e + r];
        }
        float[][] eye = new float[e][e];
        for (int i = 0; i < e; i++) {
            eye[i][i] = 1;
        }
        int d = e / w.numHeads();
        return new LikelyCause[] {
            alt(ReferenceAttention.mha(w, q, k, v, mask, 1.0 / Math.sqrt(e)).output(),
                    "matches scores scaled by 1/sqrt(E) instead of 1/sqrt(head_dim)"),
            alt(ReferenceAttention.mha(w, q, k, v, mask, 1.0 / d).output(),
                    "matches scores scaled by 1/head_dim instead of 1/sqrt(head_dim)"),
            alt(ReferenceAttention.mha(w, q, k, v, mask, 1.0 / Math.sqrt(w.numHeads())).output(),
                    "matches scores scaled by 1/sqrt(H), the number of heads, instead of 1/sqrt(head_dim)"),
            alt(ReferenceAttention.mha(w, q, k, v, mask, 1.0).output(), "matches scores that were never scaled by 1/sqrt(head_dim)"),
            q.length == k.length ? alt(ReferenceAttention.mha(w, q, k, q, mask).output(),
                    "matches values projected from the query input instead of the value input") : NEVER,
            q.length == k.length ? alt(ReferenceAttention.mha(w, q, q, v, mask).output(),
                    "matches keys projected from the query input instead of the key input") : NEVER,
            alt(ReferenceAttention.mha(new MhaWeights(w.numHeads(), in, new float[3 * e], w.outProjWeight(), new float[e]),
                    q, k, v, mask).output(), "matches the layer with in_proj_bias and out_proj.bias left out"),
            alt(ReferenceAttention.mha(new MhaWeights(w.numHeads(), swapped, swappedBias, w.outProjWeight(), w.outProjBias()),
                    q, k, v, mask).output(), "matches Wk and Wv swapped: Wk is rows [E, 2E) of in_proj_weight, Wv rows [2E, 3E)"),
            alt(ReferenceAttention.mha(new MhaWeights(w.numHeads(), in, w.inProjBias(), eye, new float[e]), q, k, v, mask).output(),
                    "matches the concatenated heads without the output projection (out_proj)"),
        };
    }

    /** Causes recognisable from the per-head weights alone: the scale of the scores. */
    static LikelyCause[] weightCauses(MhaWeights w, float[][] q, float[][] k, float[][] v, Mask mask) {
        int e = w.embedDim();
        int d = e / w.numHeads();
        return new LikelyCause[] {
            altWeights(ReferenceAttention.mha(w, q, k, v, mask, 1.0 / Math.sqrt(e)).weights(),
                    "the weights match scores scaled by 1/sqrt(E) instead of 1/sqrt(head_dim)"),
            altWeights(ReferenceAttention.mha(w, q, k, v, mask, 1.0 / d).weights(),
                    "the weights match scores scaled by 1/head_dim instead of 1/sqrt(head_dim)"),
            altWeights(ReferenceAttention.mha(w, q, k, v, mask, 1.0 / Math.sqrt(w.numHeads())).weights(),
                    "the weights match scores scaled by 1/sqrt(H), the number of heads, instead of 1/sqrt(head_dim)"),
            altWeights(ReferenceAttention.mha(w, q, k, v, mask, 1.0).weights(),
                    "the weights match scores that were never scaled by 1/sqrt(head_dim)"),
        };
    }

    private static LikelyCause altWeights(float[][][] alternative, String message) {
        float[] flat = ReferenceAttention.flat(alternative);
        return LikelyCause.when((a, e) -> ReferenceAttention.close(a, flat, 3e-5, 3e-4), message);
    }

    /** A cause that does not apply to these shapes. */
    private static final LikelyCause NEVER = LikelyCause.when((a, e) -> false, "");

    private static LikelyCause alt(float[][] alternative, String message) {
        float[] flat = ReferenceAttention.flat(alternative);
        return LikelyCause.when((a, e) -> ReferenceAttention.close(a, flat, 3e-5, 3e-4), message);
    }

    private static void assertMatchesReference(MultiHeadAttention mha, String what, MhaWeights w, float[][] q,
                                               float[][] k, float[][] v, Mask mask) {
        MhaResult r = mha.forward(w, q, k, v, mask);
        assertThat(r).as("forward(...) returned null for " + what).isNotNull();
        MhaOut ref = ReferenceAttention.mha(w, q, k, v, mask);
        // the output first: its likely causes (scaling, biases, Wk/Wv, out_proj) are the most diagnostic
        hidden(r.output()).named("output, " + what).withLikelyCauses(outputCauses(w, q, k, v, mask))
                .hasShape(q.length, w.embedDim()).isFinite().isCloseTo(ref.output(), TOL);
        hidden(r.weights()).named("per-head weights, " + what).withLikelyCauses(weightCauses(w, q, k, v, mask))
                .hasShape(w.numHeads(), q.length, k.length).isFinite().isCloseTo(ref.weights(), TOL);
    }

    @ParameterizedTest(name = "matches torch.nn.MultiheadAttention on golden case {0}")
    @MethodSource("goldenCases")
    @Task(1)
    void matchesPyTorch(String c, MultiHeadAttention mha) {
        Safetensors st = GoldenFixture.load("ex04_multihead", "mha.safetensors");
        MhaWeights w = GoldenFixture.mhaWeights(st, c);
        float[][] q = st.matrix(c + ".query");
        float[][] k = st.matrix(c + ".key");
        float[][] v = st.matrix(c + ".value");
        Mask mask = GoldenFixture.mask(st, c);
        MhaResult r = mha.forward(w, q, k, v, mask);
        assertThat(r).as("forward(...) returned null").isNotNull();
        float[][][] weights = st.tensor3(c + ".weights");
        float[][] out = st.matrix(c + ".output");
        hidden(r.output()).named("output vs PyTorch, case " + c).withLikelyCauses(outputCauses(w, q, k, v, mask))
                .hasShape(out.length, out[0].length).isFinite().isCloseTo(out, TOL);
        hidden(r.weights()).named("per-head weights vs PyTorch, case " + c).withLikelyCauses(weightCauses(w, q, k, v, mask))
                .hasShape(weights.length, weights[0].length, weights[0][0].length).isFinite().isCloseTo(weights, TOL);
    }

    @Test
    @Task(1)
    @DisplayName("matches the reference for H = 1, 2, 3, E (head_dim 1), self and cross attention")
    void matchesReferenceOnManyShapes(MultiHeadAttention mha) {
        int[][] cases = {{8, 1, 5, 5}, {8, 2, 4, 7}, {8, 8, 3, 3}, {12, 3, 6, 2}, {6, 2, 1, 4}, {16, 4, 9, 9}};
        long seed = 200;
        for (int[] c : cases) {
            int e = c[0];
            int h = c[1];
            MhaWeights w = randomWeights(seed++, e, h);
            float[][] q = random(seed++, c[2], e, 1.0);
            float[][] k = c[2] == c[3] ? q : random(seed++, c[3], e, 1.0);
            float[][] v = c[2] == c[3] ? q : random(seed++, c[3], e, 1.0);
            assertMatchesReference(mha, "E=" + e + ", H=" + h + ", Lq=" + c[2] + ", Lk=" + c[3], w, q, k, v, Mask.none());
        }
    }

    @Test
    @Task(1)
    @DisplayName("matches the reference with causal, padding, boolean and additive masks in every head")
    void matchesReferenceWithMasks(MultiHeadAttention mha) {
        MhaWeights w = randomWeights(300, 8, 2);
        float[][] x = random(301, 6, 8, 1.0);
        boolean[][] blocked = new boolean[6][6];
        blocked[5][2] = true;
        blocked[3][0] = true;
        float[][] add = random(302, 6, 6, 1.0);
        add[4][1] = Float.NEGATIVE_INFINITY;
        Mask mask = Mask.causal().withKeyPadding(new boolean[] {false, false, false, false, true, false})
                .withBlocked(blocked).withAdditive(add);
        assertMatchesReference(mha, "self attention with all four mask forms", w, x, x, x, mask);
        float[][] k = random(303, 4, 8, 1.0);
        assertMatchesReference(mha, "cross attention with key padding", w, random(304, 3, 8, 1.0), k, random(305, 4, 8, 1.0),
                Mask.none().withKeyPadding(new boolean[] {false, true, false, true}));
    }

    @Test
    @Task(1)
    @DisplayName("each head's weights are plain attention over the positions, using only that head's block of columns")
    void headsUseContiguousBlocks(MultiHeadAttention mha) {
        int e = 6;
        int h = 3;
        MhaWeights w = randomWeights(310, e, h);
        float[][] q = random(311, 4, e, 1.5);
        float[][] kv = random(312, 5, e, 1.5);
        MhaResult r = mha.forward(w, q, kv, kv, Mask.none());
        float[][] qp = ReferenceAttention.linear(q, w.inProjWeight(), w.inProjBias(), 0, e);
        float[][] kp = ReferenceAttention.linear(kv, w.inProjWeight(), w.inProjBias(), e, e);
        for (int head = 0; head < h; head++) {
            float[][] expected = ReferenceAttention.attention(ReferenceAttention.columns(qp, 2 * head, 2),
                    ReferenceAttention.columns(kp, 2 * head, 2), new float[5][1])[1];
            hidden(r.weights()[head]).named("weights of head " + head + " (attention over positions with columns ["
                    + 2 * head + ", " + (2 * head + 2) + ") of Q and K, scaled by 1/sqrt(head_dim))")
                    .hasShape(4, 5).isCloseTo(expected, TOL);
        }
    }

    @Test
    @Task(1)
    @DisplayName("one head of size E is plain scaled dot-product attention of the projections")
    void oneHeadIsPlainAttention(MultiHeadAttention mha) {
        int e = 5;
        float[][] eye = new float[e][e];
        for (int i = 0; i < e; i++) {
            eye[i][i] = 1;
        }
        float[][] in = new float[3 * e][];
        for (int r = 0; r < 3 * e; r++) {
            in[r] = eye[r % e].clone();
        }
        MhaWeights identity = new MhaWeights(1, in, new float[3 * e], eye, new float[e]);
        float[][] q = random(320, 3, e, 1.0);
        float[][] k = random(321, 4, e, 1.0);
        float[][] v = random(322, 4, e, 1.0);
        MhaResult r = mha.forward(identity, q, k, v, Mask.none());
        float[][][] plain = ReferenceAttention.attention(q, k, v);
        hidden(r.output()).named("output of one head with identity projections (must equal plain attention)")
                .hasShape(3, e).isCloseTo(plain[0], TOL);
        hidden(r.weights()).named("weights of one head with identity projections (must equal plain attention's)")
                .hasShape(1, 3, 4).isCloseTo(new float[][][] {plain[1]}, TOL);
    }

    @Test
    @Task(1)
    @DisplayName("every head's weight rows sum to 1")
    void headRowsSumToOne(MultiHeadAttention mha) {
        MhaResult r = mha.forward(randomWeights(330, 12, 4), random(331, 7, 12, 2.0), random(332, 9, 12, 2.0),
                random(333, 9, 12, 2.0), Mask.none());
        hidden(r.weights()).named("per-head weights of a random 4-head layer").hasShape(4, 7, 9).isFinite()
                .allWithin(0f, 1f).rowsSumTo(1f, 1e-5f);
    }

    @Test
    @Task(2)
    @DisplayName("self attention without positions is permutation equivariant: permuting the tokens permutes the outputs")
    void permutationEquivariance(MultiHeadAttention mha) {
        MhaWeights w = randomWeights(340, 8, 2);
        float[][] x = random(341, 5, 8, 1.0);
        int[] perm = {2, 4, 0, 3, 1};
        float[][] xp = new float[5][];
        for (int i = 0; i < 5; i++) {
            xp[i] = x[perm[i]].clone();
        }
        MhaResult a = mha.forward(w, x, x, x, Mask.none());
        MhaResult b = mha.forward(w, xp, xp, xp, Mask.none());
        float[][] expected = new float[5][];
        for (int i = 0; i < 5; i++) {
            expected[i] = a.output()[perm[i]];
        }
        hidden(b.output()).named("output for permuted tokens (must be the permuted output)").hasShape(5, 8)
                .isCloseTo(expected, Tolerance.of(1e-5, 1e-4));
        float[][][] expectedW = new float[2][5][5];
        for (int h = 0; h < 2; h++) {
            for (int i = 0; i < 5; i++) {
                for (int j = 0; j < 5; j++) {
                    expectedW[h][i][j] = a.weights()[h][perm[i]][perm[j]];
                }
            }
        }
        hidden(b.weights()).named("weights for permuted tokens (rows and columns must move with their tokens)")
                .hasShape(2, 5, 5).isCloseTo(expectedW, Tolerance.of(1e-5, 1e-4));
    }

    @Test
    @Task(2)
    @DisplayName("causality: the output at position t does not change when tokens after t change")
    void causality(MultiHeadAttention mha) {
        MhaWeights w = randomWeights(350, 8, 4);
        float[][] x = random(351, 6, 8, 1.0);
        float[][] y = ReferenceAttention.copy(x);
        y[4] = random(352, 1, 8, 3.0)[0];
        y[5] = random(353, 1, 8, 3.0)[0];
        MhaResult a = mha.forward(w, x, x, x, Mask.causal());
        MhaResult b = mha.forward(w, y, y, y, Mask.causal());
        hidden(new float[][] {b.output()[0], b.output()[1], b.output()[2], b.output()[3]})
                .named("causal outputs at positions 0..3 after changing tokens 4 and 5 (must not change)")
                .hasShape(4, 8).isCloseTo(new float[][] {a.output()[0], a.output()[1], a.output()[2], a.output()[3]},
                        Tolerance.of(1e-6, 1e-5));
    }

    @Test
    @Task(2)
    @DisplayName("padding: changing padded key/value positions does not change the outputs of real positions")
    void paddingInvariance(MultiHeadAttention mha) {
        MhaWeights w = randomWeights(360, 6, 3);
        float[][] q = random(361, 3, 6, 1.0);
        float[][] kv = random(362, 5, 6, 1.0);
        float[][] kv2 = ReferenceAttention.copy(kv);
        kv2[1] = random(363, 1, 6, 5.0)[0];
        kv2[4] = random(364, 1, 6, 5.0)[0];
        Mask mask = Mask.none().withKeyPadding(new boolean[] {false, true, false, false, true});
        MhaResult a = mha.forward(w, q, kv, kv, mask);
        MhaResult b = mha.forward(w, q, kv2, kv2, mask);
        hidden(b.output()).named("output after changing padded positions (must not change)").hasShape(3, 6)
                .isCloseTo(a.output(), Tolerance.of(1e-6, 1e-5));
    }

    @Test
    @Task(2)
    @DisplayName("fully masked queries get zero weights in every head and output exactly out_proj.bias")
    void fullyMaskedQueries(MultiHeadAttention mha) {
        MhaWeights w = randomWeights(370, 8, 2);
        float[][] x = random(371, 4, 8, 1.0);
        boolean[][] blocked = new boolean[4][4];
        blocked[2] = new boolean[] {true, true, true, true};
        MhaResult r = mha.forward(w, x, x, x, Mask.causal().withKeyPadding(new boolean[] {true, false, false, false})
                .withBlocked(blocked));
        hidden(r.weights()).named("weights with queries 0 and 2 fully masked").hasShape(2, 4, 4).isFinite()
                .exceptZeroRows().rowsSumTo(1f, 1e-5f);
        for (int h = 0; h < 2; h++) {
            for (int i : new int[] {0, 2}) {
                for (int j = 0; j < 4; j++) {
                    assertThat(r.weights()[h][i][j] == 0f).as("weight [%d][%d][%d] of a fully masked query (must be exactly 0)", h, i, j)
                            .isTrue();
                }
            }
        }
        hidden(new float[][] {r.output()[0], r.output()[2]}).named("output rows of fully masked queries (must be out_proj.bias)")
                .hasShape(2, 8).isFinite().isCloseTo(new float[][] {w.outProjBias(), w.outProjBias()}, Tolerance.of(1e-6, 1e-6));
    }

    @Test
    @Task(3)
    @DisplayName("inputs that do not fit the layer or each other are rejected with IllegalArgumentException")
    void invalidInputs(MultiHeadAttention mha) {
        MhaWeights w = randomWeights(380, 4, 2);
        float[][] x = new float[3][4];
        assertThatThrownBy(() -> mha.forward(null, x, x, x, Mask.none())).as("weights = null")
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> mha.forward(w, x, x, x, null)).as("mask = null").isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> mha.forward(w, x, new float[3][5], x, Mask.none())).as("key [3 x 5] with E = 4")
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> mha.forward(w, x, new float[5][4], new float[4][4], Mask.none()))
                .as("key with 5 rows but value with 4").isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> mha.forward(w, x, x, new float[3][2], Mask.none())).as("value [3 x 2] with E = 4")
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> mha.forward(w, x, new float[5][4], new float[5][4], Mask.none().withBlocked(new boolean[3][3])))
                .as("a [3 x 3] boolean mask for [3 x 5] scores").isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> mha.forward(w, x, new float[][] {{0, 0, 0, 0}, {0, Float.NaN, 0, 0}, {0, 0, 0, 0}}, x, Mask.none()))
                .as("key with NaN at [1][1]").isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> mha.forward(w, new float[][] {{0, 0, 0, 0}, null, {0, 0, 0, 0}}, x, x, Mask.none()))
                .as("query with a null row").isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @Task(3)
    @DisplayName("the inputs and the weights are left unchanged")
    void inputsUnchanged(MultiHeadAttention mha) {
        MhaWeights w = randomWeights(390, 4, 2);
        float[][] in0 = ReferenceAttention.copy(w.inProjWeight());
        float[][] out0 = ReferenceAttention.copy(w.outProjWeight());
        float[] bin0 = w.inProjBias().clone();
        float[][] x = random(391, 3, 4, 1.0);
        float[][] x0 = ReferenceAttention.copy(x);
        mha.forward(w, x, x, x, Mask.none());
        assertThat(x).as("the input after forward (must be unchanged)").isDeepEqualTo(x0);
        assertThat(w.inProjWeight()).as("in_proj_weight after forward (must be unchanged)").isDeepEqualTo(in0);
        assertThat(w.outProjWeight()).as("out_proj.weight after forward (must be unchanged)").isDeepEqualTo(out0);
        assertThat(java.util.Arrays.equals(w.inProjBias(), bin0)).as("in_proj_bias after forward (must be unchanged)").isTrue();
    }
}
