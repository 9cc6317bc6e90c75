package exercises.ex02_attention;

import static dojo.grading.assertions.TensorAssert.assertThatTensor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dojo.exercise.api.Attention;
import dojo.exercise.api.AttentionResult;
import dojo.grading.assertions.LikelyCause;
import dojo.grading.assertions.Tolerance;
import dojo.grading.junit.ExerciseSuite;
import dojo.grading.junit.Task;
import dojo.io.Safetensors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Public suite of ex02 (shipped to learners): the worked example of exercises/ex02_attention/README.md,
 * a PyTorch golden vector and the basic contract. Run: ./dojo grade ex02_attention, or mvn test.
 */
@ExerciseSuite("ex02_attention")
@DisplayName("ex02 scaled dot-product attention (public)")
class AttentionPublicTest {
    private static final Tolerance TOL = Tolerance.of(1e-5, 1e-4);

    // The README's worked example: 2 queries, 3 keys, d_k = 4 (so sqrt(d_k) = 2), d_v = 2.
    static final float[][] Q = {{1, 1, 1, 1}, {2, 0, 0, 0}};
    static final float[][] K = {{1, 1, 1, 1}, {0, 0, 0, 0}, {-1, -1, -1, -1}};
    static final float[][] V = {{1, 0}, {0, 1}, {1, 1}};

    /** softmax of one row, for the expected values of the worked example. */
    static float[] softmax(double... s) {
        double sum = 0;
        for (double x : s) {
            sum += Math.exp(x);
        }
        float[] p = new float[s.length];
        for (int j = 0; j < s.length; j++) {
            p[j] = (float) (Math.exp(s[j]) / sum);
        }
        return p;
    }

    @Test
    @Task(1)
    @DisplayName("worked example: the weights are softmax of the scores divided by sqrt(d_k) = 2")
    void workedExampleWeights(Attention attention) {
        AttentionResult r = attention.attend(Q, K, V);
        assertThat(r).as("attend(q, k, v) returned null").isNotNull();
        // scores q k^T = [[4, 0, -4], [2, 0, -2]], divided by sqrt(4) = 2
        float[][] expected = {softmax(2, 0, -2), softmax(1, 0, -1)};
        assertThatTensor(r.weights()).named("attention weights of the worked example")
                .withLikelyCauses(
                        LikelyCause.when((a, e) -> Math.abs(a[0] - softmax(4, 0, -4)[0]) < 1e-4,
                                "these are softmax(q k^T) without the 1/sqrt(d_k) scaling"),
                        LikelyCause.when((a, e) -> Math.abs(a[0] - softmax(1, 0, -1)[0]) < 1e-4,
                                "the scores were divided by d_k = 4, not by sqrt(d_k) = 2"),
                        LikelyCause.when((a, e) -> Math.abs(a[0] - softmax(4 / Math.sqrt(3), 0, -4 / Math.sqrt(3))[0]) < 1e-4,
                                "the scores were divided by sqrt(Lk) = sqrt(3), the number of keys, not by sqrt(d_k) = 2"),
                        LikelyCause.when((a, e) -> Math.abs(a[0] - softmax(4 / Math.sqrt(2), 0, -4 / Math.sqrt(2))[0]) < 1e-4,
                                "the scores were divided by sqrt(d_v) = sqrt(2), the width of v, not by sqrt(d_k) = 2"),
                        LikelyCause.when((a, e) -> Math.abs(a[0] + a[3] - 1) < 1e-4 && Math.abs(a[0] + a[1] + a[2] - 1) > 1e-3,
                                "the columns sum to 1, not the rows: the softmax must run over the keys (each row)"))
                .hasShape(2, 3).isFinite().rowsSumTo(1f, 1e-5f).isCloseTo(expected, TOL);
    }

    @Test
    @Task(1)
    @DisplayName("worked example: each output row is the weighted average of the rows of v")
    void workedExampleOutput(Attention attention) {
        AttentionResult r = attention.attend(Q, K, V);
        float[] w0 = softmax(2, 0, -2);
        float[] w1 = softmax(1, 0, -1);
        float[][] expected = {{w0[0] + w0[2], w0[1] + w0[2]}, {w1[0] + w1[2], w1[1] + w1[2]}};
        assertThatTensor(r.output()).named("attention output of the worked example")
                .withLikelyCauses(outputCause(1, "the scores were not divided by sqrt(d_k) = 2"),
                        outputCause(4, "the scores were divided by d_k = 4, not by sqrt(d_k) = 2"),
                        outputCause(Math.sqrt(3), "the scores were divided by sqrt(Lk) = sqrt(3), the number of keys, not by sqrt(d_k) = 2"),
                        outputCause(Math.sqrt(2), "the scores were divided by sqrt(d_v) = sqrt(2), the width of v, not by sqrt(d_k) = 2"))
                .hasShape(2, 2).isFinite().isCloseTo(expected, TOL);
    }

    /** The worked example's output if the scores q k^T = [[4, 0, -4], [2, 0, -2]] were divided by {@code s}. */
    private static LikelyCause outputCause(double s, String message) {
        float[] w0 = softmax(4 / s, 0, -4 / s);
        float[] w1 = softmax(2 / s, 0, -2 / s);
        float[] out = {w0[0] + w0[2], w0[1] + w0[2], w1[0] + w1[2], w1[1] + w1[2]};
        return LikelyCause.when((a, e) -> a.length == 4 && Math.abs(a[0] - out[0]) < 1e-4 && Math.abs(a[2] - out[2]) < 1e-4,
                message);
    }

    @Test
    @Task(1)
    @DisplayName("matches PyTorch on a cross-attention example (Lq = 3, Lk = 5, d_k = 4, d_v = 6)")
    void matchesPyTorch(Attention attention) {
        Safetensors st = GoldenFixture.load("ex02_attention", "attention.safetensors");
        AttentionResult r = attention.attend(st.matrix("cross.q"), st.matrix("cross.k"), st.matrix("cross.v"));
        assertThatTensor(r.weights()).named("weights vs PyTorch (case 'cross')").hasShape(3, 5)
                .isCloseTo(st.matrix("cross.weights"), TOL);
        assertThatTensor(r.output()).named("output vs PyTorch (case 'cross')").hasShape(3, 6)
                .isCloseTo(st.matrix("cross.output"), TOL);
    }

    @Test
    @Task(2)
    @DisplayName("scores of 1000 do not overflow: weights softmax([1000, 999]) = [0.731, 0.269]")
    void largeScoresStayFinite(Attention attention) {
        // d_k = 1, so the scores are q * k exactly: 1000 and 999
        AttentionResult r = attention.attend(new float[][] {{1000}}, new float[][] {{1}, {0.999f}}, new float[][] {{1, 0}, {0, 1}});
        assertThatTensor(r.weights()).named("weights for scores [1000, 999]").hasShape(1, 2).isFinite()
                .isCloseTo(new float[][] {softmax(1, 0)}, TOL);
        assertThatTensor(r.output()).named("output for scores [1000, 999]").hasShape(1, 2).isFinite()
                .isCloseTo(new float[][] {softmax(1, 0)}, TOL);
    }

    @Test
    @Task(3)
    @DisplayName("q and k with different d_k are rejected with a message naming both shapes")
    void mismatchedShapesRejected(Attention attention) {
        assertThatThrownBy(() -> attention.attend(new float[3][4], new float[5][6], new float[5][2]))
                .as("attend(q [3 x 4], k [5 x 6], v [5 x 2])")
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageMatching("(?s).*3\\s*[x×,]\\s*4.*")
                .hasMessageMatching("(?s).*5\\s*[x×,]\\s*6.*");
    }
}
