package exercises.ex05_fix_seed;

import static dojo.grading.assertions.TensorAssert.hidden;
import static exercises.ex02_attention.ReferenceAttention.random;
import static org.assertj.core.api.Assertions.assertThat;

import dojo.exercise.api.SeedSelfAttention;
import dojo.grading.assertions.Tolerance;
import dojo.grading.junit.ExerciseSuite;
import dojo.grading.junit.Hidden;
import dojo.grading.junit.Task;
import exercises.ex02_attention.ArgumentChecks;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Hidden properties of the fixed seed module on random and adversarial inputs: very large scores, scores far
 * below zero, argument checks that name the argument. Messages name the property and the position only.
 */
@ExerciseSuite("ex05_fix_seed")
@Hidden
@DisplayName("ex05 fix the seed: properties (hidden)")
class SeedFixPropertiesHiddenTest {
    private static final Tolerance FAR = Tolerance.of(2e-4, 2e-3);

    @Test
    @Task(3)
    @DisplayName("very large scores (hundreds to thousands) stay finite: the softmax subtracts the row maximum")
    void veryLargeScores(SeedSelfAttention seed) {
        Random r = new Random(520);
        for (int round = 0; round < 8; round++) {
            int heads = 1 + r.nextInt(3);
            int e = heads * (2 + r.nextInt(3));
            int l = 2 + r.nextInt(4);
            double size = round % 2 == 0 ? 60 : 200; // q.k / sqrt(d) of order 1e3 .. 1e4, both signs
            float[][] q = random(530 + round, l, e, size);
            float[][] k = random(540 + round, l, e, size);
            float[][] v = random(550 + round, l, e, 1);
            float[][] out = seed.attend(q, k, v, heads);
            assertThat(out).as("attend(...) returned null").isNotNull();
            float[][] ref = SeedFixHiddenTest.attendReference(q, k, v, heads, 1 / Math.sqrt(e / heads));
            hidden(out).named("attend output with scores of size 1e3..1e4 (case " + round + ", E = " + e + ", H = " + heads + ")")
                    .hasShape(l, e).isFinite().isCloseTo(ref, FAR);
        }
    }

    @Test
    @Task(3)
    @DisplayName("rows of scores all far below zero (around -1000) still give a proper softmax")
    void scoresFarBelowZero(SeedSelfAttention seed) {
        for (int round = 0; round < 6; round++) {
            int heads = 1 + round % 2;
            int e = 4 * heads;
            int l = 3 + round % 3;
            float[][] q = random(560 + round, l, e, 1);
            float[][] k = random(570 + round, l, e, 1);
            int d = e / heads;
            for (int h = 0; h < heads; h++) {
                for (int i = 0; i < l; i++) {
                    q[i][h * d] = 10f;
                    k[i][h * d] = (float) (-100 * Math.sqrt(d) - 5 * i); // scores around -1000 in every head
                }
            }
            float[][] v = random(580 + round, l, e, 1);
            float[][] out = seed.attend(q, k, v, heads);
            assertThat(out).as("attend(...) returned null").isNotNull();
            float[][] ref = SeedFixHiddenTest.attendReference(q, k, v, heads, 1 / Math.sqrt(d));
            hidden(out).named("attend output with every score below -700 (case " + round + ")").hasShape(l, e).isFinite()
                    .isCloseTo(ref, FAR);
        }
    }

    @Test
    @Task(2)
    @DisplayName("a null q, k or v is rejected with a message naming that argument")
    void nullArgumentsNamed(SeedSelfAttention seed) {
        float[][] x = random(590, 3, 4, 1);
        List<List<String>> all = List.of(List.of("q", "query", "queries"), List.of("k", "key", "keys"),
                List.of("v", "value", "values"));
        ArgumentChecks.rejectsNullNaming("attend(null, k, v, 2)", () -> seed.attend(null, x, x, 2), all.get(0), all);
        ArgumentChecks.rejectsNullNaming("attend(q, null, v, 2)", () -> seed.attend(x, null, x, 2), all.get(1), all);
        ArgumentChecks.rejectsNullNaming("attend(q, k, null, 2)", () -> seed.attend(x, x, null, 2), all.get(2), all);
    }
}
