package dojo.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fused backward against the materialised gradient in double (from the same float inputs, upstream
 * gradient dO uniform in [-1, 1]). Float tolerance per element: {@code |got - ref| <= 1e-5 + 1e-4·|ref|
 * + 1e-4·max|ref|} of that gradient tensor: the gradient sums up to n (dK, dV) or m (dQ) float terms of
 * either sign, so the error scales with the tensor's magnitude, not the element's. Double kernel: 1e-12
 * against the materialised reference, and central finite differences (h = 1e-6) within 1e-6.
 */
class FusedAttentionBackwardTest {

    enum MaskKind { NONE, CAUSAL, KEY_PADDING, CAUSAL_AND_KEY_PADDING, FULLY_MASKED_ROWS }

    static Stream<Arguments> cases() {
        // n = 1, 15, 17, 33, 257; d and dv not multiples of the vector length; n != m both ways
        int[][] shapes = {{1, 1, 1, 1}, {15, 15, 7, 5}, {17, 33, 20, 17}, {33, 17, 33, 9}, {257, 257, 19, 21},
                          {100, 300, 64, 64}};
        return SgemmTest.backends().flatMap(be -> Arrays.stream(shapes).flatMap(s -> Arrays.stream(MaskKind.values())
                .map(mk -> Arguments.of(s[0], s[1], s[2], s[3], mk, be))));
    }

    static AttentionMask mask(MaskKind kind, int m) {
        return switch (kind) {
            case NONE -> AttentionMask.none();
            case CAUSAL -> AttentionMask.causalMask();
            case KEY_PADDING -> AttentionMask.keyPadding(new boolean[][] {Reference.padding(34, m, 0.3), Reference.padding(35, m, 0.6)});
            case CAUSAL_AND_KEY_PADDING -> AttentionMask.keyPadding(new boolean[][] {Reference.padding(36, m, 0.3),
                    Reference.padding(37, m, 0.6)}).withCausal(true);
            case FULLY_MASKED_ROWS -> {                          // batch 0: the first keys padded, so early causal rows see
                boolean[] first = new boolean[m], all = new boolean[m]; // nothing; batch 1: every key padded
                for (int j = 0; j < Math.min(m, 5); j++) first[j] = true;
                Arrays.fill(all, true);
                yield AttentionMask.keyPadding(new boolean[][] {first, all}).withCausal(true);
            }
        };
    }

    /** Forward (saving lse) then backward, float. Returns {out, lse, dq, dk, dv}. */
    static float[][] runFloat(Backend be, Parallelism p, int batch, int heads, int n, int m, int d, int dv,
                              float[] q, float[] k, float[] v, float[] dOut, AttentionMask mask, int bq, int bk) {
        float[] out = new float[batch * heads * n * dv], lse = new float[batch * heads * n];
        float[] dq = new float[q.length], dk = new float[k.length], dV = new float[v.length];
        new FusedAttention(be, p).attend(batch, heads, n, m, d, dv, q, k, v, mask, out, lse);
        new FusedAttentionBackward(be, p, bq, bk).backward(batch, heads, n, m, d, dv, q, k, v, out, lse, dOut, mask, dq, dk, dV);
        return new float[][] {out, lse, dq, dk, dV};
    }

    static double worstVsTensor(float[] got, int off, double[] ref) {
        double max = 0;
        for (double r : ref) max = Math.max(max, Math.abs(r));
        double worst = 0;
        for (int i = 0; i < ref.length; i++) {
            double err = Math.abs(got[off + i] - ref[i]) / (1e-5 + 1e-4 * Math.abs(ref[i]) + 1e-4 * max);
            if (!(err <= worst)) worst = Double.isNaN(err) ? Double.POSITIVE_INFINITY : err;
        }
        return worst;
    }

    @ParameterizedTest(name = "{5}: n={0} m={1} d={2} dv={3} {4}")
    @MethodSource("cases")
    @DisplayName("the fused backward equals the materialised double-precision gradient for every mask")
    void matchesMaterialisedGradient(int n, int m, int d, int dv, MaskKind kind, Backend backend) {
        int batch = 2, heads = 2;
        float[] q = Reference.uniform(51, batch * heads * n * d), k = Reference.uniform(52, batch * heads * m * d);
        float[] v = Reference.uniform(53, batch * heads * m * dv), dOut = Reference.uniform(54, batch * heads * n * dv);
        AttentionMask mask = mask(kind, m);
        float[][] r;
        try (Parallelism p = Parallelism.threads(2)) {
            // small blocks as well as the defaults, so n = 33..300 crosses several key and query blocks
            r = runFloat(backend, p, batch, heads, n, m, d, dv, q, k, v, dOut, mask, 12, 32);
        }
        double[] qd = Reference.toDouble(q), kd = Reference.toDouble(k), vd = Reference.toDouble(v), dod = Reference.toDouble(dOut);
        for (int b = 0; b < batch; b++) {
            for (int h = 0; h < heads; h++) {
                int bh = b * heads + h;
                double[][] ref = Reference.attentionBackward(n, m, d, dv, qd, bh * n * d, kd, bh * m * d, vd, bh * m * dv,
                        dod, bh * n * dv, mask.causal(), mask.paddingOf(b));
                assertThat(worstVsTensor(r[2], bh * n * d, ref[0])).as("dQ, batch %d head %d", b, h).isLessThanOrEqualTo(1.0);
                assertThat(worstVsTensor(r[3], bh * m * d, ref[1])).as("dK, batch %d head %d", b, h).isLessThanOrEqualTo(1.0);
                assertThat(worstVsTensor(r[4], bh * m * dv, ref[2])).as("dV, batch %d head %d", b, h).isLessThanOrEqualTo(1.0);
            }
        }
    }

    @Test
    @DisplayName("the default block sizes give the same gradient as small blocks, within rounding")
    void blockSizesOnlyChangeRounding() {
        int n = 300, m = 260, d = 40, dv = 24;
        float[] q = Reference.uniform(61, 2 * n * d), k = Reference.uniform(62, 2 * m * d), v = Reference.uniform(63, 2 * m * dv);
        float[] dOut = Reference.uniform(64, 2 * n * dv);
        AttentionMask mask = AttentionMask.causalMask();
        try (Parallelism p = Parallelism.serial()) {
            Backend be = Backend.best();
            float[][] a = runFloat(be, p, 1, 2, n, m, d, dv, q, k, v, dOut, mask, FusedAttentionBackward.BQ, FusedAttentionBackward.BK);
            float[][] b = runFloat(be, p, 1, 2, n, m, d, dv, q, k, v, dOut, mask, 18, 64);
            for (int t = 2; t < 5; t++) {
                for (int i = 0; i < a[t].length; i++) {
                    assertThat((double) a[t][i]).isCloseTo(b[t][i], org.assertj.core.data.Offset.offset(1e-5 + 1e-4 * Math.abs(a[t][i])));
                }
            }
        }
    }

    @Test
    @DisplayName("1 and 3 threads give bitwise identical gradients")
    void threadCountDoesNotChangeBits() {
        int batch = 2, heads = 3, n = 70, m = 90, d = 24, dv = 16;
        float[] q = Reference.uniform(71, batch * heads * n * d), k = Reference.uniform(72, batch * heads * m * d);
        float[] v = Reference.uniform(73, batch * heads * m * dv), dOut = Reference.uniform(74, batch * heads * n * dv);
        AttentionMask mask = mask(MaskKind.CAUSAL_AND_KEY_PADDING, m);
        float[][] one, three;
        try (Parallelism p = Parallelism.serial()) {
            one = runFloat(Backend.best(), p, batch, heads, n, m, d, dv, q, k, v, dOut, mask, 24, 32);
        }
        try (Parallelism p = Parallelism.threads(3)) {
            three = runFloat(Backend.best(), p, batch, heads, n, m, d, dv, q, k, v, dOut, mask, 24, 32);
        }
        for (int t = 0; t < 5; t++) assertThat(three[t]).as("output %d", t).containsExactly(one[t]);
    }

    @Test
    @DisplayName("a query that sees no key gets a zero gradient row and moves no other gradient")
    void fullyMaskedRowsGetZeroGradients() {
        int n = 20, m = 20, d = 8, dv = 8;
        float[] q = Reference.uniform(81, 2 * n * d), k = Reference.uniform(82, 2 * m * d), v = Reference.uniform(83, 2 * m * dv);
        float[] dOut = Reference.uniform(84, 2 * n * dv);
        AttentionMask mask = mask(MaskKind.FULLY_MASKED_ROWS, m);     // batch 0 rows 0..4 and all of batch 1 see nothing
        float[][] r;
        try (Parallelism p = Parallelism.serial()) {
            r = runFloat(Backend.best(), p, 2, 1, n, m, d, dv, q, k, v, dOut, mask, FusedAttentionBackward.BQ, FusedAttentionBackward.BK);
        }
        for (int i = 0; i < 5; i++) assertThat(r[1][i]).isEqualTo(Float.NEGATIVE_INFINITY);
        for (int i = 0; i < 5 * d; i++) assertThat(r[2][i]).isZero();
        for (int i = n * d; i < 2 * n * d; i++) assertThat(r[2][i]).isZero();  // batch 1: dQ, dK, dV all zero
        for (int i = m * d; i < 2 * m * d; i++) assertThat(r[3][i]).isZero();
        for (int i = m * dv; i < 2 * m * dv; i++) assertThat(r[4][i]).isZero();
        for (float x : r[2]) assertThat(Float.isFinite(x)).isTrue();
    }

    @Test
    @DisplayName("the forward's saved log-sum-exp is log sum exp of the scaled visible scores")
    void forwardSavesLogSumExp() {
        int n = 33, m = 40, d = 12;
        float[] q = Reference.uniform(91, n * d), k = Reference.uniform(92, m * d), v = Reference.uniform(93, m * d);
        float[] out = new float[n * d], lse = new float[n];
        try (Parallelism p = Parallelism.serial()) {
            new FusedAttention(Backend.best(), p, 12, 32).attend(1, 1, n, m, d, d, q, k, v, AttentionMask.causalMask(), out, lse);
        }
        for (int i = 0; i < n; i++) {
            double sum = 0;
            for (int j = 0; j <= i; j++) {
                double dot = 0;
                for (int c = 0; c < d; c++) dot += (double) q[i * d + c] * k[j * d + c];
                sum += Math.exp(dot / Math.sqrt(d));
            }
            assertThat((double) lse[i]).as("row %d", i).isCloseTo(Math.log(sum), org.assertj.core.data.Offset.offset(2e-6 + 1e-6 * Math.log(sum)));
        }
    }

    @Test
    @DisplayName("vector and scalar backends agree within rounding")
    void vectorAndScalarAgree() {
        org.junit.jupiter.api.Assumptions.assumeTrue(Backend.vectorAvailable());
        int n = 65, m = 65, d = 20, dv = 12;
        float[] q = Reference.uniform(101, n * d), k = Reference.uniform(102, m * d), v = Reference.uniform(103, m * dv);
        float[] dOut = Reference.uniform(104, n * dv);
        try (Parallelism p = Parallelism.serial()) {
            float[][] a = runFloat(Backend.VECTOR, p, 1, 1, n, m, d, dv, q, k, v, dOut, AttentionMask.causalMask(), 96, 128);
            float[][] b = runFloat(Backend.SCALAR, p, 1, 1, n, m, d, dv, q, k, v, dOut, AttentionMask.causalMask(), 96, 128);
            for (int t = 2; t < 5; t++) {
                for (int i = 0; i < a[t].length; i++) {
                    assertThat((double) a[t][i]).isCloseTo(b[t][i], org.assertj.core.data.Offset.offset(1e-5 + 1e-4 * Math.abs(b[t][i])));
                }
            }
        }
    }

    @Test
    @DisplayName("a NaN in a key is never hidden: every gradient that depends on it is NaN")
    void nanPropagates() {
        int n = 10, m = 10, d = 4;
        float[] q = Reference.uniform(111, n * d), k = Reference.uniform(112, m * d), v = Reference.uniform(113, m * d);
        float[] dOut = Reference.uniform(114, n * d);
        k[7 * d + 1] = Float.NaN;                              // key 7: seen by causal rows 7..9
        float[][] r;
        try (Parallelism p = Parallelism.serial()) {
            r = runFloat(Backend.best(), p, 1, 1, n, m, d, d, q, k, v, dOut, AttentionMask.causalMask(), 96, 128);
        }
        // rows 0..6 do not depend on key 7, but like PyTorch's autograd (a masked 0 times NaN is NaN in
        // dS.K) they may turn NaN too when they share its key block: only the dependent ones are asserted
        for (int i = 7 * d; i < n * d; i++) assertThat(Float.isNaN(r[2][i])).as("dQ row %d", i / d).isTrue();
        for (int c = 0; c < d; c++) assertThat(Float.isNaN(r[3][7 * d + c])).as("dK row 7").isTrue();
    }

    @Test
    @DisplayName("bad shapes fail with a message naming the operand and the shape")
    void badInput() {
        try (Parallelism p = Parallelism.serial()) {
            FusedAttentionBackward bw = new FusedAttentionBackward(Backend.best(), p);
            float[] x = new float[8];
            assertThatThrownBy(() -> bw.backward(1, 1, 2, 2, 4, 4, x, x, x, x, new float[3], x, AttentionMask.none(), x, x, x))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("attention backward: lse [batch x heads x n] = [1 x 1 x 2] needs 2 floats but has 3");
            assertThatThrownBy(() -> bw.backward(1, 1, 2, 2, 4, 4, x, x, x, x, new float[2], x, null, x, x, x))
                    .hasMessageContaining("mask is null");
        }
    }

    // ---- double precision ----

    static double[] gaussian(long seed, int size) {
        Random r = new Random(seed);
        double[] x = new double[size];
        for (int i = 0; i < size; i++) x[i] = r.nextGaussian();
        return x;
    }

    @ParameterizedTest(name = "n={0} m={1} d={2} dv={3} {4}")
    @MethodSource("doubleCases")
    @DisplayName("the double kernels equal the materialised double forward and gradient")
    void doubleMatchesMaterialised(int n, int m, int d, int dv, MaskKind kind) {
        int batch = 2, heads = 2;
        double[] q = gaussian(121, batch * heads * n * d), k = gaussian(122, batch * heads * m * d);
        double[] v = gaussian(123, batch * heads * m * dv), dOut = gaussian(124, batch * heads * n * dv);
        AttentionMask mask = mask(kind, m);
        double[] out = new double[batch * heads * n * dv], lse = new double[batch * heads * n];
        double[] dq = new double[q.length], dk = new double[k.length], dV = new double[v.length];
        try (Parallelism p = Parallelism.threads(2)) {
            AttentionDouble a = new AttentionDouble(p);
            a.forward(batch, heads, n, m, d, dv, q, k, v, mask, out, lse);
            a.backward(batch, heads, n, m, d, dv, q, k, v, out, lse, dOut, mask, dq, dk, dV);
        }
        for (int bh = 0; bh < batch * heads; bh++) {
            double[][] ref = Reference.attentionBackward(n, m, d, dv, q, bh * n * d, k, bh * m * d, v, bh * m * dv,
                    dOut, bh * n * dv, mask.causal(), mask.paddingOf(bh / heads));
            assertClose(dq, bh * n * d, ref[0], 1e-12);
            assertClose(dk, bh * m * d, ref[1], 1e-12);
            assertClose(dV, bh * m * dv, ref[2], 1e-12);
        }
    }

    static Stream<Arguments> doubleCases() {
        int[][] shapes = {{1, 1, 1, 1}, {15, 15, 7, 5}, {17, 33, 20, 17}, {33, 17, 3, 9}};
        return Arrays.stream(shapes).flatMap(s -> Arrays.stream(MaskKind.values()).map(mk -> Arguments.of(s[0], s[1], s[2], s[3], mk)));
    }

    static void assertClose(double[] got, int off, double[] ref, double tol) {
        for (int i = 0; i < ref.length; i++) {
            assertThat(got[off + i]).as("element %d", i).isCloseTo(ref[i], org.assertj.core.data.Offset.offset(tol * (1 + Math.abs(ref[i]))));
        }
    }

    @Test
    @DisplayName("the double gradient equals central finite differences of sum(dO * attention) for every input")
    void doubleMatchesFiniteDifferences() {
        int batch = 2, heads = 1, n = 9, m = 11, d = 5, dv = 3;
        double[] q = gaussian(131, batch * n * d), k = gaussian(132, batch * m * d), v = gaussian(133, batch * m * dv);
        double[] dOut = gaussian(134, batch * n * dv);
        boolean[] pad0 = new boolean[m], pad1 = new boolean[m];
        pad0[3] = true;
        pad1[0] = pad1[1] = true;                                 // rows 0, 1 of batch 1 see nothing (causal)
        AttentionMask mask = AttentionMask.keyPadding(new boolean[][] {pad0, pad1}).withCausal(true);
        try (Parallelism p = Parallelism.serial()) {
            AttentionDouble a = new AttentionDouble(p);
            double[] out = new double[batch * n * dv], lse = new double[batch * n];
            double[] dq = new double[q.length], dk = new double[k.length], dV = new double[v.length];
            a.forward(batch, heads, n, m, d, dv, q, k, v, mask, out, lse);
            a.backward(batch, heads, n, m, d, dv, q, k, v, out, lse, dOut, mask, dq, dk, dV);
            double[][] inputs = {q, k, v}, grads = {dq, dk, dV};
            for (int t = 0; t < 3; t++) {
                double[] x = inputs[t];
                for (int i = 0; i < x.length; i++) {
                    double keep = x[i], h = 1e-6;
                    x[i] = keep + h;
                    double up = loss(a, batch, heads, n, m, d, dv, q, k, v, mask, dOut);
                    x[i] = keep - h;
                    double down = loss(a, batch, heads, n, m, d, dv, q, k, v, mask, dOut);
                    x[i] = keep;
                    assertThat(grads[t][i]).as("input %d element %d", t, i).isCloseTo((up - down) / (2 * h),
                            org.assertj.core.data.Offset.offset(1e-6));
                }
            }
        }
    }

    private static double loss(AttentionDouble a, int batch, int heads, int n, int m, int d, int dv, double[] q, double[] k,
                               double[] v, AttentionMask mask, double[] dOut) {
        double[] out = new double[batch * heads * n * dv];
        a.forward(batch, heads, n, m, d, dv, q, k, v, mask, out, null);
        double s = 0;
        for (int i = 0; i < out.length; i++) s += out[i] * dOut[i];
        return s;
    }
}
