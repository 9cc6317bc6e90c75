package exercises.ex18_multitask;

import static exercises.ex06_softmax_xent_backward.TensorFixture.assertGradCheckPassed;
import static exercises.ex06_softmax_xent_backward.TensorFixture.check;
import static exercises.ex18_multitask.MultiTaskCases.GOLDEN;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dojo.exercise.api.MultiTaskBatch;
import dojo.exercise.api.MultiTaskConfig;
import dojo.exercise.api.MultiTaskExercise;
import dojo.exercise.api.MultiTaskLogits;
import dojo.exercise.api.MultiTaskModel;
import dojo.grading.junit.ExerciseSuite;
import dojo.grading.junit.Hidden;
import dojo.grading.junit.Task;
import dojo.tensor.Functional;
import dojo.tensor.GradCheck;
import dojo.tensor.Tensor;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/**
 * Hidden suite of ex18: the weight-0 golden case (loss and every gradient), the mirrored weight-0 property on
 * task A, heads reading the same pooled vector, loss scaling, padding and batch independence on random data,
 * a gradient check on a tiny config, and the errors. Messages name the property, never expected values.
 */
@ExerciseSuite("ex18_multitask")
@Hidden
@DisplayName("ex18 multi-task classifier (hidden)")
class MultiTaskHiddenTest {
    static final double ATOL = 1e-9;
    static final double RTOL = 1e-7;

    @Test
    @Task(4)
    @DisplayName("weights 1 and 0: the loss and every gradient match PyTorch (head_b gets zero gradients)")
    void goldenTaskAOnly(MultiTaskExercise exercise) {
        String c = "small_a_only";
        MultiTaskModel m = MultiTaskCases.model(exercise, c);
        Tensor loss = m.loss(MultiTaskCases.batch(c));
        check("loss with weights 1 and 0 vs PyTorch", loss.reshape(1)).isCloseTo(GOLDEN.get(c, "loss"), ATOL, RTOL);
        loss.backward();
        for (Map.Entry<String, Tensor> e : m.namedParameters().entrySet()) {
            Tensor g = e.getValue().grad();
            if (g == null && e.getKey().startsWith("head_b.")) continue;       // no gradient at all is also "no gradient"
            check(e.getKey() + ".grad with weights 1 and 0 vs PyTorch", g).isCloseTo(GOLDEN.get(c, "grad." + e.getKey()), ATOL, RTOL);
        }
    }

    @Test
    @Task(4)
    @DisplayName("weight 0 on task A: head_a gets no gradient and every shared parameter gets exactly task B's gradient")
    void zeroWeightOnTaskA(MultiTaskExercise exercise) {
        MultiTaskConfig both = MultiTaskCases.small(1, 1);
        MultiTaskBatch b = MultiTaskCases.randomBatch(21, 7, 11);
        MultiTaskModel onlyB = MultiTaskCases.build(exercise, both.withWeights(0, 2.5), 22);
        onlyB.loss(b).backward();
        MultiTaskModel reference = MultiTaskCases.build(exercise, both, 22);
        Functional.crossEntropy(MultiTaskCases.forward(reference, b).taskB(), b.labelsB()).mul(2.5).backward();
        for (Map.Entry<String, Tensor> e : onlyB.namedParameters().entrySet()) {
            Tensor g = e.getValue().grad();
            if (e.getKey().startsWith("head_a.")) {
                if (g != null) check(e.getKey() + ".grad with weightA = 0 (a task with weight 0 must not train its head)", g).isCloseTo(Tensor.zeros(g.shape()), 0, 0);
            } else {
                check(e.getKey() + ".grad with weightA = 0 vs the gradient of weightB * CE(task B) alone", g)
                        .isCloseTo(reference.namedParameters().get(e.getKey()).grad(), 1e-12, 1e-9);
            }
        }
    }

    @Test
    @Task(4)
    @DisplayName("the loss is weightA * CE_A + weightB * CE_B of the model's own logits for unequal weights")
    void lossIsTheWeightedSum(MultiTaskExercise exercise) {
        MultiTaskConfig cfg = MultiTaskCases.small(0.4, 3.0);
        MultiTaskBatch b = MultiTaskCases.randomBatch(23, 6, 12);
        MultiTaskModel m = MultiTaskCases.build(exercise, cfg, 24);
        MultiTaskLogits out = MultiTaskCases.forward(m, b);
        double ceA = Functional.crossEntropy(out.taskA(), b.labelsA()).item(), ceB = Functional.crossEntropy(out.taskB(), b.labelsB()).item();
        check("loss with two unequal weights vs weightA * CE(task A) + weightB * CE(task B) of your own logits", m.loss(b).reshape(1))
                .withCause(Tensor.of(new double[] {ceA + ceB}, 1), "the loss weights are ignored")
                .withCause(Tensor.of(new double[] {(0.4 * ceA + 3 * ceB) / 3.4}, 1), "the weighted sum is divided by weightA + weightB")
                .withCause(Tensor.of(new double[] {3 * ceA + 0.4 * ceB}, 1), "the weights are swapped between the tasks")
                .isCloseTo(Tensor.of(new double[] {0.4 * ceA + 3 * ceB}, 1), 1e-12, 1e-10);
    }

    @Test
    @Task(2)
    @DisplayName("both heads read the same encode() output: each task's logits are its head applied to the pooled vector")
    void headsReadTheSharedRepresentation(MultiTaskExercise exercise) {
        String c = "pytorch_trained";
        MultiTaskModel m = MultiTaskCases.model(exercise, c);
        MultiTaskBatch b = MultiTaskCases.batch(c);
        Tensor z = m.encode(b);
        MultiTaskLogits out = MultiTaskCases.forward(m, b);
        check("task A logits vs head_a (fc1 -> ReLU -> fc2) on encode()", out.taskA())
                .withCause(MultiTaskCases.head(c, "head_a", z, false), "head_a has no nonlinearity: fc2(fc1(z)) is one linear map")
                .isCloseTo(MultiTaskCases.head(c, "head_a", z, true), 1e-10, 1e-9);
        check("task B logits vs head_b (fc1 -> ReLU -> fc2) on encode()", out.taskB())
                .withCause(MultiTaskCases.head(c, "head_b", z, false), "head_b has no nonlinearity: fc2(fc1(z)) is one linear map")
                .withCause(MultiTaskCases.seedStacked(c, z), "task B goes through head_a.fc1: one stacked head for both tasks, as in the original")
                .isCloseTo(MultiTaskCases.head(c, "head_b", z, true), 1e-10, 1e-9);
    }

    @Test
    @Task(3)
    @DisplayName("padding invariance on every golden batch and on random ones: up to 3 extra padding columns change nothing")
    void paddingInvarianceEverywhere(MultiTaskExercise exercise) {
        for (String c : new String[] {"small", "pytorch_trained"}) {
            MultiTaskModel m = MultiTaskCases.model(exercise, c);
            MultiTaskBatch b = MultiTaskCases.batch(c);
            int room = MultiTaskCases.config(c).maxLen() - b.length();
            MultiTaskLogits plain = MultiTaskCases.forward(m, b);
            for (int extra = 1; extra <= room; extra++) {
                MultiTaskLogits padded = MultiTaskCases.forward(m, MultiTaskCases.morePadding(b, extra));
                check("task A logits, golden batch " + c + ", " + extra + " more padding columns", padded.taskA()).isCloseTo(plain.taskA(), 1e-10, 1e-9);
                check("task B logits, golden batch " + c + ", " + extra + " more padding columns", padded.taskB()).isCloseTo(plain.taskB(), 1e-10, 1e-9);
            }
        }
        MultiTaskModel m = MultiTaskCases.build(exercise, MultiTaskCases.small(1, 1), 25);
        MultiTaskBatch b = MultiTaskCases.randomBatch(26, 9, 11);
        check("encode() after 3 more padding columns", m.encode(MultiTaskCases.morePadding(b, 3))).isCloseTo(m.encode(b), 1e-10, 1e-9);
    }

    @Test
    @Task(3)
    @DisplayName("each row depends on its own sequence only: reversing the batch reverses both outputs")
    void batchIndependence(MultiTaskExercise exercise) {
        MultiTaskModel m = MultiTaskCases.build(exercise, MultiTaskCases.small(1, 1), 27);
        MultiTaskBatch b = MultiTaskCases.randomBatch(28, 6, 12);
        int n = b.batch(), l = b.length();
        int[] ids = b.ids(), rev = new int[ids.length];
        for (int i = 0; i < n; i++) System.arraycopy(ids, i * l, rev, (n - 1 - i) * l, l);
        MultiTaskLogits out = MultiTaskCases.forward(m, b);
        MultiTaskLogits outRev = MultiTaskCases.forward(m, new MultiTaskBatch(rev, n, l, null, null));
        for (int i = 0; i < n; i++) {
            check("task A row of sequence " + i + " when the batch is reversed", outRev.taskA().narrow(0, n - 1 - i, 1)).isCloseTo(out.taskA().narrow(0, i, 1), 1e-10, 1e-9);
            check("task B row of sequence " + i + " when the batch is reversed", outRev.taskB().narrow(0, n - 1 - i, 1)).isCloseTo(out.taskB().narrow(0, i, 1), 1e-10, 1e-9);
        }
    }

    @Test
    @Task(4)
    @DisplayName("gradient check of the weighted loss on a tiny config (embedding, attention output projection, both heads; central differences, float64)")
    void gradCheck(MultiTaskExercise exercise) {
        MultiTaskConfig tiny = new MultiTaskConfig(6, 4, 2, 6, 1, 5, 3, 2, 3, 0.6, 1.7);
        MultiTaskModel m = MultiTaskCases.build(exercise, tiny, 29);
        MultiTaskBatch b = MultiTaskBatch.of(new int[][] {{1, 4, 2, 4, 5}, {3, 5, 3}}, 5, new int[] {0, 1}, new int[] {2, 1});
        // golden gradients cover every parameter; central differences here cover the two ends and both heads
        Map<String, Tensor> params = new LinkedHashMap<>();
        for (String k : List.of("embedding.weight", "encoder.layers.0.self_attn.out_proj.weight", "head_a.fc1.weight", "head_b.fc2.weight", "head_b.fc2.bias")) {
            Tensor p = m.namedParameters().get(k);
            if (p == null) throw new AssertionFailedError("no parameter named " + k + ": register the modules under PyTorch's names");
            params.put(k, p);
        }
        assertGradCheckPassed("the weighted multi-task loss", GradCheck.check(() -> m.loss(b), params));
    }

    @Test
    @Task(1)
    @DisplayName("forward does not depend on the labels: a labelled and an unlabelled batch give the same logits")
    void labelsDoNotChangeTheForward(MultiTaskExercise exercise) {
        MultiTaskModel m = MultiTaskCases.build(exercise, MultiTaskCases.small(1, 1), 30);
        MultiTaskBatch b = MultiTaskCases.randomBatch(31, 4, 12);
        MultiTaskLogits a = MultiTaskCases.forward(m, b);
        MultiTaskLogits u = MultiTaskCases.forward(m, new MultiTaskBatch(b.ids(), b.batch(), b.length(), null, null));
        check("task A logits without labels", u.taskA()).isCloseTo(a.taskA(), 0, 0);
        check("task B logits without labels", u.taskB()).isCloseTo(a.taskB(), 0, 0);
    }

    @Test
    @Task(1)
    @DisplayName("a batch longer than maxLen, a token id outside the vocabulary and loss without labels or with a bad label throw IllegalArgumentException")
    void errors(MultiTaskExercise exercise) {
        MultiTaskConfig cfg = new MultiTaskConfig(9, 8, 2, 16, 1, 6, 4, 2, 3, 1, 1);
        MultiTaskModel m = MultiTaskCases.build(exercise, cfg, 32);
        int[][] tooLong = {{1, 2, 3, 4, 5, 6, 7}};
        assertThatThrownBy(() -> m.forward(MultiTaskBatch.unlabelled(tooLong, 7)))
                .as("a batch of length 7 with maxLen 6").isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> m.forward(MultiTaskBatch.unlabelled(new int[][] {{1, 9, 2}}, 3)))
                .as("token id 9 with vocab 9").isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> m.loss(MultiTaskBatch.unlabelled(new int[][] {{1, 2, 3}}, 3)))
                .as("loss of a batch without labels").isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> m.loss(MultiTaskBatch.of(new int[][] {{1, 2, 3}}, new int[] {0}, new int[] {3})))
                .as("loss with label 3 for task B's 3 classes").isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> m.loss(MultiTaskBatch.of(new int[][] {{1, 2, 3}}, new int[] {2}, new int[] {0})))
                .as("loss with label 2 for task A's 2 classes").isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @Task(1)
    @DisplayName("build gives a fresh model each time, initialised from the generator: the same seed gives the same weights")
    void buildIsSeeded(MultiTaskExercise exercise) {
        MultiTaskConfig cfg = MultiTaskCases.small(1, 1);
        Map<String, Tensor> a = MultiTaskCases.build(exercise, cfg, 33).stateDict(), b = MultiTaskCases.build(exercise, cfg, 33).stateDict();
        for (String k : a.keySet()) {
            if (!Arrays.equals(a.get(k).toArray(), b.get(k).toArray())) {
                throw new AssertionFailedError(k + " differs between two models built with the same seed: initialise only from the generator");
            }
        }
    }
}
