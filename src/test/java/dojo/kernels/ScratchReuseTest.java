package dojo.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The attention kernels keep each worker's buffers between calls: a call after calls of other shapes (larger,
 * smaller, another dv, causal or not) must give the bits a fresh instance gives.
 */
class ScratchReuseTest {

    /** batch, heads, n, m, d, dv, causal: shapes that grow, shrink and change d and dv, so buffers are reused and remade. */
    static final int[][] SHAPES = {{1, 2, 130, 150, 20, 12, 0}, {2, 3, 400, 380, 32, 64, 1}, {1, 2, 130, 150, 20, 12, 1},
                                   {1, 1, 17, 33, 8, 40, 0}, {2, 3, 400, 380, 32, 64, 0}, {1, 2, 130, 150, 20, 12, 0}};

    @Test
    @DisplayName("forward and backward: one instance across calls of changing shapes gives a fresh instance's bits")
    void reusedBuffersGiveFreshBits() {
        try (Parallelism p = Parallelism.threads(2)) {
            FusedAttention fwd = new FusedAttention(Backend.best(), p);
            FusedAttentionBackward bwd = new FusedAttentionBackward(Backend.best(), p);
            for (int[] s : SHAPES) {
                int batch = s[0], heads = s[1], n = s[2], m = s[3], d = s[4], dv = s[5];
                AttentionMask mask = s[6] == 1 ? AttentionMask.causalMask() : AttentionMask.none();
                int bh = batch * heads;
                float[] q = Reference.uniform(n + d, bh * n * d), k = Reference.uniform(m + d, bh * m * d);
                float[] v = Reference.uniform(m + dv, bh * m * dv), dOut = Reference.uniform(n + dv, bh * n * dv);
                float[] out = new float[bh * n * dv], lse = new float[bh * n], freshOut = out.clone(), freshLse = lse.clone();
                fwd.attend(batch, heads, n, m, d, dv, q, k, v, mask, out, lse);
                new FusedAttention(Backend.best(), p).attend(batch, heads, n, m, d, dv, q, k, v, mask, freshOut, freshLse);
                assertThat(out).as("forward %s", java.util.Arrays.toString(s)).isEqualTo(freshOut);
                assertThat(lse).isEqualTo(freshLse);

                float[] dq = new float[q.length], dk = new float[k.length], dvOut = new float[v.length];
                float[] fdq = dq.clone(), fdk = dk.clone(), fdv = dvOut.clone();
                bwd.backward(batch, heads, n, m, d, dv, q, k, v, out, lse, dOut, mask, dq, dk, dvOut);
                new FusedAttentionBackward(Backend.best(), p).backward(batch, heads, n, m, d, dv, q, k, v, out, lse, dOut, mask, fdq, fdk, fdv);
                assertThat(dq).as("dq %s", java.util.Arrays.toString(s)).isEqualTo(fdq);
                assertThat(dk).as("dk %s", java.util.Arrays.toString(s)).isEqualTo(fdk);
                assertThat(dvOut).as("dv %s", java.util.Arrays.toString(s)).isEqualTo(fdv);
            }
        }
    }
}
