package dojo.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code KernelOps.transposeBlock}, which packs the attention's Q and K^T slivers. */
class TransposeBlockTest {

    static Stream<Arguments> cases() {
        int[][] shapes = {{12, 64, 64}, {32, 64, 192}, {12, 32, 384}, {6, 64, 70}, {16, 5, 5}, {5, 17, 20}, {17, 100, 101},
                          {32, 3, 3}, {1, 1, 1}, {12, 7, 9}};
        return SgemmTest.backends().flatMap(be -> Stream.of(shapes).map(s -> Arguments.of(be, s[0], s[1], s[2])));
    }

    @ParameterizedTest(name = "{0}: {1} x {2}, stride {3}")
    @MethodSource("cases")
    @DisplayName("dst[c * rows + r] = src[r * stride + c] * scale, nothing written outside the block, the same bits as the definition")
    void transposesWithScale(Backend backend, int rows, int cols, int stride) {
        int srcOff = 7, dstOff = 3;
        float[] src = Reference.uniform(rows * 31L + cols, srcOff + (rows - 1) * stride + cols + 5);
        float[] dst = new float[dstOff + rows * cols + 4];
        java.util.Arrays.fill(dst, Float.NaN);
        for (float scale : new float[] {1f, 0.125f, -3.7f}) {
            backend.ops().transposeBlock(src, srcOff, stride, rows, cols, scale, dst, dstOff);
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    assertThat(dst[dstOff + c * rows + r]).as("r %d c %d scale %s", r, c, scale)
                            .isEqualTo(src[srcOff + r * stride + c] * scale);
                }
            }
            for (int i = 0; i < dstOff; i++) assertThat(dst[i]).isNaN();
            for (int i = dstOff + rows * cols; i < dst.length; i++) assertThat(dst[i]).isNaN();
        }
    }
}
