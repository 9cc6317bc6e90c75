package exercises.ex11_text_classifier;

import static exercises.ex06_softmax_xent_backward.TensorFixture.assertGradCheckPassed;
import static exercises.ex06_softmax_xent_backward.TensorFixture.check;
import static exercises.ex11_text_classifier.TextClassifierCases.GOLDEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dojo.exercise.api.TextClassifierConfig;
import dojo.exercise.api.TextClassifierExercise;
import dojo.exercise.api.TextClassifierModel;
import dojo.exercise.api.TokenBatch;
import dojo.grading.junit.ExerciseSuite;
import dojo.grading.junit.Hidden;
import dojo.grading.junit.Task;
import dojo.models.TextClassification;
import dojo.models.TrainConfig;
import dojo.models.TrainListener;
import dojo.models.TrainResult;
import dojo.models.Trainer;
import dojo.models.data.LastTokenRepeats;
import dojo.models.data.Split;
import dojo.models.data.TextExample;
import dojo.tensor.Autograd;
import dojo.tensor.Functional;
import dojo.tensor.GradCheck;
import dojo.tensor.Tensor;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/**
 * Hidden suite of ex11: checkpoints trained in PyTorch and in Java give the same logits on both sides, positions
 * matter, an all-padding row is defined, too-long batches are refused, gradients pass a numerical check, and
 * the model can overfit 20 examples. Messages name the property, never the expected numbers.
 */
@ExerciseSuite("ex11_text_classifier")
@Hidden
@DisplayName("ex11 text classifier (hidden)")
class TextClassifierHiddenTest {
    static final double ATOL = 1e-9;
    static final double RTOL = 1e-7;

    @Test
    @Task(2)
    @DisplayName("a checkpoint trained in PyTorch gives PyTorch's logits")
    void torchTrainedCheckpoint(TextClassifierExercise exercise) {
        TextClassifierModel m = TextClassifierCases.build(exercise, TextClassifierCases.SMALL, 11);
        TextClassifierCases.load(m, TextClassifierCases.weights("torch_trained"));
        check("logits of the PyTorch-trained checkpoint", m.forward(TextClassifierCases.batch("small")))
                .isCloseTo(GOLDEN.get("torch_trained", "logits"), ATOL, RTOL);
    }

    @Test
    @Task(2)
    @DisplayName("a checkpoint trained by ./dojo train gives the logits PyTorch computes from it")
    void javaTrainedCheckpoint(TextClassifierExercise exercise) {
        TextClassifierModel m = TextClassifierCases.build(exercise, TextClassifierCases.REFERENCE, 12);
        TextClassifierCases.load(m, TextClassifierCases.javaTrainedCheckpoint());
        check("logits of the Java-trained checkpoint vs PyTorch", m.forward(TextClassifierCases.batch("java_trained")))
                .isCloseTo(GOLDEN.get("java_trained", "logits"), ATOL, RTOL);
    }

    @Test
    @Task(2)
    @DisplayName("order matters: reversing a sequence changes its logits (positions are added)")
    void positionsMatter(TextClassifierExercise exercise) {
        TextClassifierModel m = TextClassifierCases.build(exercise, TextClassifierCases.SMALL, 13);
        TextClassifierCases.load(m, TextClassifierCases.weights("small"));
        try (var off = Autograd.noGrad()) {
            Tensor a = m.forward(TextClassifierCases.rows(5, new int[] {1, 2, 3, 4, 5}));
            Tensor b = m.forward(TextClassifierCases.rows(5, new int[] {5, 4, 3, 2, 1}));
            if (a.maxAbsDiff(b) < 1e-9) {
                throw new AssertionFailedError("\"1 2 3 4 5\" and \"5 4 3 2 1\" get the same logits: without positions, "
                        + "self-attention plus a mean cannot see order. Add the learned position embeddings to the token embeddings");
            }
        }
    }

    @Test
    @Task(3)
    @DisplayName("a row with no real token gets a finite output: its pooled vector is 0, so the logits are the head's bias")
    void allPaddingRow(TextClassifierExercise exercise) {
        TextClassifierModel m = TextClassifierCases.build(exercise, TextClassifierCases.SMALL, 14);
        Map<String, Tensor> w = TextClassifierCases.weights("small");
        TextClassifierCases.load(m, w);
        TokenBatch b = new TokenBatch(new int[] {4, 2, 0, 0, 0, 0}, 2, 3, new int[2]);
        try (var off = Autograd.noGrad()) {
            Tensor out = m.forward(b);
            check("logits of the all-padding row (pooled vector 0: the head's bias)", out.select(0, 1)).isCloseTo(w.get("head.bias"), 1e-12, 0);
        }
    }

    @Test
    @Task(3)
    @DisplayName("a batch longer than maxLen is refused with a message naming both lengths")
    void tooLong(TextClassifierExercise exercise) {
        TextClassifierModel m = TextClassifierCases.build(exercise, TextClassifierCases.SMALL, 15);
        assertThatThrownBy(() -> m.forward(TextClassifierCases.rows(8, new int[] {1, 2, 3})))
                .as("a batch of length 8 for maxLen 7").isInstanceOf(IllegalArgumentException.class)
                .hasMessageContainingAll("8", "7");
    }

    @Test
    @Task(2)
    @DisplayName("a numerical gradient check of a tiny model passes for every parameter")
    void gradCheck(TextClassifierExercise exercise) {
        TextClassifierModel m = TextClassifierCases.build(exercise, new TextClassifierConfig(5, 4, 2, 4, 1, 4, 2), 16);
        TokenBatch b = TextClassifierCases.rows(4, new int[] {1, 2, 3}, new int[] {4, 4, 1, 2});
        int[] labels = {1, 0};
        assertGradCheckPassed("the model's parameters", GradCheck.check(() -> Functional.crossEntropy(m.forward(b), labels), m.namedParameters()));
    }

    @Test
    @Task(4)
    @DisplayName("it overfits 20 examples of the task to 100% within 200 steps")
    void overfitsTwenty(TextClassifierExercise exercise) {
        List<TextExample> twenty = LastTokenRepeats.generate(11, 20, 0, 0).train();
        TextClassifierModel m = TextClassifierCases.build(exercise, new TextClassifierConfig(LastTokenRepeats.VOCAB, 16, 2, 32, 1,
                LastTokenRepeats.MAX_LEN, 2), 4);
        TrainConfig cfg = new TrainConfig(200, 20, 1e-2, 0.0, 0, 10, 1.0, 5);
        TrainResult r = new Trainer(Clock.fixed(Instant.EPOCH, ZoneOffset.UTC))
                .fit(m, new TextClassification(m), new Split<>("twenty", twenty, twenty, twenty), cfg, TrainListener.NONE);
        assertThat(r.test()).as("training accuracy on 20 examples after %d steps (must reach 1.0)", r.steps()).isEqualTo(1.0);
    }
}
