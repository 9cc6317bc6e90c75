package exercises.ex05_fix_seed;

import static dojo.grading.assertions.TensorAssert.assertThatTensor;
import static org.assertj.core.api.Assertions.assertThat;

import dojo.exercise.api.SeedSelfAttention;
import dojo.exercise.api.SeedWeights;
import dojo.grading.assertions.LikelyCause;
import dojo.grading.assertions.Tolerance;
import dojo.grading.junit.ExerciseSuite;
import dojo.grading.junit.Task;
import dojo.io.Safetensors;
import exercises.ex02_attention.GoldenFixture;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Public suite of ex05 (shipped to learners): one group per bug of the seed's SelfAttention, each
 * blind to the other two bugs, then the whole module against PyTorch. Read the group names in the
 * report to see which bugs remain. Run: ./dojo grade ex05_fix_seed, or mvn test.
 */
@ExerciseSuite("ex05_fix_seed")
@DisplayName("ex05 fix the original interview document's SelfAttention (public)")
class SeedFixPublicTest {
    private static final Tolerance TOL = Tolerance.of(1e-5, 1e-4);

    /** Weights for E = 4 with out_linear [4][4]; q/k/v/out are small fixed numbers. */
    static SeedWeights weights(int heads) {
        float[][] w = {{0.5f, -0.25f, 0, 0.1f}, {0.2f, 0.3f, -0.4f, 0}, {0, 0.1f, 0.6f, -0.3f}, {-0.2f, 0, 0.1f, 0.7f}};
        float[] b = {0.1f, -0.1f, 0.05f, 0};
        return new SeedWeights(heads, w, b, w, b, w, b, w, b);
    }

    @Nested
    @DisplayName("bug 1: the output layer size")
    class LayerSize {

        @Test
        @Task(1)
        @DisplayName("out_linear takes embed_size inputs: the heads concatenate back to E, not heads * E")
        void inFeatures(SeedSelfAttention module) {
            assertThat(module.outputProjectionInFeatures(8, 2))
                    .as("in_features of out_linear for embed_size = 8, heads = 2 (how wide is attn_output?)").isEqualTo(8);
        }

        @Test
        @Task(1)
        @DisplayName("forward with 2 heads accepts [E x E] output weights and returns [L x E]")
        void forwardShape(SeedSelfAttention module) {
            float[][] x = {{1, 0, 0, 1}, {0, 1, 1, 0}, {1, 1, 0, 0}};
            assertThatTensor(module.forward(weights(2), x)).named("forward output with 2 heads").hasShape(3, 4).isFinite();
        }
    }

    @Nested
    @DisplayName("bug 2: attention runs over positions, within each head")
    class Heads {

        @Test
        @Task(2)
        @DisplayName("the output at position 0 changes when the key and value of position 1 change")
        void positionsMix(SeedSelfAttention module) {
            float[][] q = {{1, 0, 0, 1}, {0, 1, 1, 0}};
            float[][] k = {{1, 0, 0, 1}, {0, 1, 1, 0}};
            float[][] v = {{1, 2, 3, 4}, {5, 6, 7, 8}};
            float[][] k2 = {k[0], {2, -1, 0, 3}};
            float[][] v2 = {v[0], {-5, 0, 9, 1}};
            float[] a = module.attend(q, k, v, 2)[0];
            float[] b = module.attend(q, k2, v2, 2)[0];
            assertThat(b).as("attend(...) output at position 0 after changing token 1's key and value: attention must "
                    + "mix positions (the original mixes the heads of one position and never looks at other tokens)")
                    .isNotEqualTo(a);
        }
    }

    @Nested
    @DisplayName("bug 3: the scores are divided by sqrt(head_dim)")
    class Scaling {

        @Test
        @Task(3)
        @DisplayName("worked example (E = 8, H = 2, head_dim 4): every output row is [w, 1-w, ...] with w = sigmoid(4 / sqrt(4))")
        void scaled(SeedSelfAttention module) {
            // every key block is either [1, 1, 1, 1] (score 4 with q all 1s) or [0, 0, 0, 0] (score 0), and the
            // blocks rotate from row to row, so the answer is the same whichever axis the softmax runs over;
            // E = 8, H = 2 make every wrong scale give another number (sqrt(d) = 2, d = 4, sqrt(E) = 2.83, sqrt(H) = 1.41)
            float[][] q = {{1, 1, 1, 1, 1, 1, 1, 1}, {1, 1, 1, 1, 1, 1, 1, 1}};
            float[][] k = {{1, 1, 1, 1, 0, 0, 0, 0}, {0, 0, 0, 0, 1, 1, 1, 1}};
            float[][] v = {{1, 0, 1, 0, 0, 1, 0, 1}, {0, 1, 0, 1, 1, 0, 1, 0}};
            float w = sigmoid(4 / Math.sqrt(4));
            assertThatTensor(module.attend(q, k, v, 2)).named("attend(...) output of the scaling example")
                    .withLikelyCauses(
                            scoreBecame(4, "the scores are not divided by sqrt(d_k): divide by sqrt(head_dim) = 2"),
                            scoreBecame(4 / Math.sqrt(8), "the scores are divided by sqrt(embed_size) = sqrt(8); d_k is "
                                    + "head_dim = 4, so divide by sqrt(4) = 2"),
                            scoreBecame(1, "the scores are divided by head_dim = 4, not by sqrt(head_dim) = 2"),
                            scoreBecame(4 / Math.sqrt(2), "the scores are divided by sqrt(heads) = sqrt(2), not by "
                                    + "sqrt(head_dim) = 2"))
                    .hasShape(2, 8).isCloseTo(new float[][] {{w, 1 - w, w, 1 - w, w, 1 - w, w, 1 - w},
                        {w, 1 - w, w, 1 - w, w, 1 - w, w, 1 - w}}, TOL);
        }

        private static float sigmoid(double x) {
            return (float) (1 / (1 + Math.exp(-x)));
        }

        /** The first output entry is sigmoid(score): recognises which scale turned the raw score 4 into it. */
        private static LikelyCause scoreBecame(double score, String message) {
            float wrong = sigmoid(score);
            return LikelyCause.when((a, e) -> Math.abs(a[0] - wrong) < 1e-4, message);
        }
    }

    @Nested
    @DisplayName("all three fixed: the module equals nn.MultiheadAttention")
    class AllFixed {

        @Test
        @Task(4)
        @DisplayName("forward matches PyTorch (E = 8, H = 2, 5 tokens)")
        void matchesPyTorch(SeedSelfAttention module) {
            Safetensors st = GoldenFixture.load("ex05_fix_seed", "seed.safetensors");
            assertThatTensor(module.forward(GoldenFixture.seedWeights(st, "e8_h2"), st.matrix("e8_h2.x")))
                    .named("forward output vs PyTorch (case 'e8_h2')").hasShape(5, 8).isFinite()
                    .isCloseTo(st.matrix("e8_h2.output"), TOL);
        }
    }
}
