package dojo.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code KernelOps.transposeBlocks}, which packs the attention's Q and K^T slivers. */
class TransposeBlocksTest {

    static Stream<Arguments> cases() {
        int[][] shapes = {{12, 64, 64}, {32, 64, 192}, {12, 32, 384}, {6, 64, 70}, {16, 5, 5}, {5, 17, 20}, {17, 100, 101},
                          {32, 3, 3}, {1, 1, 1}, {12, 7, 9}};
        return SgemmTest.backends().flatMap(be -> Stream.of(shapes).map(s -> Arguments.of(be, s[0], s[1], s[2])));
    }

    @ParameterizedTest(name = "{0}: {1} x {2}, stride {3}")
    @MethodSource("cases")
    @DisplayName("block b: dst[b * rows * cols + c * rows + r] = src[(b * rows + r) * stride + c] * scale, for 1 and 3 blocks; nothing written outside; the definition's bits")
    void transposesWithScale(Backend backend, int rows, int cols, int stride) {
        int srcOff = 7, dstOff = 3;
        for (int blocks : new int[] {1, 3}) {
            float[] src = Reference.uniform(rows * 31L + cols, srcOff + (blocks * rows - 1) * stride + cols + 5);
            float[] dst = new float[dstOff + blocks * rows * cols + 4];
            java.util.Arrays.fill(dst, Float.NaN);
            for (float scale : new float[] {1f, 0.125f, -3.7f}) {
                backend.ops().transposeBlocks(src, srcOff, stride, rows, cols, blocks, scale, dst, dstOff);
                for (int b = 0; b < blocks; b++) {
                    for (int r = 0; r < rows; r++) {
                        for (int c = 0; c < cols; c++) {
                            assertThat(dst[dstOff + b * rows * cols + c * rows + r]).as("block %d r %d c %d scale %s", b, r, c, scale)
                                    .isEqualTo(src[srcOff + (b * rows + r) * stride + c] * scale);
                        }
                    }
                }
                for (int i = 0; i < dstOff; i++) assertThat(dst[i]).isNaN();
                for (int i = dstOff + blocks * rows * cols; i < dst.length; i++) assertThat(dst[i]).isNaN();
            }
        }
    }
}
