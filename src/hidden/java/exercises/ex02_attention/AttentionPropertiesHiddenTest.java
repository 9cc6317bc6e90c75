package exercises.ex02_attention;

import static dojo.grading.assertions.TensorAssert.hidden;
import static exercises.ex02_attention.ReferenceAttention.attention;
import static exercises.ex02_attention.ReferenceAttention.random;
import static org.assertj.core.api.Assertions.assertThat;

import dojo.exercise.api.Attention;
import dojo.exercise.api.AttentionResult;
import dojo.grading.assertions.Tolerance;
import dojo.grading.junit.ExerciseSuite;
import dojo.grading.junit.Hidden;
import dojo.grading.junit.Task;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Hidden properties of ex02 on random and adversarial inputs: scores far below zero, argument checks that say
 * which argument is wrong, inputs left unchanged. Messages name the property and the position only.
 */
@ExerciseSuite("ex02_attention")
@Hidden
@DisplayName("ex02 scaled dot-product attention: properties (hidden)")
class AttentionPropertiesHiddenTest {
    private static final Tolerance TOL = Tolerance.of(2e-5, 2e-4);
    /** Scores of size 1000 carry float rounding of about 1e-4 into the weights. */
    private static final Tolerance FAR = Tolerance.of(1e-4, 1e-3);

    /**
     * Random q [lq][d], k [lk][d] whose scores q.k/sqrt(d) are all around {@code center} (within a few units):
     * column 0 carries the offset, the other columns the variation.
     */
    static float[][][] scoresAround(long seed, int lq, int lk, int d, double center) {
        Random r = new Random(seed);
        float[][] q = random(seed + 1, lq, d, 1.0);
        float[][] k = random(seed + 2, lk, d, 1.0);
        double root = Math.sqrt(d);
        for (int i = 0; i < lq; i++) {
            q[i][0] = 10f;
        }
        for (int j = 0; j < lk; j++) {
            k[j][0] = (float) (center * root / 10 + r.nextGaussian() * 0.2 * root);
        }
        return new float[][][] {q, k, random(seed + 3, lk, Math.max(1, d - 1), 1.0)};
    }

    @Test
    @Task(2)
    @DisplayName("rows of scores all far below zero (around -1000) still give a softmax that sums to 1")
    void scoresFarBelowZero(Attention attention) {
        Random sizes = new Random(1000);
        for (int round = 0; round < 12; round++) {
            int lq = 1 + sizes.nextInt(4);
            int lk = 2 + sizes.nextInt(6);
            int d = 2 + sizes.nextInt(7);
            double center = -(800 + sizes.nextInt(4) * 400); // -800 .. -2000: exp of any score underflows to 0
            float[][][] in = scoresAround(round, lq, lk, d, center);
            AttentionResult r = attention.attend(in[0], in[1], in[2]);
            assertThat(r).as("attend(...) returned null").isNotNull();
            float[][][] ref = attention(in[0], in[1], in[2]);
            String what = "case " + round + " (" + lq + " queries, " + lk + " keys, every score below -700)";
            hidden(r.weights()).named("weights, " + what).hasShape(lq, lk).isFinite().rowsSumTo(1f, 1e-5f)
                    .isCloseTo(ref[1], FAR);
            hidden(r.output()).named("output, " + what).hasShape(lq, in[2][0].length).isFinite().isCloseTo(ref[0], FAR);
        }
    }

    @Test
    @Task(2)
    @DisplayName("adding the same constant to every score of a row changes nothing (softmax is shift-invariant)")
    void shiftInvariance(Attention attention) {
        for (int round = 0; round < 8; round++) {
            double shift = (round % 2 == 0 ? -1 : 1) * 300.0 * (1 + round);
            float[][][] base = scoresAround(50 + round, 3, 5, 4, 0);
            float[][][] shifted = scoresAround(50 + round, 3, 5, 4, shift);
            AttentionResult a = attention.attend(base[0], base[1], base[2]);
            AttentionResult b = attention.attend(shifted[0], shifted[1], shifted[2]);
            float[][][] ref = attention(shifted[0], shifted[1], shifted[2]);
            hidden(b.weights()).named("weights with every score shifted (case " + round + ")").hasShape(3, 5).isFinite()
                    .isCloseTo(ref[1], FAR);
            hidden(a.weights()).named("weights without the shift (case " + round + ")").hasShape(3, 5).isFinite()
                    .isCloseTo(attention(base[0], base[1], base[2])[1], TOL);
        }
    }

    @Test
    @Task(3)
    @DisplayName("a null q, k or v is rejected with a message naming that argument")
    void nullArgumentsNamed(Attention attention) {
        float[][] q = random(7, 2, 3, 1);
        float[][] k = random(8, 4, 3, 1);
        float[][] v = random(9, 4, 2, 1);
        List<List<String>> all = List.of(List.of("q", "query", "queries"), List.of("k", "key", "keys"),
                List.of("v", "value", "values"));
        ArgumentChecks.rejectsNullNaming("attend(null, k, v)", () -> attention.attend(null, k, v), all.get(0), all);
        ArgumentChecks.rejectsNullNaming("attend(q, null, v)", () -> attention.attend(q, null, v), all.get(1), all);
        ArgumentChecks.rejectsNullNaming("attend(q, k, null)", () -> attention.attend(q, k, null), all.get(2), all);
    }

    @Test
    @Task(1)
    @DisplayName("q, k and v are left unchanged on random inputs")
    void inputsUnchanged(Attention attention) {
        // the grader checks every call's array arguments; this test makes sure a call with random sizes happens
        for (int round = 0; round < 5; round++) {
            float[][] q = random(100 + round, 1 + round, 2 + round, 2);
            float[][] k = random(200 + round, 2 + round, 2 + round, 2);
            float[][] v = random(300 + round, 2 + round, 3, 2);
            float[][] q0 = ReferenceAttention.copy(q);
            attention.attend(q, k, v);
            assertThat(java.util.Arrays.deepEquals(q, q0)).as("q after attend (case %d) must be unchanged", round).isTrue();
        }
    }
}
