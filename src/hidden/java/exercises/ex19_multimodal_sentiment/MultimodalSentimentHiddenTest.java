package exercises.ex19_multimodal_sentiment;

import static exercises.ex06_softmax_xent_backward.TensorFixture.assertGradCheckPassed;
import static exercises.ex06_softmax_xent_backward.TensorFixture.check;
import static exercises.ex19_multimodal_sentiment.SentimentCases.GOLDEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dojo.exercise.api.MultimodalSentimentConfig;
import dojo.exercise.api.MultimodalSentimentExercise;
import dojo.exercise.api.MultimodalSentimentModel;
import dojo.exercise.api.SentimentBatch;
import dojo.grading.junit.ExerciseSuite;
import dojo.grading.junit.Hidden;
import dojo.grading.junit.Task;
import dojo.models.SentimentClassification;
import dojo.models.TrainConfig;
import dojo.models.TrainListener;
import dojo.models.TrainResult;
import dojo.models.Trainer;
import dojo.models.data.SentimentExample;
import dojo.models.data.SentimentCaptions;
import dojo.models.data.Split;
import dojo.tensor.Autograd;
import dojo.tensor.Functional;
import dojo.tensor.Generator;
import dojo.tensor.GradCheck;
import dojo.tensor.Tensor;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/**
 * Hidden suite of ex19: checkpoints trained in PyTorch and in Java give the same logits on both sides, a
 * deeper model (2 + 2 layers, 4 heads) matches PyTorch, the caption queries the image (never the reverse),
 * padding stays invisible on random models, an all-padding caption is defined, bad shapes are refused,
 * gradients pass a numerical check, and the model overfits 20 examples. Messages name the property,
 * never the expected numbers.
 */
@ExerciseSuite("ex19_multimodal_sentiment")
@Hidden
@DisplayName("ex19 multimodal sentiment (hidden)")
class MultimodalSentimentHiddenTest {
    static final double ATOL = 1e-9;
    static final double RTOL = 1e-7;

    @Test
    @Task(2)
    @DisplayName("a checkpoint trained in PyTorch gives PyTorch's logits")
    void torchTrainedCheckpoint(MultimodalSentimentExercise exercise) {
        MultimodalSentimentModel m = SentimentCases.build(exercise, SentimentCases.SMALL, 11);
        SentimentCases.load(m, SentimentCases.weights("torch_trained"));
        check("logits of the PyTorch-trained checkpoint", m.forward(SentimentCases.batch("small")))
                .isCloseTo(GOLDEN.get("torch_trained", "logits"), ATOL, RTOL);
    }

    @Test
    @Task(2)
    @DisplayName("a checkpoint trained by ./dojo train gives the logits PyTorch computes from it")
    void javaTrainedCheckpoint(MultimodalSentimentExercise exercise) {
        MultimodalSentimentModel m = SentimentCases.build(exercise, SentimentCases.REFERENCE, 12);
        SentimentCases.load(m, SentimentCases.javaTrainedCheckpoint());
        check("logits of the Java-trained checkpoint vs PyTorch", m.forward(SentimentCases.batch("java_trained")))
                .isCloseTo(GOLDEN.get("java_trained", "logits"), ATOL, RTOL);
    }

    @Test
    @Task(2)
    @DisplayName("two encoder layers per modality and 4 heads: the logits still equal PyTorch's")
    void deeperModel(MultimodalSentimentExercise exercise) {
        MultimodalSentimentModel m = SentimentCases.build(exercise, SentimentCases.DEEP, 13);
        SentimentCases.load(m, SentimentCases.weights("deep"));
        check("logits of the 2 + 2 layer model vs PyTorch", m.forward(SentimentCases.batch("deep")))
                .isCloseTo(GOLDEN.get("deep", "logits"), ATOL, RTOL);
    }

    @Test
    @Task(3)
    @DisplayName("the caption queries the image: weights are [B, H, L, P], and a caption token's output depends on the picture")
    void captionQueriesImage(MultimodalSentimentExercise exercise) {
        MultimodalSentimentModel m = SentimentCases.build(exercise, SentimentCases.SMALL, 14);
        SentimentCases.load(m, SentimentCases.weights("small"));
        SentimentBatch b = SentimentCases.rows(3, 140, new int[] {1, 2, 3}, new int[] {4, 5});
        try (var off = Autograd.noGrad()) {
            Tensor w = m.forward(b, true).crossAttention();
            if (w == null) throw new AssertionFailedError("forward(batch, true) returned no cross-attention weights");
            if (!Arrays.equals(w.shape(), new int[] {2, 2, 3, 4})) {
                throw new AssertionFailedError("cross-attention weights are " + Arrays.toString(w.shape()) + ", expected [B, H, L, P] = [2, 2, 3, 4]"
                        + (w.dim() == 4 && w.size(2) == 4 ? ": the patches are the queries; the caption must ask (query = text, key = value = patches)"
                        : w.dim() == 4 && w.size(3) != 4 ? ": the keys are not the 4 image patches (did you concatenate caption and image, as the original did?)" : ""));
            }
            check("sum of each token's weights over the patches", w.sum(3, false)).isCloseTo(Tensor.ones(2, 2, 3), 1e-12, 0);
            SentimentBatch other = new SentimentBatch(b.ids(), 2, 3, Tensor.rand(new Generator(141), 2, 1, 8, 8), new int[2]);
            if (m.forward(other).maxAbsDiff(m.forward(b)) < 1e-9) {
                throw new AssertionFailedError("another picture gives the same logits: the image never reaches the output");
            }
        }
    }

    @Test
    @Task(3)
    @DisplayName("padding stays invisible on random models and random captions: padded to 5 or not, same logits")
    void paddingInvariantOnRandomModels(MultimodalSentimentExercise exercise) {
        java.util.SplittableRandom rng = new java.util.SplittableRandom(150);
        for (int trial = 0; trial < 3; trial++) {
            MultimodalSentimentModel m = SentimentCases.build(exercise, SentimentCases.SMALL, 150 + trial);
            int[][] rows = new int[4][];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = new int[1 + rng.nextInt(3)];
                for (int j = 0; j < rows[i].length; j++) rows[i][j] = 1 + rng.nextInt(11);
            }
            SentimentBatch tight = SentimentCases.rows(3, 151 + trial, rows);
            try (var off = Autograd.noGrad()) {
                check("trial " + trial + ": logits padded to 5 vs padded to 3", m.forward(tight.padTo(5))).isCloseTo(m.forward(tight), 1e-12, 0);
            }
        }
    }

    @Test
    @Task(3)
    @DisplayName("a caption with no real token gets a finite output: its pooled vector is 0, so the logits are the head's bias")
    void allPaddingCaption(MultimodalSentimentExercise exercise) {
        MultimodalSentimentModel m = SentimentCases.build(exercise, SentimentCases.SMALL, 16);
        Map<String, Tensor> w = SentimentCases.weights("small");
        SentimentCases.load(m, w);
        SentimentBatch b = new SentimentBatch(new int[] {4, 2, 0, 0, 0, 0}, 2, 3, Tensor.rand(new Generator(160), 2, 1, 8, 8), new int[2]);
        try (var off = Autograd.noGrad()) {
            check("logits of the all-padding caption (pooled vector 0: the head's bias)", m.forward(b).select(0, 1))
                    .isCloseTo(w.get("head.bias"), 1e-12, 0);
        }
    }

    @Test
    @Task(4)
    @DisplayName("images of the wrong size, captions longer than maxTextLen and unknown token ids are refused")
    void validation(MultimodalSentimentExercise exercise) {
        MultimodalSentimentModel m = SentimentCases.build(exercise, SentimentCases.SMALL, 17);
        assertThatThrownBy(() -> m.forward(new SentimentBatch(new int[] {1, 2}, 1, 2, Tensor.zeros(1, 1, 12, 12), new int[1])))
                .as("a 12x12 image for imageSize 8").isInstanceOf(IllegalArgumentException.class).hasMessageContaining("12");
        assertThatThrownBy(() -> m.forward(SentimentCases.rows(6, 170, new int[] {1, 2, 3})))
                .as("captions of length 6 for maxTextLen 5").isInstanceOf(IllegalArgumentException.class).hasMessageContainingAll("6", "5");
        assertThatThrownBy(() -> m.forward(SentimentCases.rows(3, 171, new int[] {1, 12, 3})))
                .as("token id 12 for vocab 12").isInstanceOf(IllegalArgumentException.class).hasMessageContaining("12");
    }

    @Test
    @Task(2)
    @DisplayName("a numerical gradient check of a tiny model passes for every parameter")
    void gradCheck(MultimodalSentimentExercise exercise) {
        MultimodalSentimentModel m = SentimentCases.build(exercise, new MultimodalSentimentConfig(5, 3, 1, 4, 2, 4, 2, 4, 1, 1, 2), 18);
        SentimentBatch b = new SentimentBatch(new int[] {1, 2, 3, 4, 4, 0}, 2, 3, Tensor.rand(new Generator(180), 2, 1, 4, 4), new int[2]);
        int[] labels = {1, 0};
        assertGradCheckPassed("the model's parameters", GradCheck.check(() -> Functional.crossEntropy(m.forward(b), labels), m.namedParameters()));
    }

    @Test
    @Task(4)
    @DisplayName("it overfits 20 examples of the task to 100% within 200 steps")
    void overfitsTwenty(MultimodalSentimentExercise exercise) {
        List<SentimentExample> twenty = SentimentCaptions.generate(19, 20, 0, 0).train();
        MultimodalSentimentModel m = SentimentCases.build(exercise, new MultimodalSentimentConfig(SentimentCaptions.VOCAB,
                SentimentCaptions.MAX_LEN, 1, SentimentCaptions.SIZE, SentimentCaptions.PATCH, 16, 2, 32, 1, 1, SentimentCaptions.CLASSES), 4);
        TrainConfig cfg = new TrainConfig(200, 20, 1e-2, 0.0, 0, 10, 1.0, 5);
        TrainResult r = new Trainer(Clock.fixed(Instant.EPOCH, ZoneOffset.UTC))
                .fit(m, new SentimentClassification(m), new Split<>("twenty", twenty, twenty, twenty), cfg, TrainListener.NONE);
        assertThat(r.test()).as("training accuracy on 20 examples after %d steps (must reach 1.0)", r.steps()).isEqualTo(1.0);
    }
}
