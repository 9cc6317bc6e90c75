package dojo.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** How the forward cuts each head's queries into tasks, and that the cut never changes an output bit. */
class FusedAttentionChunkingTest {

    enum MaskKind { NONE, CAUSAL, KEY_PADDING, CAUSAL_AND_KEY_PADDING }

    static Stream<Arguments> shapes() {
        // query blocks per head, heads (batch x heads), threads
        int[][] s = {{1, 1, 1}, {1, 64, 2}, {3, 1, 2}, {11, 8, 2}, {22, 8, 2}, {86, 8, 2}, {86, 8, 1}, {22, 8, 1},
                     {7, 4, 3}, {5, 200, 8}, {683, 1, 2}, {1000, 3, 64}, {2, 24, 1}};
        return Stream.of(s).map(x -> Arguments.of(x[0], x[1], x[2]));
    }

    @ParameterizedTest(name = "{0} blocks x {1} heads on {2} threads")
    @MethodSource("shapes")
    @DisplayName("chunks are near-equal, at most CHUNK_BLOCKS blocks, and give every thread several tasks when the blocks allow")
    void chunksAreBalanced(int blocks, int heads, int threads) {
        int per = FusedAttention.chunkBlocks(blocks, heads, threads);
        int chunks = Shapes.ceilDiv(blocks, per);
        assertThat(per).isBetween(1, Math.min(blocks, FusedAttention.CHUNK_BLOCKS));
        assertThat(Shapes.ceilDiv(blocks, chunks)).as("no chunk larger than an even split needs").isEqualTo(per);
        assertThat(blocks - (chunks - 1) * per).as("the last chunk is not empty").isPositive();
        long wanted = (long) FusedAttention.TASKS_PER_THREAD * threads;
        if (per > 1 && per < FusedAttention.CHUNK_BLOCKS) {
            assertThat((long) chunks * heads).as("tasks").isGreaterThanOrEqualTo(wanted);
        }
        if ((long) blocks * heads < wanted) assertThat(per).as("too few blocks: one per task").isEqualTo(1);
    }

    @ParameterizedTest(name = "{0} blocks x {1} heads on {2} threads")
    @MethodSource("shapes")
    @DisplayName("tasks are handed out each once: head by head without a mask, costliest chunk first (rows x keys seen) when causal")
    void taskOrder(int blocks, int heads, int threads) {
        int per = FusedAttention.chunkBlocks(blocks, heads, threads), chunkRows = per * FusedAttention.BQ;
        int n = blocks * FusedAttention.BQ - 5, chunks = Shapes.ceilDiv(n, chunkRows);
        int[] plain = FusedAttention.taskOrder(heads, chunks, chunkRows, n, false);
        assertThat(plain).isEqualTo(java.util.stream.IntStream.range(0, heads * chunks).toArray());
        int[] causal = FusedAttention.taskOrder(heads, chunks, chunkRows, n, true);
        assertThat(causal).containsExactlyInAnyOrder(plain);
        long last = Long.MAX_VALUE;
        for (int t = 0; t < causal.length; t++) {
            int c0 = causal[t] % chunks * chunkRows, rows = Math.min(chunkRows, n - c0);
            long scores = 0;
            for (int r = 0; r < rows; r++) scores += c0 + r + 1;     // row c0 + r sees keys 0 .. c0 + r
            assertThat(scores).as("task %d", t).isLessThanOrEqualTo(last);
            if (t > 0 && scores == last) {                          // ties: by chunk, then by head
                int chunk = causal[t] % chunks, before = causal[t - 1] % chunks;
                assertThat(chunk > before || chunk == before && causal[t] / chunks > causal[t - 1] / chunks).as("task %d", t).isTrue();
            }
            last = scores;
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(MaskKind.class)
    @DisplayName("outputs and log-sum-exps are bitwise the same however the queries are chunked (one chunk per head, many, a short last one)")
    void chunkingDoesNotChangeBits(MaskKind kind) {
        // 24 heads of 130 queries (3 blocks): one chunk per head on 1 thread (each chunk packs its own K, V),
        // several on 3 threads (K, V packed once per head and shared)
        int batch = 2, heads = 12, n = 130, m = 150, d = 20, dv = 12;
        int blocks = Shapes.ceilDiv(n, FusedAttention.BQ);
        assertThat(FusedAttention.chunkBlocks(blocks, batch * heads, 1)).isEqualTo(blocks);
        assertThat(FusedAttention.chunkBlocks(blocks, batch * heads, 3)).isLessThan(blocks);
        float[] q = Reference.uniform(91, batch * heads * n * d), k = Reference.uniform(92, batch * heads * m * d);
        float[] v = Reference.uniform(93, batch * heads * m * dv);
        boolean causal = kind == MaskKind.CAUSAL || kind == MaskKind.CAUSAL_AND_KEY_PADDING;
        boolean[][] pad = kind == MaskKind.KEY_PADDING || kind == MaskKind.CAUSAL_AND_KEY_PADDING
                ? new boolean[][] {Reference.padding(94, m, 0.3), Reference.padding(95, m, 0.7)} : null;
        AttentionMask mask = new AttentionMask(causal, pad);
        float[] out1 = new float[batch * heads * n * dv], out3 = out1.clone();
        float[] lse1 = new float[batch * heads * n], lse3 = lse1.clone();
        try (Parallelism p1 = Parallelism.serial(); Parallelism p3 = Parallelism.threads(3)) {
            new FusedAttention(Backend.best(), p1).attend(batch, heads, n, m, d, dv, q, k, v, mask, out1, lse1);
            new FusedAttention(Backend.best(), p3).attend(batch, heads, n, m, d, dv, q, k, v, mask, out3, lse3);
        }
        assertThat(out3).isEqualTo(out1);
        assertThat(lse3).isEqualTo(lse1);
        for (int bh = 0; bh < batch * heads; bh++) {
            double[] ref = Reference.attention(n, m, d, dv, q, bh * n * d, k, bh * m * d, v, bh * m * dv, causal,
                    pad == null ? null : pad[bh / heads]);
            float[] got = java.util.Arrays.copyOfRange(out3, bh * n * dv, (bh + 1) * n * dv);
            assertThat(Reference.worstRatio(got, ref, 2e-6 + 2e-5, 2e-5)).as("head %d", bh).isLessThanOrEqualTo(1.0);
        }
    }
}
