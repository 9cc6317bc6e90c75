package exercises.ex03_masking;

import static dojo.grading.assertions.TensorAssert.assertThatTensor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dojo.exercise.api.AttentionResult;
import dojo.exercise.api.Mask;
import dojo.exercise.api.MaskedAttention;
import dojo.grading.assertions.LikelyCause;
import dojo.grading.assertions.Tolerance;
import dojo.grading.junit.ExerciseSuite;
import dojo.grading.junit.Task;
import dojo.io.Safetensors;
import exercises.ex02_attention.GoldenFixture;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Public suite of ex03 (shipped to learners): the worked examples of exercises/ex03_masking/README.md and
 * one PyTorch golden vector. With q = 0 every score is 0, so the weights show the mask alone: each query
 * spreads its weight evenly over the keys it may see. Run: ./dojo grade ex03_masking, or mvn test.
 */
@ExerciseSuite("ex03_masking")
@DisplayName("ex03 masked attention (public)")
class MaskedAttentionPublicTest {
    private static final Tolerance TOL = Tolerance.of(1e-5, 1e-4);
    private static final float T = 1f / 3;

    static final float[][] Q0 = new float[3][2];                  // all scores 0
    static final float[][] K = {{1, 0}, {0, 1}, {1, 1}};
    static final float[][] V = {{1, 0}, {0, 1}, {1, 1}};

    @Test
    @Task(1)
    @DisplayName("Mask.none() changes nothing: uniform weights when every score is equal")
    void noMask(MaskedAttention attention) {
        AttentionResult r = attention.attend(Q0, K, V, Mask.none());
        assertThat(r).as("attend(...) returned null").isNotNull();
        assertThatTensor(r.weights()).named("weights without a mask").hasShape(3, 3)
                .isCloseTo(new float[][] {{T, T, T}, {T, T, T}, {T, T, T}}, TOL);
    }

    @Test
    @Task(1)
    @DisplayName("causal: query i sees keys 0..i, so the weights are [[1,0,0],[1/2,1/2,0],[1/3,1/3,1/3]]")
    void causal(MaskedAttention attention) {
        AttentionResult r = attention.attend(Q0, K, V, Mask.causal());
        assertThatTensor(r.weights()).named("causal weights")
                .withLikelyCauses(
                        LikelyCause.transposed("the mask is transposed: query i must see keys j <= i (lower triangle)"),
                        LikelyCause.when((a, e) -> a[0] == 0f && a[1] == 0f && a[2] == 0f,
                                "query 0 sees nothing: a causal query must see its own position (j <= i, not j < i)"))
                .hasShape(3, 3).isFinite()
                .isCloseTo(new float[][] {{1, 0, 0}, {.5f, .5f, 0}, {T, T, T}}, TOL);
        assertThatTensor(r.output()).named("causal output").hasShape(3, 2)
                .isCloseTo(new float[][] {{1, 0}, {.5f, .5f}, {2 * T, 2 * T}}, TOL);
    }

    @Test
    @Task(1)
    @DisplayName("key padding hides a key from every query: padding key 2 gives weights [1/2, 1/2, 0] in every row")
    void keyPadding(MaskedAttention attention) {
        AttentionResult r = attention.attend(Q0, K, V, Mask.none().withKeyPadding(new boolean[] {false, false, true}));
        assertThatTensor(r.weights()).named("weights with key 2 padded")
                .withLikelyCauses(LikelyCause.when((a, e) -> a[6] == 0f && a[7] == 0f && a[8] == 0f,
                        "a whole row is zero: the padding mask was applied to a query (row) instead of a key (column)"))
                .hasShape(3, 3).isFinite()
                .isCloseTo(new float[][] {{.5f, .5f, 0}, {.5f, .5f, 0}, {.5f, .5f, 0}}, TOL);
    }

    @Test
    @Task(2)
    @DisplayName("an additive mask is added to the scores: [0, ln 3] gives weights [1/4, 3/4]")
    void additive(MaskedAttention attention) {
        float ln3 = (float) Math.log(3);
        AttentionResult r = attention.attend(new float[1][2], new float[][] {{1, 0}, {0, 1}}, new float[][] {{4}, {8}},
                Mask.none().withAdditive(new float[][] {{0, ln3}}));
        assertThatTensor(r.weights()).named("weights with additive mask [0, ln 3]").hasShape(1, 2)
                .isCloseTo(new float[][] {{.25f, .75f}}, TOL);
        assertThatTensor(r.output()).named("output with additive mask [0, ln 3]").hasShape(1, 1)
                .isCloseTo(new float[][] {{7}}, TOL);
    }

    @Test
    @Task(2)
    @DisplayName("a query whose keys are all blocked gets zero weights and a zero output, not NaN")
    void fullyMaskedRow(MaskedAttention attention) {
        boolean[][] blocked = {{true, true, true}, {false, true, false}, {false, false, false}};
        AttentionResult r = attention.attend(Q0, K, V, Mask.none().withBlocked(blocked));
        assertThatTensor(r.weights()).named("weights with row 0 fully blocked").hasShape(3, 3).isFinite()
                .isCloseTo(new float[][] {{0, 0, 0}, {.5f, 0, .5f}, {T, T, T}}, TOL);
        assertThatTensor(r.output()).named("output with row 0 fully blocked").hasShape(3, 2).isFinite()
                .isCloseTo(new float[][] {{0, 0}, {1, .5f}, {2 * T, 2 * T}}, TOL);
    }

    @Test
    @Task(2)
    @DisplayName("matches PyTorch with causal + key padding + boolean + additive masks combined")
    void matchesPyTorchCombined(MaskedAttention attention) {
        Safetensors st = GoldenFixture.load("ex03_masking", "masked.safetensors");
        String c = "combined";
        AttentionResult r = attention.attend(st.matrix(c + ".q"), st.matrix(c + ".k"), st.matrix(c + ".v"), GoldenFixture.mask(st, c));
        assertThatTensor(r.weights()).named("weights vs PyTorch (case 'combined')").hasShape(6, 6).isFinite()
                .isCloseTo(st.matrix(c + ".weights"), TOL);
        assertThatTensor(r.output()).named("output vs PyTorch (case 'combined')").hasShape(6, 3).isFinite()
                .isCloseTo(st.matrix(c + ".output"), TOL);
    }

    @Test
    @Task(3)
    @DisplayName("a mask that does not fit the scores is rejected with IllegalArgumentException")
    void wrongMaskShape(MaskedAttention attention) {
        assertThatThrownBy(() -> attention.attend(Q0, K, V, Mask.none().withKeyPadding(new boolean[] {true, false})))
                .as("a key padding mask of length 2 for 3 keys").isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> attention.attend(Q0, K, V, null))
                .as("mask = null (use Mask.none())").isInstanceOf(IllegalArgumentException.class);
    }
}
