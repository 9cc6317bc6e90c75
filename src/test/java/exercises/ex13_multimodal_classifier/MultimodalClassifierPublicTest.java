package exercises.ex13_multimodal_classifier;

import static exercises.ex06_softmax_xent_backward.TensorFixture.check;
import static exercises.ex13_multimodal_classifier.MultimodalCases.GOLDEN;
import static exercises.ex13_multimodal_classifier.MultimodalCases.SMALL;
import static org.assertj.core.api.Assertions.assertThat;

import dojo.exercise.api.CaptionImageBatch;
import dojo.exercise.api.MultimodalClassifierExercise;
import dojo.exercise.api.MultimodalClassifierModel;
import dojo.grading.junit.ExerciseSuite;
import dojo.grading.junit.Task;
import dojo.optim.Adam;
import dojo.tensor.Functional;
import dojo.tensor.Generator;
import dojo.tensor.Tensor;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Public suite of ex13 (shipped to learners): the PyTorch module's state dict, logits and gradients
 * (float64, scripts/golden/ex13_multimodal_classifier.py), one output per example, padding invariance, and
 * fitting 20 examples.
 */
@ExerciseSuite("ex13_multimodal_classifier")
@DisplayName("ex13 single-stream multimodal classifier (public)")
class MultimodalClassifierPublicTest {
    static final double ATOL = 1e-9;
    static final double RTOL = 1e-7;

    @Test
    @Task(1)
    @DisplayName("the state dict has exactly the PyTorch module's names and shapes")
    void stateDictLikePyTorch(MultimodalClassifierExercise exercise) {
        MultimodalCases.assertStateDictLikePyTorch(exercise.build(SMALL, new Generator(1)), GOLDEN, "small", SMALL);
    }

    @Test
    @Task(2)
    @DisplayName("with PyTorch's weights, the logits equal the PyTorch module's (float64, padded captions)")
    void logitsMatchPyTorch(MultimodalClassifierExercise exercise) {
        MultimodalClassifierModel m = MultimodalCases.loaded(exercise, SMALL, GOLDEN, "small");
        check("logits vs PyTorch", m.forward(MultimodalCases.batch(GOLDEN, "small"))).showingValues()
                .isCloseTo(GOLDEN.get("small", "logits"), ATOL, RTOL);
    }

    @Test
    @Task(2)
    @DisplayName("the cross-entropy loss and the gradient of every parameter equal PyTorch's")
    void gradientsMatchPyTorch(MultimodalClassifierExercise exercise) {
        MultimodalClassifierModel m = MultimodalCases.loaded(exercise, SMALL, GOLDEN, "small");
        CaptionImageBatch b = MultimodalCases.batch(GOLDEN, "small");
        Tensor loss = Functional.crossEntropy(m.forward(b), b.labels());
        check("loss vs PyTorch", loss.reshape(1)).showingValues().isCloseTo(GOLDEN.get("small", "loss"), ATOL, RTOL);
        loss.backward();
        for (Map.Entry<String, Tensor> e : m.namedParameters().entrySet()) {
            check(e.getKey() + ".grad vs PyTorch", e.getValue().grad()).showingValues()
                    .isCloseTo(GOLDEN.get("small", "grad." + e.getKey()), ATOL, RTOL);
        }
    }

    @Test
    @Task(3)
    @DisplayName("one row of logits per example, never one per token or per patch")
    void oneOutputPerExample(MultimodalClassifierExercise exercise) {
        MultimodalClassifierModel m = exercise.build(SMALL, new Generator(2));
        for (int[] lengths : new int[][] {{5}, {2, 5, 1}, {3, 3, 3, 3, 3, 3, 3}}) {
            Tensor logits = m.forward(MultimodalCases.random(SMALL, 20, 5, lengths));
            assertThat(logits.shape()).as("logits for %d captions of lengths %s (the original document returned [B, L, C]: "
                    + "pool to one vector per example: the mean over real positions)", lengths.length, Arrays.toString(lengths))
                    .containsExactly(lengths.length, SMALL.classes());
        }
    }

    @Test
    @Task(3)
    @DisplayName("padding a caption further changes no logit (the key-padding mask hides padding from every query)")
    void paddingInvariance(MultimodalClassifierExercise exercise) {
        MultimodalClassifierModel m = MultimodalCases.loaded(exercise, SMALL, GOLDEN, "small");
        Tensor padded = m.forward(MultimodalCases.batch(GOLDEN, "padded"));
        check("logits of the golden batch padded with one more, shorter caption", padded.narrow(0, 0, 3)).showingValues()
                .isCloseTo(GOLDEN.get("small", "logits"), ATOL, RTOL);
        check("logits of a caption of length 1 padded to 5 vs PyTorch", padded).showingValues()
                .isCloseTo(GOLDEN.get("padded", "logits"), ATOL, RTOL);
    }

    @Test
    @Task(4)
    @DisplayName("fits 20 random (caption, image) pairs to 100% training accuracy within 200 Adam steps")
    void overfitsTwentyExamples(MultimodalClassifierExercise exercise) {
        MultimodalClassifierModel m = exercise.build(MultimodalCases.FIT, new Generator(3));
        CaptionImageBatch b = MultimodalCases.random(MultimodalCases.FIT, 30, 5, 5, 3, 4, 2, 5, 1, 3, 4, 5, 2, 3, 5, 4, 1, 2, 5, 3, 4, 2, 5);
        Adam opt = Adam.adam(m.parameters(), 1e-2);
        double accuracy = 0;
        int step = 0;
        while (step < 200 && accuracy < 1) {
            step++;
            opt.zeroGrad();
            Tensor logits = m.forward(b);
            Functional.crossEntropy(logits, b.labels()).backward();
            opt.step();
            int[] pred = logits.argmax(1, false).toIntArray();
            int right = 0;
            for (int i = 0; i < pred.length; i++) if (pred[i] == b.labels()[i]) right++;
            accuracy = right / 20.0;
        }
        assertThat(accuracy).as("training accuracy on 20 examples after %d steps (a model that cannot fit 20 examples "
                + "has no path from an input to the output: check the pooling, the head and that every part is registered)", step)
                .isEqualTo(1.0);
    }
}
