package dojo.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Tolerance: |out - ref| <= 2e-6 + 2e-5 * |ref| + 2e-5 * max|V| elementwise, against a double-precision
 * materialised reference (inputs uniform in [-1, 1]; the output is a convex combination of V rows).
 */
class FusedAttentionTest {

    enum MaskKind { NONE, CAUSAL, KEY_PADDING, CAUSAL_AND_KEY_PADDING }

    static Stream<Arguments> cases() {
        int[][] shapes = {{1, 1, 1, 1}, {15, 17, 8, 5}, {17, 15, 33, 17}, {33, 257, 64, 64}, {257, 33, 16, 48},
                          {100, 300, 17, 9}, {300, 300, 64, 64}};
        return SgemmTest.backends().flatMap(be -> Arrays.stream(shapes).flatMap(s -> Arrays.stream(MaskKind.values())
                .map(mk -> Arguments.of(s[0], s[1], s[2], s[3], mk, be))));
    }

    @ParameterizedTest(name = "{5}: n={0} m={1} d={2} dv={3} {4}")
    @MethodSource("cases")
    @DisplayName("fused attention equals the double-precision materialised attention for every mask")
    void matchesReference(int n, int m, int d, int dv, MaskKind kind, Backend backend) {
        int batch = 2, heads = 2;
        float[] q = Reference.uniform(31, batch * heads * n * d), k = Reference.uniform(32, batch * heads * m * d);
        float[] v = Reference.uniform(33, batch * heads * m * dv), out = new float[batch * heads * n * dv];
        boolean causal = kind == MaskKind.CAUSAL || kind == MaskKind.CAUSAL_AND_KEY_PADDING;
        boolean[][] pad = null;
        if (kind == MaskKind.KEY_PADDING || kind == MaskKind.CAUSAL_AND_KEY_PADDING) {
            pad = new boolean[][] {Reference.padding(34, m, 0.3), Reference.padding(35, m, 0.6)};
        }
        try (Parallelism p = Parallelism.threads(2)) {
            new FusedAttention(backend, p).attend(batch, heads, n, m, d, dv, q, k, v, new AttentionMask(causal, pad), out);
        }
        for (int b = 0; b < batch; b++) {
            for (int h = 0; h < heads; h++) {
                int bh = b * heads + h;
                double[] ref = Reference.attention(n, m, d, dv, q, bh * n * d, k, bh * m * d, v, bh * m * dv, causal,
                        pad == null ? null : pad[b]);
                float[] got = Arrays.copyOfRange(out, bh * n * dv, (bh + 1) * n * dv);
                assertThat(Reference.worstRatio(got, ref, 2e-6 + 2e-5, 2e-5))
                        .as("batch %d head %d: worst error / tolerance", b, h).isLessThanOrEqualTo(1.0);
            }
        }
    }

    @Test
    @DisplayName("fully masked rows give zeros, not NaN (all keys padded, or causal rows before the first visible key)")
    void fullyMaskedRowsGiveZeros() {
        int n = 40, m = 40, d = 16;
        float[] q = Reference.uniform(41, 2 * n * d), k = Reference.uniform(42, 2 * m * d), v = Reference.uniform(43, 2 * m * d);
        boolean[] allPadded = new boolean[m];
        Arrays.fill(allPadded, true);
        boolean[] firstTenPadded = new boolean[m];
        Arrays.fill(firstTenPadded, 0, 10, true);
        float[] out = new float[2 * n * d];
        AttentionMask mask = new AttentionMask(true, new boolean[][] {allPadded, firstTenPadded});
        new FusedAttention(Backend.best(), Parallelism.serial()).attend(2, 1, n, m, d, d, q, k, v, mask, out);
        for (int i = 0; i < n * d; i++) assertThat(out[i]).as("batch 0, all keys padded, element %d", i).isEqualTo(0f);
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < d; c++) {
                float x = out[n * d + i * d + c];
                if (i < 10) assertThat(x).as("row %d sees no key", i).isEqualTo(0f);
                else assertThat(x).as("row %d sees keys 10..%d", i, i).isNotNaN().isNotEqualTo(0f);
            }
        }
        double[] ref = Reference.attention(n, m, d, d, q, n * d, k, m * d, v, m * d, true, firstTenPadded);
        assertThat(Reference.worstRatio(Arrays.copyOfRange(out, n * d, 2 * n * d), ref, 2e-5, 2e-5)).isLessThanOrEqualTo(1.0);
    }

    @Test
    @DisplayName("1 thread and 4 threads give bitwise equal outputs")
    void threadCountDoesNotChangeBits() {
        int batch = 2, heads = 3, n = 457, d = 24;
        float[] q = Reference.uniform(51, batch * heads * n * d), k = Reference.uniform(52, batch * heads * n * d);
        float[] v = Reference.uniform(53, batch * heads * n * d);
        AttentionMask mask = new AttentionMask(true, new boolean[][] {Reference.padding(54, n, 0.2), Reference.padding(55, n, 0.5)});
        float[] one = new float[q.length], four = new float[q.length];
        try (Parallelism p1 = Parallelism.serial(); Parallelism p4 = Parallelism.threads(4)) {
            new FusedAttention(Backend.best(), p1).attend(batch, heads, n, n, d, d, q, k, v, mask, one);
            new FusedAttention(Backend.best(), p4).attend(batch, heads, n, n, d, d, q, k, v, mask, four);
        }
        assertThat(four).isEqualTo(one);
    }

    @Test
    @DisplayName("other block sizes give the same result within rounding")
    void blockSizesOnlyChangeRounding() {
        int n = 203, m = 311, d = 40, dv = 20;
        float[] q = Reference.uniform(61, n * d), k = Reference.uniform(62, m * d), v = Reference.uniform(63, m * dv);
        AttentionMask mask = new AttentionMask(true, new boolean[][] {Reference.padding(64, m, 0.25)});
        double[] ref = Reference.attention(n, m, d, dv, q, 0, k, 0, v, 0, true, mask.keyPadding()[0]);
        for (int[] blocks : new int[][] {{6, 32}, {12, 64}, {30, 96}, {96, 256}}) {
            float[] out = new float[n * dv];
            new FusedAttention(Backend.best(), Parallelism.serial(), blocks[0], blocks[1]).attend(1, 1, n, m, d, dv, q, k, v, mask, out);
            assertThat(Reference.worstRatio(out, ref, 2e-5, 2e-5)).as("blocks %s", Arrays.toString(blocks)).isLessThanOrEqualTo(1.0);
        }
    }

    @Test
    @DisplayName("the vector and scalar backends agree within rounding")
    void vectorAndScalarAgree() {
        org.junit.jupiter.api.Assumptions.assumeTrue(Backend.vectorAvailable());
        int n = 129, d = 64;
        float[] q = Reference.uniform(71, n * d), k = Reference.uniform(72, n * d), v = Reference.uniform(73, n * d);
        float[] vec = new FusedAttention(Backend.VECTOR, Parallelism.serial()).attend(n, n, d, d, q, k, v, AttentionMask.causalMask());
        float[] sca = new FusedAttention(Backend.SCALAR, Parallelism.serial()).attend(n, n, d, d, q, k, v, AttentionMask.causalMask());
        for (int i = 0; i < vec.length; i++) assertThat(Math.abs(vec[i] - sca[i])).as("element %d", i).isLessThanOrEqualTo(1e-5f);
    }

    @Test
    @DisplayName("the naive float materialised attention (the benchmark baseline) agrees too")
    void naiveBaselineAgrees() {
        int n = 77, m = 65, d = 32;
        float[] q = Reference.uniform(81, n * d), k = Reference.uniform(82, m * d), v = Reference.uniform(83, m * d);
        boolean[] pad = Reference.padding(84, m, 0.3);
        float[] naive = NaiveKernels.attention(n, m, d, d, q, k, v, true, pad);
        double[] ref = Reference.attention(n, m, d, d, q, 0, k, 0, v, 0, true, pad);
        assertThat(Reference.worstRatio(naive, ref, 2e-5, 2e-5)).isLessThanOrEqualTo(1.0);
    }

    @Test
    @DisplayName("a NaN in a query poisons that query's row only; a NaN in a key poisons every row that sees it")
    void nanPropagates() {
        int n = 50, d = 8;
        float[] q = Reference.uniform(91, n * d), k = Reference.uniform(92, n * d), v = Reference.uniform(93, n * d);
        q[7 * d + 3] = Float.NaN;
        FusedAttention fa = new FusedAttention(Backend.best(), Parallelism.serial());
        float[] out = fa.attend(n, n, d, d, q, k, v, AttentionMask.none());
        for (int i = 0; i < n; i++) assertThat(Float.isNaN(out[i * d])).as("row %d NaN", i).isEqualTo(i == 7);
        q[7 * d + 3] = 0.5f;
        k[20 * d] = Float.NaN;                    // key 20: seen by causal rows 20.. only
        out = fa.attend(n, n, d, d, q, k, v, AttentionMask.causalMask());
        for (int i = 0; i < n; i++) assertThat(Float.isNaN(out[i * d])).as("row %d NaN", i).isEqualTo(i >= 20);
    }

    @ParameterizedTest(name = "{0}: bk={1}")
    @MethodSource("lazyCases")
    @DisplayName("lazy rescaling: scores that climb from key block to key block (a block far above the shift redone, one a little above kept) match the reference, lse too")
    void lazyRescalingMatchesReference(Backend backend, int bk) {
        int n = 70, m = 300, d = 16, dv = 8;
        float[] q = Reference.uniform(101, n * d), k = Reference.uniform(102, m * d), v = Reference.uniform(103, m * dv);
        // key j's scores grow with j: up to ~40 apart across the sequence, ~1 within a block of 32
        for (int j = 0; j < m; j++) for (int c = 0; c < d; c++) k[j * d + c] *= 1f + j / 4f;
        // and key 250 a spike: hundreds above the shift for the rows whose q sums > 0 (exp overflows there)
        for (int c = 0; c < d; c++) k[250 * d + c] = 500f;
        float[] out = new float[n * dv], lse = new float[n];
        new FusedAttention(backend, Parallelism.serial(), 12, bk).attend(1, 1, n, m, d, dv, q, k, v, AttentionMask.none(), out, lse);
        double[] ref = Reference.attention(n, m, d, dv, q, 0, k, 0, v, 0, false, null);
        assertThat(Reference.worstRatio(out, ref, 2e-6 + 2e-5, 2e-5)).isLessThanOrEqualTo(1.0);
        for (int i = 0; i < n; i++) {
            double max = Double.NEGATIVE_INFINITY, sum = 0;
            double[] s = new double[m];
            for (int j = 0; j < m; j++) {
                for (int c = 0; c < d; c++) s[j] += (double) q[i * d + c] * k[j * d + c];
                s[j] /= Math.sqrt(d);
                max = Math.max(max, s[j]);
            }
            for (int j = 0; j < m; j++) sum += Math.exp(s[j] - max);
            assertThat((double) lse[i]).as("lse row %d", i).isCloseTo(max + Math.log(sum), org.assertj.core.data.Offset.offset(1e-4 * (1 + Math.abs(max))));
        }
    }

    static Stream<Arguments> lazyCases() {
        return SgemmTest.backends().flatMap(be -> Stream.of(32, 64, 256).map(bk -> Arguments.of(be, bk)));
    }

    @ParameterizedTest
    @MethodSource("dojo.kernels.SgemmTest#backends")
    @DisplayName("a NaN key in a later key block (taken against a stale shift) still poisons every row that sees it, either NaN sign")
    void nanInALazyBlockPropagates(Backend backend) {
        int n = 40, m = 200, d = 8;
        for (int nanBits : new int[] {0x7fc00000, 0xffc00000}) {
            float[] q = Reference.uniform(111, n * d), k = Reference.uniform(112, m * d), v = Reference.uniform(113, m * d);
            k[150 * d + 2] = Float.intBitsToFloat(nanBits);  // key 150: block 4 of 32-key blocks
            float[] out = new float[n * d];
            new FusedAttention(backend, Parallelism.serial(), 12, 32).attend(1, 1, n, m, d, d, q, k, v, AttentionMask.none(), out);
            for (int i = 0; i < n; i++) assertThat(Float.isNaN(out[i * d])).as("row %d, NaN bits %x", i, nanBits).isTrue();
        }
    }

    @Test
    @DisplayName("wrong shapes, zero sizes and bad masks are rejected with the shapes in the message")
    void badInput() {
        FusedAttention fa = new FusedAttention(Backend.best(), Parallelism.serial());
        assertThatThrownBy(() -> fa.attend(4, 5, 3, 3, new float[12], new float[14], new float[15], AttentionMask.none()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("attention: K [batch x heads x m x d] = [1 x 1 x 5 x 3] needs 15 floats but has 14");
        assertThatThrownBy(() -> fa.attend(0, 5, 3, 3, new float[0], new float[15], new float[15], AttentionMask.none()))
                .hasMessage("attention: n x m x d x dv = 0 x 5 x 3 x 3: every dimension must be at least 1");
        assertThatThrownBy(() -> fa.attend(4, 5, 3, 3, new float[12], new float[15], new float[15],
                AttentionMask.keyPadding(new boolean[][] {new boolean[4]})))
                .hasMessage("attention: key padding mask row 0 has 4 entries but there are 5 keys (expected [batch x keys] = [1 x 5])");
        assertThatThrownBy(() -> fa.attend(2, 1, 4, 5, 3, 3, new float[24], new float[30], new float[30],
                AttentionMask.keyPadding(new boolean[][] {new boolean[5]}), new float[24]))
                .hasMessage("attention: key padding mask has 1 rows but batch is 2 (expected [batch x keys] = [2 x 5])");
        assertThatThrownBy(() -> fa.attend(4, 5, 3, 3, new float[12], new float[15], new float[15], null))
                .hasMessage("attention: mask is null (use AttentionMask.none())");
    }
}
