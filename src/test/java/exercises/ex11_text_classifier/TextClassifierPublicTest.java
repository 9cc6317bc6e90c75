package exercises.ex11_text_classifier;

import static exercises.ex06_softmax_xent_backward.TensorFixture.check;
import static exercises.ex11_text_classifier.TextClassifierCases.GOLDEN;
import static org.assertj.core.api.Assertions.assertThat;

import dojo.exercise.api.TextClassifierExercise;
import dojo.exercise.api.TextClassifierModel;
import dojo.exercise.api.TokenBatch;
import dojo.grading.junit.ExerciseSuite;
import dojo.grading.junit.Task;
import dojo.tensor.Autograd;
import dojo.tensor.Functional;
import dojo.tensor.Tensor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/**
 * Public suite of ex11 (shipped to learners): the corrected C2 against PyTorch (float64 logits and every
 * parameter's gradient), the state_dict names, and the two behaviours the original code lacked: one output
 * per sequence, and padding that changes nothing.
 */
@ExerciseSuite("ex11_text_classifier")
@DisplayName("ex11 text classifier (public)")
class TextClassifierPublicTest {
    static final double ATOL = 1e-9;
    static final double RTOL = 1e-7;

    @Test
    @Task(1)
    @DisplayName("the state_dict has PyTorch's names and shapes, so a PyTorch checkpoint loads strictly")
    void stateDictMatchesPyTorch(TextClassifierExercise exercise) {
        TextClassifierModel m = TextClassifierCases.build(exercise, TextClassifierCases.SMALL, 1);
        Map<String, Tensor> torch = TextClassifierCases.weights("small");
        assertThat(m.stateDict().keySet()).as("your state_dict names (PyTorch's are %s)", torch.keySet())
                .containsExactlyInAnyOrderElementsOf(torch.keySet());
        TextClassifierCases.load(m, torch);
    }

    @Test
    @Task(1)
    @DisplayName("one row of logits per sequence: [B, classes], never one per token")
    void oneOutputPerSequence(TextClassifierExercise exercise) {
        TextClassifierModel m = TextClassifierCases.build(exercise, TextClassifierCases.SMALL, 2);
        Tensor out = m.forward(TextClassifierCases.batch("small"));
        if (out.dim() == 3) {
            throw new AssertionFailedError("the output is " + java.util.Arrays.toString(out.shape())
                    + ": one row per TOKEN, as in the original document; pool over the sequence (mean over the real tokens) before the head");
        }
        assertThat(out.shape()).as("logits shape for 4 sequences and 3 classes").containsExactly(4, 3);
    }

    @Test
    @Task(2)
    @DisplayName("with PyTorch's weights, the logits equal nn.Module's (float64, padded batch)")
    void logitsMatchPyTorch(TextClassifierExercise exercise) {
        TextClassifierModel m = TextClassifierCases.build(exercise, TextClassifierCases.SMALL, 3);
        TextClassifierCases.load(m, TextClassifierCases.weights("small"));
        check("logits vs PyTorch", m.forward(TextClassifierCases.batch("small"))).showingValues()
                .isCloseTo(GOLDEN.get("small", "logits"), ATOL, RTOL);
    }

    @Test
    @Task(2)
    @DisplayName("the cross-entropy gradient of every parameter equals PyTorch's")
    void gradientsMatchPyTorch(TextClassifierExercise exercise) {
        TextClassifierModel m = TextClassifierCases.build(exercise, TextClassifierCases.SMALL, 4);
        TextClassifierCases.load(m, TextClassifierCases.weights("small"));
        Tensor loss = Functional.crossEntropy(m.forward(TextClassifierCases.batch("small")), TextClassifierCases.labels("small"));
        check("loss vs PyTorch", loss.reshape(1)).showingValues().isCloseTo(GOLDEN.get("small", "loss"), ATOL, RTOL);
        loss.backward();
        for (Map.Entry<String, Tensor> p : m.namedParameters().entrySet()) {
            check(p.getKey() + ".grad vs PyTorch", p.getValue().grad()).showingValues()
                    .isCloseTo(GOLDEN.get("small", "grad." + p.getKey()), ATOL, RTOL);
        }
    }

    @Test
    @Task(3)
    @DisplayName("padding changes nothing: the same sentences padded to 7 instead of 5 give the same logits")
    void paddingChangesNothing(TextClassifierExercise exercise) {
        TextClassifierModel m = TextClassifierCases.build(exercise, TextClassifierCases.SMALL, 5);
        int[][] rows = {{3, 1, 4, 1, 5}, {6, 5}, {9, 2, 6}};
        try (var off = Autograd.noGrad()) {
            Tensor tight = m.forward(TextClassifierCases.rows(5, rows));
            Tensor padded = m.forward(TextClassifierCases.rows(7, rows));
            check("logits padded to 7 vs padded to 5 (do padded keys get masked, and does the mean skip them?)", padded)
                    .isCloseTo(tight, 1e-12, 0);
        }
    }

    @Test
    @Task(3)
    @DisplayName("a sequence's logits do not depend on the other sequences of its batch")
    void batchIndependence(TextClassifierExercise exercise) {
        TextClassifierModel m = TextClassifierCases.build(exercise, TextClassifierCases.SMALL, 6);
        try (var off = Autograd.noGrad()) {
            Tensor both = m.forward(TokenBatch.of(List.of(new int[] {2, 7, 1}, new int[] {8, 8, 3, 3, 5, 6}), new int[2]));
            Tensor alone = m.forward(TokenBatch.of(List.of(new int[] {2, 7, 1}), new int[1], 6));
            check("row 0 alone vs in a batch", alone.select(0, 0)).isCloseTo(both.select(0, 0), 1e-12, 0);
        }
    }
}
