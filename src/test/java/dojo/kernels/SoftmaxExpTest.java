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
        assertWithinTwoUlp(y, 0, x, 3f);
        float[] edge = {-100f, Float.NEGATIVE_INFINITY, Float.NaN, 0f, -88f, -0f, 1e-7f};
        assertThat(ops.expShiftSum(edge, 0, edge.length, 0f)).isNaN();
        float[] wide = new float[64], p = new float[64];
        java.util.Arrays.fill(wide, -100f);
        wide[17] = Float.NaN;
        wide[18] = Float.NEGATIVE_INFINITY;
        assertThat(ops.expShiftSum(wide, 0, wide.length, 0f, p, 0)).as("a NaN with its sign bit clear").isNaN();
        wide[17] = Float.intBitsToFloat(0xffc00000);          // x86's default NaN (0 * inf, inf - inf): sign bit set
        assertThat(ops.expShiftSum(wide, 0, wide.length, 0f, p, 0)).as("a NaN with its sign bit set").isNaN();
        wide[17] = -100f;
        assertThat(ops.expShiftSum(wide, 0, wide.length, 0f)).isLessThan(64e-37f);
        assertThat(wide[0]).isLessThan(1e-37f);
        assertThat(wide[18]).isZero();
        assertThat(edge[1]).isZero();
        assertThat(edge[3]).isEqualTo(1f);
        assertThat(edge[5]).isEqualTo(1f);
    }

    @ParameterizedTest
    @MethodSource("backends")
    @DisplayName("into another array: x unchanged; a stale shift (x up to 20 above it) within 2 ulp; an overflow gives a sum that is not finite")
    void intoAnotherArrayAboveTheShift(Backend backend) {
        KernelOps ops = backend.ops();
        int len = 50_021;
        float[] x = new float[len], p = new float[len + 5];
        for (int i = 0; i < len; i++) x[i] = -60f + 80f * i / (len - 1) + 2f;    // x - shift in [-60, 20]
        float[] x0 = x.clone();
        float sum = ops.expShiftSum(x, 0, len, 2f, p, 5);
        assertThat(x).isEqualTo(x0);
        double want = assertWithinTwoUlp(p, 5, x, 2f);
        assertThat((double) sum).isCloseTo(want, org.assertj.core.data.Offset.offset(1e-5 * want));
        for (float over : new float[] {89f, 100f, 1e6f, 3e38f, Float.POSITIVE_INFINITY}) {
            float[] row = new float[48];
            row[40] = over;                                    // in the vector part for 8 and 16 lanes
            assertThat(Float.isFinite(ops.expShiftSum(row, 0, row.length, 0f, new float[48], 0))).as("x = %s", over).isFalse();
        }
    }

    /** Asserts {@code got[gotOff + i]} within 2 ulp of {@code exp(x[i] - shift)} for every i; returns the exact sum. */
    private static double assertWithinTwoUlp(float[] got, int gotOff, float[] x, float shift) {
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            double want = Math.exp((double) (x[i] - shift));
            sum += want;
            assertThat(Math.abs(got[gotOff + i] - want)).as("x - shift = %s", x[i] - shift).isLessThanOrEqualTo(2 * Math.ulp((float) want));
        }
        return sum;
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
