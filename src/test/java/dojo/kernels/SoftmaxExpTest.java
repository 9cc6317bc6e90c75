package dojo.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.DisplayName;

/** The exp inside softmax and the fused kernels ({@code expShiftSum}, {@code softmaxBackward}). */
class SoftmaxExpTest {

    static java.util.stream.Stream<Backend> backends() {
        return SgemmTest.backends();
    }

    @ParameterizedTest
    @MethodSource("backends")
    @DisplayName("exp(x - shift) is within 2 ulp of Math.exp over [-87, 0], 0 below the normal range, 0 for -inf, NaN for NaN")
    void accurateOnSoftmaxRange(Backend backend) {
        KernelOps ops = backend.ops();
        int len = 200_003;                                    // not a multiple of any vector length
        float[] x = new float[len];
        for (int i = 0; i < len; i++) x[i] = -87f * i / (len - 1) + 3f;   // shift 3: x - shift in [-87, 0]
        float[] y = x.clone();
        ops.expShiftSum(y, 0, len, 3f);
        for (int i = 0; i < len; i++) {
            double want = Math.exp((double) (x[i] - 3f));
            assertThat(Math.abs(y[i] - want)).as("x - shift = %s", x[i] - 3f).isLessThanOrEqualTo(2 * Math.ulp((float) want));
        }
        float[] edge = {-100f, Float.NEGATIVE_INFINITY, Float.NaN, 0f, -88f, -0f, 1e-7f};
        ops.expShiftSum(edge, 0, edge.length, 0f);
        float[] wide = new float[64];
        java.util.Arrays.fill(wide, -100f);
        wide[17] = Float.NaN;
        wide[18] = Float.NEGATIVE_INFINITY;
        ops.expShiftSum(wide, 0, wide.length, 0f);
        assertThat(wide[0]).isLessThan(1e-37f);
        assertThat(wide[18]).isZero();
        assertThat(wide[17]).isNaN();
        assertThat(edge[1]).isZero();
        assertThat(edge[2]).isNaN();
        assertThat(edge[3]).isEqualTo(1f);
        assertThat(edge[5]).isEqualTo(1f);
    }

    @ParameterizedTest
    @MethodSource("backends")
    @DisplayName("softmaxBackward gives p = exp(s - lse) and ds = p * (dp - D) per element")
    void softmaxBackwardElementwise(Backend backend) {
        KernelOps ops = backend.ops();
        int len = 37;
        float[] s = Reference.uniform(1, len), dp = Reference.uniform(2, len), s0 = s.clone(), dp0 = dp.clone();
        ops.softmaxBackward(s, dp, 0, len, 1.5f, 0.25f);
        for (int i = 0; i < len; i++) {
            double p = Math.exp((double) (s0[i] - 1.5f));
            assertThat((double) s[i]).isCloseTo(p, org.assertj.core.data.Offset.offset(3.0 * Math.ulp((float) p)));
            assertThat((double) dp[i]).isCloseTo(p * (dp0[i] - 0.25), org.assertj.core.data.Offset.offset(1e-6));
        }
    }
}
