package exercises.ex03_masking;

import static dojo.grading.assertions.TensorAssert.hidden;
import static exercises.ex02_attention.ReferenceAttention.attention;
import static exercises.ex02_attention.ReferenceAttention.random;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dojo.exercise.api.AttentionResult;
import dojo.exercise.api.Mask;
import dojo.exercise.api.MaskedAttention;
import dojo.grading.assertions.Tolerance;
import dojo.grading.junit.ExerciseSuite;
import dojo.grading.junit.Hidden;
import dojo.grading.junit.Task;
import exercises.ex02_attention.ArgumentChecks;
import exercises.ex02_attention.ReferenceAttention.Variant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Hidden properties of ex03 on random and adversarial inputs: a masked key counts for nothing whatever its score,
 * rows far below zero, masks that do not fit the scores (longer as well as shorter), argument checks that name
 * the argument. Messages name the property and the position only.
 */
@ExerciseSuite("ex03_masking")
@Hidden
@DisplayName("ex03 masking: properties (hidden)")
class MaskedAttentionPropertiesHiddenTest {
    /** Scores of size 1000 carry float rounding of about 1e-4 into the weights. */
    private static final Tolerance FAR = Tolerance.of(1e-4, 1e-3);

    /** q, k with column 0 = the offset: score(i, j) = offset(j) + a few units; v random. */
    static float[][][] withOffsets(long seed, int lq, int lk, int d, double[] offset) {
        float[][] q = random(seed + 1, lq, d, 1.0);
        float[][] k = random(seed + 2, lk, d, 1.0);
        double root = Math.sqrt(d);
        for (int i = 0; i < lq; i++) {
            q[i][0] = 10f;
        }
        for (int j = 0; j < lk; j++) {
            k[j][0] = (float) (offset[j] * root / 10);
        }
        return new float[][][] {q, k, random(seed + 3, lk, 3, 1.0)};
    }

    private static void check(MaskedAttention attention, float[][][] in, Mask mask, String what) {
        AttentionResult r = attention.attend(in[0], in[1], in[2], mask);
        assertThat(r).as("attend(...) returned null for " + what).isNotNull();
        float[][][] ref = attention(in[0], in[1], in[2], mask, Variant.CORRECT);
        int lq = in[0].length;
        int lk = in[1].length;
        hidden(r.weights()).named("weights, " + what).hasShape(lq, lk).isFinite().exceptZeroRows().rowsSumTo(1f, 1e-5f)
                .isCloseTo(ref[1], FAR);
        hidden(r.output()).named("output, " + what).hasShape(lq, 3).isFinite().isCloseTo(ref[0], FAR);
    }

    @Test
    @Task(2)
    @DisplayName("a padded key whose score is far above the allowed keys still gets weight 0 and changes nothing")
    void paddedKeyFarAbove(MaskedAttention attention) {
        Random r = new Random(31);
        for (int round = 0; round < 12; round++) {
            int lq = 1 + r.nextInt(4);
            int lk = 3 + r.nextInt(5);
            double[] offset = new double[lk];
            boolean[] pad = new boolean[lk];
            int padded = 0;
            for (int j = 0; j < lk; j++) {
                pad[j] = j > 0 && r.nextDouble() < 0.4; // key 0 always allowed
                offset[j] = pad[j] ? 900 + 400 * r.nextInt(3) : 0; // padded: 900..1700 above the others
                padded += pad[j] ? 1 : 0;
            }
            if (padded == 0) {
                pad[lk - 1] = true;
                offset[lk - 1] = 1000;
            }
            Mask mask = round % 3 == 0 ? Mask.none().withKeyPadding(pad)
                    : round % 3 == 1 ? Mask.none().withBlocked(blockedFrom(pad, lq)) : Mask.none().withAdditive(additiveFrom(pad, lq));
            check(attention, withOffsets(round, lq, lk, 2 + r.nextInt(5), offset), mask,
                    "case " + round + " (a masked key scores about 1000 above the allowed ones)");
        }
    }

    @Test
    @Task(2)
    @DisplayName("rows of allowed scores all far below zero (around -1000) still give a softmax that sums to 1")
    void scoresFarBelowZero(MaskedAttention attention) {
        Random r = new Random(77);
        for (int round = 0; round < 10; round++) {
            int lq = 2 + r.nextInt(3);
            int lk = 2 + r.nextInt(5);
            double[] offset = new double[lk];
            for (int j = 0; j < lk; j++) {
                offset[j] = -(800 + 400 * r.nextInt(4));
            }
            Mask mask = round % 2 == 0 ? Mask.causal() : Mask.none();
            check(attention, withOffsets(100 + round, lq, lk, 2 + r.nextInt(5), offset), mask,
                    "case " + round + " (every score below -700" + (round % 2 == 0 ? ", causal" : "") + ")");
        }
    }

    @Test
    @Task(4)
    @DisplayName("masks that do not fit the scores, longer as well as shorter, are rejected")
    void misfitMasksRejected(MaskedAttention attention) {
        Random r = new Random(5);
        for (int round = 0; round < 6; round++) {
            int lq = 1 + r.nextInt(4);
            int lk = 1 + r.nextInt(5);
            float[][] q = random(round, lq, 4, 1);
            float[][] k = random(round + 10, lk, 4, 1);
            float[][] v = random(round + 20, lk, 2, 1);
            int extra = 1 + r.nextInt(3);
            List<Mask> misfits = List.of(
                    Mask.none().withKeyPadding(new boolean[lk + extra]),
                    Mask.none().withBlocked(new boolean[lq][lk + extra]),
                    Mask.none().withBlocked(new boolean[lq + extra][lk]),
                    Mask.none().withAdditive(new float[lq][lk + extra]),
                    Mask.none().withAdditive(new float[lq + extra][lk]));
            for (Mask m : misfits) {
                assertThatThrownBy(() -> attention.attend(q, k, v, m))
                        .as("attend(q [%d x 4], k [%d x 4], v, %s): a mask that does not fit Lq x Lk = %d x %d must be rejected",
                                lq, lk, m, lq, lk)
                        .isInstanceOf(IllegalArgumentException.class);
            }
        }
    }

    @Test
    @Task(4)
    @DisplayName("a null q, k, v or mask is rejected with a message naming that argument")
    void nullArgumentsNamed(MaskedAttention attention) {
        float[][] q = random(7, 2, 3, 1);
        float[][] k = random(8, 4, 3, 1);
        float[][] v = random(9, 4, 2, 1);
        Mask m = Mask.causal();
        List<List<String>> all = List.of(List.of("q", "query", "queries"), List.of("k", "key", "keys"),
                List.of("v", "value", "values"), List.of("mask"));
        ArgumentChecks.rejectsNullNaming("attend(null, k, v, mask)", () -> attention.attend(null, k, v, m), all.get(0), all);
        ArgumentChecks.rejectsNullNaming("attend(q, null, v, mask)", () -> attention.attend(q, null, v, m), all.get(1), all);
        ArgumentChecks.rejectsNullNaming("attend(q, k, null, mask)", () -> attention.attend(q, k, null, m), all.get(2), all);
        ArgumentChecks.rejectsNullNaming("attend(q, k, v, null)", () -> attention.attend(q, k, v, null), all.get(3), all);
    }

    private static boolean[][] blockedFrom(boolean[] pad, int lq) {
        boolean[][] b = new boolean[lq][pad.length];
        for (boolean[] row : b) {
            System.arraycopy(pad, 0, row, 0, pad.length);
        }
        return b;
    }

    private static float[][] additiveFrom(boolean[] pad, int lq) {
        float[][] a = new float[lq][pad.length];
        for (float[] row : a) {
            for (int j = 0; j < pad.length; j++) {
                row[j] = pad[j] ? Float.NEGATIVE_INFINITY : 0f;
            }
        }
        return a;
    }
}
