package dojo.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The row layouts ({@code attendRows}, {@code backwardRows}: heads side by side in [B*n, width] rows, as
 * a q|k|v projection writes them) against the [B][H][n][d] entry points: the same bits, and columns
 * outside the heads never written.
 */
class FusedAttentionRowsTest {

    @ParameterizedTest(name = "causal = {0}")
    @ValueSource(booleans = {false, true})
    @DisplayName("attendRows and backwardRows give the bits of attend and backward, writing only their own columns")
    void rowLayoutsMatchTheHeadLayout(boolean causal) {
        int batch = 2, heads = 3, n = 37, d = 8, e = heads * d, width = 3 * e;
        float[] qkv = Reference.uniform(61, batch * n * width), dOutRows = Reference.uniform(62, batch * n * e);
        AttentionMask mask = new AttentionMask(causal, new boolean[][] {Reference.padding(63, n, 0.3), Reference.padding(64, n, 0.0)});
        // the same tensors in [B][H][n][d]
        float[] q = new float[batch * heads * n * d], k = q.clone(), v = q.clone(), dOut = q.clone();
        for (int b = 0; b < batch; b++) {
            for (int h = 0; h < heads; h++) {
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < d; j++) {
                        int at = ((b * heads + h) * n + i) * d + j, row = (b * n + i) * width + h * d + j;
                        q[at] = qkv[row];
                        k[at] = qkv[row + e];
                        v[at] = qkv[row + 2 * e];
                        dOut[at] = dOutRows[(b * n + i) * e + h * d + j];
                    }
                }
            }
        }
        try (Parallelism p = Parallelism.threads(2)) {
            FusedAttention fa = new FusedAttention(Backend.best(), p);
            FusedAttentionBackward fb = new FusedAttentionBackward(Backend.best(), p);
            float[] out = new float[q.length], lse = new float[batch * heads * n];
            fa.attend(batch, heads, n, n, d, d, q, k, v, mask, out, lse);
            float[] dq = new float[q.length], dk = new float[q.length], dv = new float[q.length];
            fb.backward(batch, heads, n, n, d, d, q, k, v, out, lse, dOut, mask, dq, dk, dv);

            int outWidth = e + 5;                                   // wider rows: the extra columns must stay untouched
            float[] outRows = new float[batch * n * outWidth], lseRows = new float[lse.length];
            java.util.Arrays.fill(outRows, 7f);
            fa.attendRows(batch, heads, n, n, d, d, qkv, 0, width, qkv, e, width, qkv, 2 * e, width, mask, outRows, outWidth, lseRows);
            assertThat(lseRows).isEqualTo(lse);
            float[] outPlain = new float[batch * n * e], dOutWide = new float[batch * n * outWidth];
            for (int r = 0; r < batch * n; r++) {
                System.arraycopy(dOutRows, r * e, dOutWide, r * outWidth, e);
                for (int j = e; j < outWidth; j++) assertThat(outRows[r * outWidth + j]).isEqualTo(7f);
                System.arraycopy(outRows, r * outWidth, outPlain, r * e, e);
            }
            float[] dqkv = new float[qkv.length];
            java.util.Arrays.fill(dqkv, Float.NaN);                 // every column must be written
            fb.backwardRows(batch, heads, n, n, d, d, qkv, 0, width, qkv, e, width, qkv, 2 * e, width, outRows, dOutWide, outWidth,
                    lseRows, mask, dqkv, 0, width, dqkv, e, width, dqkv, 2 * e, width);
            for (int b = 0; b < batch; b++) {
                for (int h = 0; h < heads; h++) {
                    for (int i = 0; i < n; i++) {
                        for (int j = 0; j < d; j++) {
                            int at = ((b * heads + h) * n + i) * d + j, row = (b * n + i) * width + h * d + j;
                            assertThat(outPlain[(b * n + i) * e + h * d + j]).isEqualTo(out[at]);
                            assertThat(dqkv[row]).isEqualTo(dq[at]);
                            assertThat(dqkv[row + e]).isEqualTo(dk[at]);
                            assertThat(dqkv[row + 2 * e]).isEqualTo(dv[at]);
                        }
                    }
                }
            }
            assertThatThrownBy(() -> fa.attendRows(batch, heads, n, n, d, d, qkv, 0, e - 1, qkv, e, width, qkv, 2 * e, width, mask,
                    outRows, outWidth, null)).hasMessage("attention: Q rows of 24 floats cannot be 23 apart from offset 0");
            assertThatThrownBy(() -> fa.attendRows(batch, heads, n, n, d, d, qkv, 0, width, qkv, e, width, qkv, 2 * e + 1, width, mask,
                    outRows, outWidth, null)).hasMessage("attention: V has 5328 floats, 74 rows of 24 every 72 from offset 49 need 5329");
        }
    }
}
