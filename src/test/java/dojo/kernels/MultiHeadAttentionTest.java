package dojo.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Tolerance: 1e-5 abs + 1e-4 rel against a double-precision torch.nn.MultiheadAttention (batch first). */
class MultiHeadAttentionTest {

    static MultiHeadAttentionWeights weights(int e, int h, long seed) {
        float[] in = Reference.uniform(seed, 3 * e * e), out = Reference.uniform(seed + 1, e * e);
        float scale = (float) (1 / Math.sqrt(e));                 // keep activations O(1), like torch's init
        for (int i = 0; i < in.length; i++) in[i] *= scale;
        for (int i = 0; i < out.length; i++) out[i] *= scale;
        return new MultiHeadAttentionWeights(e, h, in, Reference.uniform(seed + 2, 3 * e), out, Reference.uniform(seed + 3, e));
    }

    static java.util.stream.Stream<Backend> backends() {
        return SgemmTest.backends();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    @DisplayName("self-attention equals the double-precision reference with causal and key padding masks")
    void selfAttentionMatchesReference(Backend backend) {
        int batch = 2, len = 13, e = 16, h = 4;
        MultiHeadAttentionWeights w = weights(e, h, 100);
        float[] x = Reference.uniform(110, batch * len * e);
        boolean[][] pad = {Reference.padding(111, len, 0.3), new boolean[len]};
        for (boolean causal : new boolean[] {false, true}) {
            for (boolean[][] p : new boolean[][][] {null, pad}) {
                float[] got;
                try (Parallelism par = Parallelism.threads(2)) {
                    got = new MultiHeadAttention(w, backend, par).forward(batch, len, x, new AttentionMask(causal, p));
                }
                double[] ref = Reference.multiHead(w, batch, len, len, x, x, x, causal, p);
                assertThat(Reference.worstRatio(got, ref, 1e-5, 1e-4)).as("causal %s, padding %s", causal, p != null)
                        .isLessThanOrEqualTo(1.0);
            }
        }
    }

    @Test
    @DisplayName("cross-attention with different query and key lengths equals the reference")
    void crossAttention() {
        int batch = 3, lq = 7, lk = 19, e = 24, h = 3;
        MultiHeadAttentionWeights w = weights(e, h, 200);
        float[] q = Reference.uniform(210, batch * lq * e), k = Reference.uniform(211, batch * lk * e), v = Reference.uniform(212, batch * lk * e);
        boolean[][] pad = {Reference.padding(213, lk, 0.5), Reference.padding(214, lk, 0.1), new boolean[lk]};
        float[] got = new MultiHeadAttention(w, Backend.best(), Parallelism.serial())
                .forward(batch, lq, lk, q, k, v, AttentionMask.keyPadding(pad));
        double[] ref = Reference.multiHead(w, batch, lq, lk, q, k, v, false, pad);
        assertThat(Reference.worstRatio(got, ref, 1e-5, 1e-4)).isLessThanOrEqualTo(1.0);
    }

    @Test
    @DisplayName("1 thread and 3 threads give bitwise equal outputs")
    void threadCountDoesNotChangeBits() {
        int batch = 2, len = 150, e = 64, h = 8;
        MultiHeadAttentionWeights w = weights(e, h, 300);
        float[] x = Reference.uniform(310, batch * len * e);
        float[] one, three;
        try (Parallelism p1 = Parallelism.serial(); Parallelism p3 = Parallelism.threads(3)) {
            one = new MultiHeadAttention(w, Backend.best(), p1).forward(batch, len, x, AttentionMask.causalMask());
            three = new MultiHeadAttention(w, Backend.best(), p3).forward(batch, len, x, AttentionMask.causalMask());
        }
        assertThat(three).isEqualTo(one);
    }

    @Test
    @DisplayName("weights in the wrong layout and inputs of the wrong size are rejected with their shapes")
    void badShapes() {
        assertThatThrownBy(() -> new MultiHeadAttentionWeights(10, 3, new float[300], new float[30], new float[100], new float[10]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("multi-head attention weights: embedDim 10 is not divisible by numHeads 3");
        assertThatThrownBy(() -> new MultiHeadAttentionWeights(4, 2, new float[16], new float[12], new float[16], new float[4]))
                .hasMessage("multi-head attention weights: in_proj_weight [3E x E] = [12 x 4] needs 48 floats but has 16");
        MultiHeadAttention mha = new MultiHeadAttention(weights(4, 2, 400), Backend.best(), Parallelism.serial());
        assertThatThrownBy(() -> mha.forward(2, 3, new float[20], AttentionMask.none()))
                .hasMessage("multi-head attention: x [batch x length x E] = [2 x 3 x 4] needs 24 floats but has 20");
    }
}
