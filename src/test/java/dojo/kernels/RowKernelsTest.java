package dojo.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Tolerances: exp 4 ulp relative (2^-22); softmax 1e-6 abs + 1e-5 rel; layer norm 1e-5 abs + 1e-5 rel. */
class RowKernelsTest {

    static Stream<Backend> backends() {
        return SgemmTest.backends();
    }

    static Stream<Arguments> rowShapes() {
        return backends().flatMap(be -> Stream.of(new int[] {1, 1}, new int[] {3, 15}, new int[] {5, 17},
                new int[] {2, 33}, new int[] {4, 257}, new int[] {1, 1000}).map(s -> Arguments.of(s[0], s[1], be)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    @DisplayName("exp is within 4 ulp of Math.exp over [-87, 88] and handles inf and NaN")
    void expMatchesMathExp(Backend backend) {
        int len = 1001;
        float[] x = new float[len + 4], y = new float[len + 4];
        for (int i = 0; i < len; i++) x[i] = -87f + 175f * i / (len - 1);
        x[len] = Float.NEGATIVE_INFINITY;
        x[len + 1] = Float.POSITIVE_INFINITY;
        x[len + 2] = Float.NaN;
        x[len + 3] = 0f;
        new RowKernels(backend).exp(x, y);
        for (int i = 0; i < len; i++) {
            double e = Math.exp(x[i]);
            assertThat((double) y[i]).as("exp(%s)", x[i]).isCloseTo(e, within(e * 0x1p-22));
        }
        assertThat(y[len]).isEqualTo(0f);
        assertThat(y[len + 1]).isEqualTo(Float.POSITIVE_INFINITY);
        assertThat(y[len + 2]).isNaN();
        assertThat(y[len + 3]).isEqualTo(1f);
    }

    @ParameterizedTest(name = "{2}: [{0} x {1}]")
    @MethodSource("rowShapes")
    @DisplayName("softmax rows equal the double-precision softmax and sum to 1, even for scores near 1000")
    void softmaxMatchesReference(int rows, int cols, Backend backend) {
        float[] x = Reference.uniform(21, rows * cols);
        for (int i = 0; i < x.length; i++) x[i] = x[i] * 30f + (i % 3 == 0 ? 1000f : 0f);
        float[] y = new float[x.length];
        new RowKernels(backend).softmaxRows(rows, cols, x, y);
        for (int r = 0; r < rows; r++) {
            double max = Double.NEGATIVE_INFINITY, sum = 0, total = 0;
            for (int c = 0; c < cols; c++) max = Math.max(max, x[r * cols + c]);
            for (int c = 0; c < cols; c++) sum += Math.exp(x[r * cols + c] - max);
            for (int c = 0; c < cols; c++) {
                double e = Math.exp(x[r * cols + c] - max) / sum;
                assertThat((double) y[r * cols + c]).isCloseTo(e, within(1e-6 + 1e-5 * e));
                total += y[r * cols + c];
            }
            assertThat(total).isCloseTo(1.0, within(1e-5));
        }
    }

    @Test
    @DisplayName("softmax of a fully masked (-inf) row is zeros, a partly masked row ignores the -inf entries, NaN stays NaN")
    void softmaxMaskedRows() {
        float ninf = Float.NEGATIVE_INFINITY;
        float[] x = {ninf, ninf, ninf, 0f, ninf, 0f, 1f, Float.NaN, 2f};
        float[] y = new float[9];
        new RowKernels(Backend.best()).softmaxRows(3, 3, x, y);
        assertThat(new float[] {y[0], y[1], y[2]}).containsExactly(0f, 0f, 0f);
        assertThat(y[3]).isCloseTo(0.5f, within(1e-7f));
        assertThat(y[4]).isEqualTo(0f);
        assertThat(y[5]).isCloseTo(0.5f, within(1e-7f));
        assertThat(y[6]).isNaN();
        assertThat(y[7]).isNaN();
        assertThat(y[8]).isNaN();
    }

    @Test
    @DisplayName("softmax can work in place")
    void softmaxInPlace() {
        float[] x = Reference.uniform(22, 40), copy = x.clone(), y = new float[40];
        RowKernels k = new RowKernels(Backend.best());
        k.softmaxRows(2, 20, copy, y);
        k.softmaxRows(2, 20, x, x);
        assertThat(x).isEqualTo(y);
    }

    @ParameterizedTest(name = "{2}: [{0} x {1}]")
    @MethodSource("rowShapes")
    @DisplayName("layer norm equals the double-precision LayerNorm, also when |mean| >> std")
    void layerNormMatchesReference(int rows, int cols, Backend backend) {
        float[] x = Reference.uniform(23, rows * cols), gamma = Reference.uniform(24, cols), beta = Reference.uniform(25, cols);
        for (int i = 0; i < x.length; i++) x[i] += (i / cols) % 2 == 0 ? 0f : 3000f; // every other row far from 0
        float[] y = new float[x.length];
        float eps = 1e-5f;
        new RowKernels(backend).layerNorm(rows, cols, x, gamma, beta, eps, y);
        for (int r = 0; r < rows; r++) {
            double mean = 0, var = 0;
            for (int c = 0; c < cols; c++) mean += x[r * cols + c];
            mean /= cols;
            for (int c = 0; c < cols; c++) var += Math.pow(x[r * cols + c] - mean, 2);
            var /= cols;
            for (int c = 0; c < cols; c++) {
                double e = (x[r * cols + c] - mean) / Math.sqrt(var + eps) * gamma[c] + beta[c];
                // float input near 3000 carries 2^-12 absolute error already; scale the tolerance with it
                double tol = 1e-5 + 1e-5 * Math.abs(e) + Math.abs(mean) * 0x1p-22 / Math.sqrt(var + eps);
                assertThat((double) y[r * cols + c]).as("row %d col %d", r, c).isCloseTo(e, within(tol));
            }
        }
    }

    @Test
    @DisplayName("vector and scalar row kernels agree within rounding")
    void vectorAndScalarAgree() {
        org.junit.jupiter.api.Assumptions.assumeTrue(Backend.vectorAvailable());
        float[] x = Reference.uniform(26, 7 * 131);
        float[] v = new float[x.length], s = new float[x.length];
        new RowKernels(Backend.VECTOR).softmaxRows(7, 131, x, v);
        new RowKernels(Backend.SCALAR).softmaxRows(7, 131, x, s);
        for (int i = 0; i < x.length; i++) assertThat(v[i]).isCloseTo(s[i], within(1e-7f + 1e-5f * s[i]));
    }

    @Test
    @DisplayName("relu backward keeps g where x > 0 and zeroes it elsewhere (x = 0, negative, NaN), on both backends, tails included")
    void reluBackward() {
        float nan = Float.NaN;
        float[] x = new float[37];
        float[] g = new float[37];
        for (int i = 0; i < x.length; i++) {
            x[i] = i % 5 == 0 ? 0f : (i % 3 == 0 ? -i : i) * 0.25f;
            g[i] = 100f + i;
        }
        x[7] = nan;
        float[] expected = new float[37];
        for (int i = 0; i < x.length; i++) expected[i] = i != 7 && x[i] > 0 ? g[i] : 0f;
        for (Backend be : Backend.values()) {
            if (be == Backend.VECTOR && !Backend.vectorAvailable()) continue;
            float[] out = g.clone();
            new RowKernels(be).reluBackward(x, out, 0, x.length);
            assertThat(out).as(be.toString()).isEqualTo(expected);
            float[] part = g.clone();
            new RowKernels(be).reluBackward(x, part, 3, 30);
            for (int i = 0; i < x.length; i++) assertThat(part[i]).isEqualTo(i >= 3 && i < 30 ? expected[i] : g[i]);
        }
        assertThatThrownBy(() -> new RowKernels(Backend.best()).reluBackward(x, new float[3], 0, 3))
                .hasMessageContaining("reluBackward: x and g must have the same length");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    @DisplayName("relu is Math.max(x, 0) lane by lane (NaN stays NaN, -0 gives +0), tails included; a bias adds into one row only")
    void reluAndBias(Backend backend) {
        RowKernels k = new RowKernels(backend);
        float[] x = new float[2 * 37];
        for (int i = 0; i < x.length; i++) x[i] = (i % 3 == 0 ? -i : i) * 0.25f;
        x[40] = Float.NaN;
        x[41] = -0f;
        float[] y = new float[x.length];
        k.relu(x, y, 37, 37);
        for (int i = 0; i < x.length; i++) {
            assertThat(Float.floatToIntBits(y[i])).as("relu at %d", i).isEqualTo(Float.floatToIntBits(i < 37 ? 0f : Math.max(x[i], 0f)));
        }
        assertThat(y[40]).isNaN();
        assertThat(Float.floatToRawIntBits(y[41])).isEqualTo(0);
        float[] bias = new float[37];
        for (int j = 0; j < 37; j++) bias[j] = 1000f + j;
        float[] z = x.clone();
        k.addBias(z, 37, bias, 37);
        for (int i = 0; i < x.length; i++) {
            assertThat(Float.floatToIntBits(z[i])).as("bias at %d", i).isEqualTo(Float.floatToIntBits(i < 37 ? x[i] : x[i] + bias[i - 37]));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    @DisplayName("column sums of a row range are within float rounding of the double sums, blocks of 32 rows summed in float")
    void columnSums(Backend backend) {
        int rows = 203, cols = 37;
        float[] x = Reference.uniform(31, rows * cols);
        double[] sums = new double[cols];
        sums[3] = 5;                                          // added into, not overwritten
        new RowKernels(backend).addColumnSums(x, cols, 10, 190, new float[cols], sums);
        for (int j = 0; j < cols; j++) {
            double exact = j == 3 ? 5 : 0, magnitude = 0;
            for (int r = 10; r < 190; r++) {
                exact += x[r * cols + j];
                magnitude += Math.abs(x[r * cols + j]);
            }
            assertThat(sums[j]).as("column %d", j).isCloseTo(exact, within(magnitude * RowKernels.SUM_ROWS * 0x1p-24));
        }
    }

    @Test
    @DisplayName("wrong shapes are rejected with the shapes in the message")
    void badShapes() {
        RowKernels k = new RowKernels(Backend.best());
        assertThatThrownBy(() -> k.softmaxRows(2, 3, new float[5], new float[6]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("softmax: x [rows x cols] = [2 x 3] needs 6 floats but has 5");
        assertThatThrownBy(() -> k.softmaxRows(0, 3, new float[0], new float[0]))
                .hasMessage("softmax: rows x cols = 0 x 3: every dimension must be at least 1");
        assertThatThrownBy(() -> k.layerNorm(2, 3, new float[6], new float[2], new float[3], 1e-5f, new float[6]))
                .hasMessage("layer norm: gamma [cols] = [3] needs 3 floats but has 2");
        assertThatThrownBy(() -> k.exp(new float[2], new float[3]))
                .hasMessage("exp: x and y must have the same length, were [2] and [3]");
    }
}
