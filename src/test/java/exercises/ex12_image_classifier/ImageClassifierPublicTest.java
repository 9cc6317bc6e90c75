package exercises.ex12_image_classifier;

import static exercises.ex06_softmax_xent_backward.TensorFixture.check;
import static exercises.ex12_image_classifier.VitCases.GOLDEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dojo.exercise.api.ImageClassifierConfig;
import dojo.exercise.api.ImageClassifierExercise;
import dojo.exercise.api.ImageClassifierModel;
import dojo.grading.junit.ExerciseSuite;
import dojo.grading.junit.Task;
import dojo.models.ImageClassification;
import dojo.models.TrainConfig;
import dojo.models.TrainListener;
import dojo.models.TrainResult;
import dojo.models.Trainer;
import dojo.models.data.ImageExample;
import dojo.models.data.SameRowImages;
import dojo.models.data.Split;
import dojo.tensor.Functional;
import dojo.tensor.Generator;
import dojo.tensor.Tensor;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Public suite of ex12 (shipped to learners): the tiny ViT against PyTorch float64 (logits, loss gradients,
 * a checkpoint trained in PyTorch), the behaviours every image transformer must have (one row per image,
 * positions matter, images do not leak into each other, shapes are checked) and a 20-image overfit.
 */
@ExerciseSuite("ex12_image_classifier")
@DisplayName("ex12 image classifier, a tiny ViT (public)")
class ImageClassifierPublicTest {
    static final double ATOL = 1e-9;
    static final double RTOL = 1e-7;
    static final ImageClassifierConfig SMALL = new ImageClassifierConfig(1, 8, 4, 8, 2, 16, 1, 2);

    @Test
    @Task(1)
    @DisplayName("the state dict has exactly PyTorch's keys and shapes (patch_embed, cls_token, position, encoder, head)")
    void stateDictMatchesPyTorch(ImageClassifierExercise exercise) {
        String c = "c1_8x8";
        Map<String, Tensor> own = exercise.build(VitCases.config(c), new Generator(1)).stateDict();
        Map<String, Tensor> torch = VitCases.stateDict(c);
        assertThat(own.keySet()).as("state dict keys (PyTorch's are %s)", torch.keySet()).containsExactlyInAnyOrderElementsOf(torch.keySet());
        for (var e : torch.entrySet()) {
            assertThat(own.get(e.getKey()).shape()).as("shape of %s", e.getKey()).containsExactly(e.getValue().shape());
        }
    }

    @Test
    @Task(1)
    @DisplayName("with PyTorch's weights loaded, the logits equal nn.Module TinyViT's (float64)")
    void logitsMatchPyTorch(ImageClassifierExercise exercise) {
        String c = "c1_8x8";
        ImageClassifierModel m = VitCases.loaded(exercise, c);
        VitCases.logitsCheck("logits vs PyTorch, case " + c, m.forward(GOLDEN.get(c, "images")), c).showingValues()
                .isCloseTo(GOLDEN.get(c, "logits"), ATOL, RTOL);
    }

    @Test
    @Task(2)
    @DisplayName("the cross-entropy gradient of every parameter equals PyTorch's")
    void gradientsMatchPyTorch(ImageClassifierExercise exercise) {
        String c = "c1_8x8";
        ImageClassifierModel m = VitCases.loaded(exercise, c);
        Tensor loss = Functional.crossEntropy(m.forward(GOLDEN.get(c, "images")), VitCases.labels(c));
        check("loss vs PyTorch", loss.reshape(1)).showingValues().isCloseTo(GOLDEN.get(c, "loss"), ATOL, RTOL);
        loss.backward();
        for (var e : m.namedParameters().entrySet()) {
            check(e.getKey() + ".grad vs PyTorch", e.getValue().grad()).showingValues().isCloseTo(GOLDEN.get(c, "grad." + e.getKey()), ATOL, RTOL);
        }
    }

    @Test
    @Task(2)
    @DisplayName("a checkpoint trained in PyTorch loads strictly and gives PyTorch's logits")
    void pytorchCheckpointGivesPyTorchLogits(ImageClassifierExercise exercise) {
        String c = "trained_pytorch";
        ImageClassifierModel m = VitCases.loaded(exercise, c);
        check("logits of the PyTorch-trained checkpoint", m.forward(GOLDEN.get(c, "images"))).showingValues()
                .isCloseTo(GOLDEN.get(c, "logits"), ATOL, RTOL);
    }

    @Test
    @Task(3)
    @DisplayName("one row of logits per image, never one per patch")
    void oneRowPerImage(ImageClassifierExercise exercise) {
        ImageClassifierModel m = exercise.build(SMALL, new Generator(2));
        assertThat(m.forward(VitCases.images(3, 1, SMALL)).shape()).as("logits of 1 image").containsExactly(1, 2);
        assertThat(m.forward(VitCases.images(4, 5, SMALL)).shape()).as("logits of 5 images").containsExactly(5, 2);
    }

    @Test
    @Task(3)
    @DisplayName("swapping two patches changes the logits: the model knows where each patch is")
    void positionsMatter(ImageClassifierExercise exercise) {
        ImageClassifierModel m = exercise.build(SMALL, new Generator(3));
        Tensor images = VitCases.images(5, 2, SMALL);
        Tensor a = m.forward(images), b = m.forward(VitCases.swapPatches(images, SMALL, 0, 3));
        double diff = a.sub(b).abs().max().item();
        assertThat(diff).as("largest logit change after swapping patch 0 and patch 3 (0 means the encoder saw a bag of patches:"
                + " are the positions added to the tokens?)").isGreaterThan(1e-6);
    }

    @Test
    @Task(3)
    @DisplayName("an image's logits do not depend on the other images of the batch")
    void batchIndependence(ImageClassifierExercise exercise) {
        ImageClassifierModel m = exercise.build(SMALL, new Generator(4));
        Tensor images = VitCases.images(6, 3, SMALL);
        Tensor changed = images.copy();
        for (int i = 64; i < 192; i++) changed.array()[i] = 1 - changed.array()[i];   // images 1 and 2
        check("logits of image 0 after changing images 1 and 2", m.forward(changed).narrow(0, 0, 1)).showingValues()
                .isCloseTo(m.forward(images).narrow(0, 0, 1), 1e-12, 0);
    }

    @Test
    @Task(3)
    @DisplayName("images of the wrong shape are rejected with a message naming the shape")
    void wrongShapesRejected(ImageClassifierExercise exercise) {
        ImageClassifierModel m = exercise.build(SMALL, new Generator(5));
        assertThatThrownBy(() -> m.forward(Tensor.zeros(2, 1, 8, 12))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("12");
        assertThatThrownBy(() -> m.forward(Tensor.zeros(1, 64))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("64");
    }

    @Test
    @Task(4)
    @DisplayName("it learns 20 same-row images by heart (100% within 200 Adam steps)")
    void overfitsTwentyImages(ImageClassifierExercise exercise) {
        List<ImageExample> twenty = SameRowImages.generate(2, 20, 0, 0).train();
        ImageClassifierModel m = exercise.build(new ImageClassifierConfig(1, 16, 4, 16, 2, 32, 1, 2), new Generator(4));
        TrainResult r = new Trainer(Clock.fixed(Instant.EPOCH, ZoneOffset.UTC)).fit(m, new ImageClassification(m::forward),
                new Split<>("twenty", twenty, twenty, twenty), new TrainConfig(200, 20, 1e-2, 0.0, 0, 10, 1.0, 5), TrainListener.NONE);
        assertThat(r.test()).as("training accuracy on 20 images after " + r.steps() + " steps (a model that cannot even memorise"
                + " 20 images has no gradient path from the head back to the patches)").isEqualTo(1.0);
    }
}
