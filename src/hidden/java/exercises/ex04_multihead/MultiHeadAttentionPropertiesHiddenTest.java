package exercises.ex04_multihead;

import static dojo.grading.assertions.TensorAssert.hidden;
import static exercises.ex02_attention.ReferenceAttention.random;
import static exercises.ex02_attention.ReferenceAttention.randomWeights;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dojo.exercise.api.Mask;
import dojo.exercise.api.MhaResult;
import dojo.exercise.api.MhaWeights;
import dojo.exercise.api.MultiHeadAttention;
import dojo.grading.assertions.Tolerance;
import dojo.grading.junit.ExerciseSuite;
import dojo.grading.junit.Hidden;
import dojo.grading.junit.Task;
import exercises.ex02_attention.ArgumentChecks;
import exercises.ex02_attention.ReferenceAttention;
import exercises.ex02_attention.ReferenceAttention.MhaOut;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Hidden properties of ex04 on random and adversarial inputs: key and value row counts, argument checks that
 * name the argument, large projected scores. Messages name the property and the position only.
 */
@ExerciseSuite("ex04_multihead")
@Hidden
@DisplayName("ex04 multi-head attention: properties (hidden)")
class MultiHeadAttentionPropertiesHiddenTest {
    private static final Tolerance FAR = Tolerance.of(2e-4, 2e-3);

    @Test
    @Task(3)
    @DisplayName("value with more or fewer rows than key is rejected (one value per key)")
    void valueRowsMustMatchKeyRows(MultiHeadAttention mha) {
        Random r = new Random(410);
        for (int round = 0; round < 6; round++) {
            int heads = 1 + r.nextInt(3);
            int e = heads * (1 + r.nextInt(3));
            MhaWeights w = randomWeights(420 + round, e, heads);
            int lq = 1 + r.nextInt(4);
            int lk = 1 + r.nextInt(5);
            float[][] q = random(430 + round, lq, e, 1);
            float[][] k = random(440 + round, lk, e, 1);
            for (int lv : new int[] {lk + 1, lk + 1 + r.nextInt(3), lk - 1}) {
                if (lv < 1) {
                    continue;
                }
                float[][] v = random(450 + round, lv, e, 1);
                assertThatThrownBy(() -> mha.forward(w, q, k, v, Mask.none()))
                        .as("forward with key [%d x %d] and value [%d x %d]: key and value need the same number of rows",
                                lk, e, lv, e)
                        .isInstanceOf(IllegalArgumentException.class);
            }
        }
    }

    @Test
    @Task(3)
    @DisplayName("a null weights, query, key, value or mask is rejected with a message naming that argument")
    void nullArgumentsNamed(MultiHeadAttention mha) {
        MhaWeights w = randomWeights(460, 4, 2);
        float[][] x = random(461, 3, 4, 1);
        Mask m = Mask.none();
        List<List<String>> all = List.of(List.of("w", "weights", "MhaWeights"), List.of("query", "q", "queries"),
                List.of("key", "k", "keys"), List.of("value", "v", "values"), List.of("mask"));
        ArgumentChecks.rejectsNullNaming("forward(null, query, key, value, mask)", () -> mha.forward(null, x, x, x, m), all.get(0), all);
        ArgumentChecks.rejectsNullNaming("forward(w, null, key, value, mask)", () -> mha.forward(w, null, x, x, m), all.get(1), all);
        ArgumentChecks.rejectsNullNaming("forward(w, query, null, value, mask)", () -> mha.forward(w, x, null, x, m), all.get(2), all);
        ArgumentChecks.rejectsNullNaming("forward(w, query, key, null, mask)", () -> mha.forward(w, x, x, null, m), all.get(3), all);
        ArgumentChecks.rejectsNullNaming("forward(w, query, key, value, null)", () -> mha.forward(w, x, x, x, null), all.get(4), all);
    }

    @Test
    @Task(1)
    @DisplayName("large inputs (projected scores in the hundreds, positive and negative) stay finite and match the reference")
    void largeScores(MultiHeadAttention mha) {
        Random r = new Random(470);
        for (int round = 0; round < 6; round++) {
            int heads = 1 + r.nextInt(3);
            int e = heads * (2 + r.nextInt(3));
            MhaWeights w = randomWeights(480 + round, e, heads);
            float[][] q = random(490 + round, 2 + r.nextInt(3), e, 40);
            float[][] k = random(500 + round, 2 + r.nextInt(4), e, 40);
            float[][] v = random(510 + round, k.length, e, 1);
            MhaResult res = mha.forward(w, q, k, v, round % 2 == 0 ? Mask.none() : Mask.causal());
            assertThat(res).as("forward(...) returned null").isNotNull();
            MhaOut ref = ReferenceAttention.mha(w, q, k, v, round % 2 == 0 ? Mask.none() : Mask.causal());
            String what = "case " + round + " (E = " + e + ", H = " + heads + ", inputs of size 40)";
            hidden(res.output()).named("output, " + what).hasShape(q.length, e).isFinite().isCloseTo(ref.output(), FAR);
            hidden(res.weights()).named("per-head weights, " + what).hasShape(heads, q.length, k.length).isFinite()
                    .isCloseTo(ref.weights(), FAR);
        }
    }

    @Test
    @Task(1)
    @DisplayName("query, key and value of the same length but different contents are each projected from their own input")
    void distinctInputsOfTheSameLength(MultiHeadAttention mha) {
        Random r = new Random(600);
        for (int round = 0; round < 4; round++) {
            int heads = 1 + r.nextInt(3);
            int e = heads * (2 + r.nextInt(2));
            int l = 2 + r.nextInt(4);
            MhaWeights w = randomWeights(610 + round, e, heads);
            float[][] q = random(620 + round, l, e, 1);
            float[][] k = random(630 + round, l, e, 1);
            float[][] v = random(640 + round, l, e, 1);
            MhaResult res = mha.forward(w, q, k, v, Mask.none());
            assertThat(res).as("forward(...) returned null").isNotNull();
            MhaOut ref = ReferenceAttention.mha(w, q, k, v, Mask.none());
            String what = "case " + round + " (Lq = Lk = " + l + ", query, key and value all different)";
            hidden(res.output()).named("output, " + what).withLikelyCauses(MultiHeadAttentionHiddenTest.outputCauses(w, q, k, v, Mask.none()))
                    .hasShape(l, e).isFinite().isCloseTo(ref.output(), Tolerance.of(3e-5, 3e-4));
        }
    }
}
