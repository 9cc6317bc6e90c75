package dojo.exercise.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The records learners exchange with the suites validate what they hold and describe themselves by shape. */
class ExerciseApiRecordsTest {

    static float[][] zeros(int r, int c) {
        return new float[r][c];
    }

    @Nested
    @DisplayName("Mask")
    class MaskTest {

        @Test
        @DisplayName("factories and withers combine forms and replace only the form they name")
        void combines() {
            boolean[] pad = {false, true};
            Mask m = Mask.causal().withKeyPadding(pad).withAdditive(new float[][] {{0, -1}});

            assertThat(m.isCausal()).isTrue();
            assertThat(m.keyPadding()).containsExactly(false, true);
            assertThat(m.blocked()).isNull();
            assertThat(m.additive()[0]).containsExactly(0f, -1f);
            assertThat(m.withCausal(false).isCausal()).isFalse();
            assertThat(m.withCausal(false).keyPadding()).containsExactly(false, true);
            assertThat(Mask.none().isNone()).isTrue();
            assertThat(Mask.causal().isNone()).isFalse();
            assertThat(m.toString()).isEqualTo("Mask[causal, keyPadding [2], additive [1 x 2]]");
        }

        @Test
        @DisplayName("the arrays are copied, so changing them afterwards does not change the mask")
        void copiesArrays() {
            boolean[] pad = {false, false};
            boolean[][] blocked = {{false, false}};
            Mask m = Mask.none().withKeyPadding(pad).withBlocked(blocked);
            pad[0] = true;
            blocked[0][1] = true;

            assertThat(m.keyPadding()).containsExactly(false, false);
            assertThat(m.blocked()[0]).containsExactly(false, false);
            assertThat(m).isEqualTo(Mask.none().withKeyPadding(new boolean[2]).withBlocked(new boolean[1][2]));
        }

        @Test
        @DisplayName("NaN and +Infinity are rejected in the additive mask, -Infinity is allowed")
        void additiveValues() {
            assertThatCode(() -> Mask.none().withAdditive(new float[][] {{Float.NEGATIVE_INFINITY, 3}})).doesNotThrowAnyException();
            assertThatThrownBy(() -> Mask.none().withAdditive(new float[][] {{0, Float.NaN}}))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[0][1]");
            assertThatThrownBy(() -> Mask.none().withAdditive(new float[][] {{0}, {Float.POSITIVE_INFINITY}}))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[1][0]");
        }

        @Test
        @DisplayName("ragged masks are rejected when built, shapes that do not fit when checked")
        void shapes() {
            assertThatThrownBy(() -> Mask.none().withBlocked(new boolean[][] {{true}, {true, false}}))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rectangular");
            Mask m = Mask.none().withKeyPadding(new boolean[4]);
            assertThatThrownBy(() -> m.requireFits(2, 5)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("[4]").hasMessageContaining("5 keys");
            assertThatThrownBy(() -> Mask.none().withBlocked(new boolean[3][2]).requireFits(2, 3))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage(
                            "blocked mask is [3 x 2] but the scores are [2 x 3] (Lq x Lk): it needs one entry per (query, key)");
            assertThatCode(() -> Mask.causal().withAdditive(zeros(2, 3)).requireFits(2, 3)).doesNotThrowAnyException();
        }
    }

    @Nested
    @DisplayName("MhaWeights")
    class MhaWeightsTest {

        @Test
        @DisplayName("accepts nn.MultiheadAttention's shapes and derives E and head_dim")
        void valid() {
            MhaWeights w = new MhaWeights(2, zeros(12, 4), new float[12], zeros(4, 4), new float[4]);
            assertThat(w.embedDim()).isEqualTo(4);
            assertThat(w.headDim()).isEqualTo(2);
            assertThat(w).hasToString("MhaWeights[H=2, E=4, head_dim=2]");
        }

        @Test
        @DisplayName("rejects a head count that does not divide E, and every wrong shape, naming it")
        void invalid() {
            assertThatThrownBy(() -> new MhaWeights(3, zeros(12, 4), new float[12], zeros(4, 4), new float[4]))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("divide E");
            assertThatThrownBy(() -> new MhaWeights(2, zeros(8, 4), new float[12], zeros(4, 4), new float[4]))
                    .hasMessage("in_proj_weight is [8 x 4] but must be [12 x 4]");
            assertThatThrownBy(() -> new MhaWeights(2, zeros(12, 4), new float[8], zeros(4, 4), new float[4]))
                    .hasMessage("in_proj_bias is [8] but must be [12]");
            assertThatThrownBy(() -> new MhaWeights(2, zeros(12, 4), new float[12], zeros(4, 8), new float[4]))
                    .hasMessage("out_proj.weight is [4 x 8] but must be [4 x 4]");
            float[][] nan = zeros(4, 4);
            nan[1][2] = Float.NaN;
            assertThatThrownBy(() -> new MhaWeights(2, zeros(12, 4), new float[12], nan, new float[4]))
                    .hasMessageContaining("out_proj.weight has NaN at [1][2]");
        }

        @Test
        @DisplayName("fromSeparate stacks q, k, v projections into in_proj in that order")
        void fromSeparate() {
            float[][] wq = {{1, 0}, {0, 1}};
            float[][] wk = {{2, 0}, {0, 2}};
            float[][] wv = {{3, 0}, {0, 3}};
            MhaWeights w = MhaWeights.fromSeparate(1, wq, new float[] {1, 1}, wk, new float[] {2, 2}, wv,
                    new float[] {3, 3}, zeros(2, 2), new float[2]);
            assertThat(w.inProjWeight()).isDeepEqualTo(new float[][] {{1, 0}, {0, 1}, {2, 0}, {0, 2}, {3, 0}, {0, 3}});
            assertThat(w.inProjBias()).containsExactly(1, 1, 2, 2, 3, 3);
        }
    }

    @Nested
    @DisplayName("SeedWeights")
    class SeedWeightsTest {

        @Test
        @DisplayName("leaves out_linear's in_features open (the seed's bug) but checks everything else")
        void outLinearWidthOpen() {
            SeedWeights seedSized = new SeedWeights(2, zeros(4, 4), new float[4], zeros(4, 4), new float[4],
                    zeros(4, 4), new float[4], zeros(4, 8), new float[4]);
            assertThat(seedSized.outInFeatures()).isEqualTo(8);
            assertThat(seedSized.embedSize()).isEqualTo(4);
            assertThatThrownBy(() -> new SeedWeights(3, zeros(4, 4), new float[4], zeros(4, 4), new float[4],
                    zeros(4, 4), new float[4], zeros(4, 4), new float[4])).hasMessageContaining("divide embed_size");
            assertThatThrownBy(() -> new SeedWeights(2, zeros(4, 4), new float[4], zeros(4, 3), new float[4],
                    zeros(4, 4), new float[4], zeros(4, 4), new float[4])).hasMessage("key_linear.weight is [4 x 3] but must be [4 x 4]");
            assertThatThrownBy(() -> new SeedWeights(2, zeros(4, 4), new float[4], zeros(4, 4), new float[4],
                    zeros(4, 4), new float[4], zeros(3, 4), new float[4])).hasMessageContaining("out_linear.weight is [3 x 4]");
        }
    }

    @Test
    @DisplayName("Shapes.describe names null, ragged and rectangular tensors")
    void shapesDescribe() {
        assertThat(Shapes.describe((float[][]) null)).isEqualTo("null");
        assertThat(Shapes.describe(zeros(3, 4))).isEqualTo("[3 x 4]");
        assertThat(Shapes.describe(new float[][] {{1, 2}, {3}})).isEqualTo("ragged [2 x 2, row 1 has 1]");
        assertThat(Shapes.describe(new float[2][3][4])).isEqualTo("[2 x 3 x 4]");
        assertThat(Shapes.describe(new float[][][] {zeros(2, 2), zeros(2, 3)})).startsWith("ragged [2 x ...");
        assertThat(new AttentionResult(zeros(2, 3), zeros(2, 5))).hasToString("AttentionResult[output [2 x 3], weights [2 x 5]]")
                .isEqualTo(new AttentionResult(zeros(2, 3), zeros(2, 5)));
    }
}
