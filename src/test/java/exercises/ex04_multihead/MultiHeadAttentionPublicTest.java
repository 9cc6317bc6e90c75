package exercises.ex04_multihead;

import static dojo.grading.assertions.TensorAssert.assertThatTensor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dojo.exercise.api.Mask;
import dojo.exercise.api.MhaResult;
import dojo.exercise.api.MhaWeights;
import dojo.exercise.api.MultiHeadAttention;
import dojo.grading.assertions.LikelyCause;
import dojo.grading.assertions.Tolerance;
import dojo.grading.junit.ExerciseSuite;
import dojo.grading.junit.Task;
import dojo.io.Safetensors;
import exercises.ex02_attention.GoldenFixture;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Public suite of ex04 (shipped to learners): the worked example of exercises/ex04_multihead/README.md
 * (identity projections, so every number can be checked by hand), PyTorch golden vectors and the
 * shapes. Run: ./dojo grade ex04_multihead, or mvn test.
 */
@ExerciseSuite("ex04_multihead")
@DisplayName("ex04 multi-head attention (public)")
class MultiHeadAttentionPublicTest {
    private static final Tolerance TOL = Tolerance.of(1e-5, 1e-4);

    /** E x E identity. */
    static float[][] eye(int e) {
        float[][] m = new float[e][e];
        for (int i = 0; i < e; i++) {
            m[i][i] = 1;
        }
        return m;
    }

    /** Wq = Wk = Wv = Wo = identity, biases zero (out bias as given). */
    static MhaWeights identityWeights(int e, int heads, float[] outBias) {
        float[][] in = new float[3 * e][];
        for (int r = 0; r < 3 * e; r++) {
            in[r] = eye(e)[r % e];
        }
        return new MhaWeights(heads, in, new float[3 * e], eye(e), outBias);
    }

    @Test
    @Task(1)
    @DisplayName("worked example (E = 8, H = 2, identity weights): per-head weights and the output")
    void workedExample(MultiHeadAttention mha) {
        float[][] x = {{1, 0, 0, 1, 1, 0, 0, 0}, {0, 1, 1, 0, 0, 0, 1, 0}};
        MhaResult r = mha.forward(identityWeights(8, 2, new float[8]), x, x, x, Mask.none());
        assertThat(r).as("forward(...) returned null").isNotNull();
        // head_dim d = 4: head 0's scores are 2/sqrt(4) = 1 for the same token, head 1's 1/sqrt(4) = 1/2; 0 otherwise
        float s = sigmoid(1);
        float t = 1 - s;
        float u = sigmoid(0.5);
        float w = 1 - u;
        // head 0's raw scores are 2 and 0: what each wrong scale would make of them (all different on purpose)
        LikelyCause[] causes = {
            scaled(2 / Math.sqrt(8), "the scores were scaled by 1/sqrt(E) = 1/sqrt(8); each head uses 1/sqrt(head_dim) = 1/2"),
            scaled(2 / 4.0, "the scores were scaled by 1/head_dim = 1/4, not by 1/sqrt(head_dim) = 1/2"),
            scaled(2 / Math.sqrt(2), "the scores were scaled by 1/sqrt(H) = 1/sqrt(2), the number of heads, not by "
                    + "1/sqrt(head_dim) = 1/2"),
            scaled(2, "the scores were not scaled: each head divides them by sqrt(head_dim) = 2"),
        };
        assertThatTensor(r.output()).named("output of the worked example").withLikelyCauses(causes).hasShape(2, 8).isFinite()
                .isCloseTo(new float[][] {{s, t, t, s, u, 0, w, 0}, {t, s, s, t, w, 0, u, 0}}, TOL);
        assertThatTensor(r.weights()).named("per-head weights of the worked example").withLikelyCauses(causes)
                .hasShape(2, 2, 2).isFinite()
                .isCloseTo(new float[][][] {{{s, t}, {t, s}}, {{u, w}, {w, u}}}, TOL);
    }

    private static float sigmoid(double x) {
        return (float) (1 / (1 + Math.exp(-x)));
    }

    /** Head 0's first weight (and first output entry) is sigmoid(score): recognises a wrong scale from it. */
    private static LikelyCause scaled(double score, String message) {
        float wrong = sigmoid(score);
        return LikelyCause.when((a, e) -> Math.abs(a[0] - wrong) < 1e-4, message);
    }

    @Test
    @Task(1)
    @DisplayName("cross attention (Lq = 2, Lk = 3, E = 6, H = 3): output [2][6], weights [3][2][3], rows sum to 1")
    void crossAttentionShapes(MultiHeadAttention mha) {
        float[][] q = {{1, 2, 3, 4, 5, 6}, {0, 1, 0, 1, 0, 1}};
        float[][] kv = {{1, 0, 0, 0, 0, 1}, {0, 1, 0, 0, 1, 0}, {0, 0, 1, 1, 0, 0}};
        MhaResult r = mha.forward(identityWeights(6, 3, new float[6]), q, kv, kv, Mask.none());
        assertThatTensor(r.output()).named("cross-attention output").hasShape(2, 6).isFinite();
        assertThatTensor(r.weights()).named("cross-attention weights").hasShape(3, 2, 3).isFinite().rowsSumTo(1f, 1e-5f);
    }

    @ParameterizedTest(name = "matches torch.nn.MultiheadAttention on golden case {0}")
    @ValueSource(strings = {"self_e8_h2", "cross_e12_h3"})
    @Task(2)
    void matchesPyTorch(String c, MultiHeadAttention mha) {
        Safetensors st = GoldenFixture.load("ex04_multihead", "mha.safetensors");
        MhaResult r = mha.forward(GoldenFixture.mhaWeights(st, c), st.matrix(c + ".query"), st.matrix(c + ".key"),
                st.matrix(c + ".value"), GoldenFixture.mask(st, c));
        float[][][] w = st.tensor3(c + ".weights");
        assertThatTensor(r.weights()).named("per-head weights vs PyTorch (case '" + c + "')")
                .hasShape(w.length, w[0].length, w[0][0].length).isCloseTo(w, TOL);
        float[][] out = st.matrix(c + ".output");
        assertThatTensor(r.output()).named("output vs PyTorch (case '" + c + "')")
                .hasShape(out.length, out[0].length).isCloseTo(out, TOL);
    }

    @Test
    @Task(2)
    @DisplayName("a query with no allowed key gets zero weights, and its output is out_proj.bias")
    void fullyMaskedQueryOutputsBias(MultiHeadAttention mha) {
        float[] bias = {0.5f, -1f, 2f, 0f};
        float[][] x = {{1, 2, 3, 4}, {4, 3, 2, 1}};
        // causal: query 0 sees only key 0, which is padding
        MhaResult r = mha.forward(identityWeights(4, 2, bias), x, x, x,
                Mask.causal().withKeyPadding(new boolean[] {true, false}));
        assertThatTensor(r.weights()).named("weights with query 0 fully masked").hasShape(2, 2, 2).isFinite()
                .isCloseTo(new float[][][] {{{0, 0}, {0, 1}}, {{0, 0}, {0, 1}}}, TOL);
        assertThatTensor(r.output()).named("output with query 0 fully masked").hasShape(2, 4).isFinite()
                .isCloseTo(new float[][] {bias, {4.5f, 2f, 4f, 1f}}, TOL);
    }

    @Test
    @Task(3)
    @DisplayName("a query whose width is not E is rejected with IllegalArgumentException naming the shapes")
    void wrongWidthRejected(MultiHeadAttention mha) {
        assertThatThrownBy(() -> mha.forward(identityWeights(4, 2, new float[4]), new float[3][5], new float[3][4],
                new float[3][4], Mask.none()))
                .as("query [3 x 5] for a layer with E = 4").isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("4").hasMessageContaining("5");
    }
}
