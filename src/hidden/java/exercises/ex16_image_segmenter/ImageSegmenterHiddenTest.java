package exercises.ex16_image_segmenter;

import static exercises.ex06_softmax_xent_backward.TensorFixture.assertGradCheckPassed;
import static exercises.ex06_softmax_xent_backward.TensorFixture.check;
import static exercises.ex16_image_segmenter.SegmenterCases.GOLDEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dojo.exercise.api.ImageSegmenterConfig;
import dojo.exercise.api.ImageSegmenterExercise;
import dojo.exercise.api.ImageSegmenterModel;
import dojo.grading.junit.ExerciseSuite;
import dojo.grading.junit.Hidden;
import dojo.grading.junit.Task;
import dojo.models.SegmentationScore;
import dojo.tensor.Functional;
import dojo.tensor.Generator;
import dojo.tensor.GradCheck;
import dojo.tensor.Tensor;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/**
 * Hidden suite of ex16: the experiment-size golden case with gradients, checkpoints trained in PyTorch and in
 * the dojo, per-pixel and per-image independence, a gradient check, every config dimension used, and mean IoU
 * on random and edge cases. Messages name the property, positions and orders of magnitude only.
 */
@ExerciseSuite("ex16_image_segmenter")
@Hidden
@DisplayName("ex16 image segmenter (hidden)")
class ImageSegmenterHiddenTest {
    static final double ATOL = 1e-9;
    static final double RTOL = 1e-7;

    static ImageSegmenterModel loaded(ImageSegmenterExercise ex, String c, Map<String, Tensor> state) {
        ImageSegmenterModel model = ex.build(SegmenterCases.config(c), new Generator(7));
        SegmenterCases.loadStrict(model, state);
        return model;
    }

    @Test
    @Task(1)
    @DisplayName("the experiment's size (16x16, 4x4 patches, d 32, 4 heads, 2 layers): logits, loss and every gradient equal PyTorch's")
    void referenceSizeMatchesPyTorch(ImageSegmenterExercise ex) {
        ImageSegmenterModel model = loaded(ex, "reference", SegmenterCases.state("reference"));
        Tensor images = GOLDEN.get("reference", "images").requiresGrad(true);
        Tensor logits = model.forward(images);
        check("logits vs PyTorch (reference size)", logits).isCloseTo(GOLDEN.get("reference", "logits"), ATOL, RTOL);
        Tensor loss = Functional.crossEntropy(SegmenterCases.pixelRows(logits), GOLDEN.ints("reference", "labels"));
        check("per-pixel cross-entropy vs PyTorch (reference size)", loss.reshape(1)).isCloseTo(GOLDEN.get("reference", "loss"), ATOL, RTOL);
        loss.backward();
        for (Map.Entry<String, Tensor> p : model.namedParameters().entrySet()) {
            check(p.getKey() + ".grad vs PyTorch (reference size)", p.getValue().grad())
                    .isCloseTo(GOLDEN.get("reference", "grad." + p.getKey()), ATOL, RTOL);
        }
        check("images.grad vs PyTorch (reference size)", images.grad()).isCloseTo(GOLDEN.get("reference", "grad.images"), ATOL, RTOL);
    }

    @Test
    @Task(1)
    @DisplayName("a checkpoint trained in PyTorch loads with strict names and gives PyTorch's logits")
    void torchTrainedCheckpoint(ImageSegmenterExercise ex) {
        ImageSegmenterModel model = loaded(ex, "torch_trained", SegmenterCases.state("torch_trained"));
        model.eval();
        check("logits of the PyTorch-trained checkpoint", model.forward(GOLDEN.get("torch_trained", "images")))
                .isCloseTo(GOLDEN.get("torch_trained", "logits"), ATOL, RTOL);
    }

    @Test
    @Task(1)
    @DisplayName("a checkpoint trained in the dojo (F32, PyTorch names) gives the logits PyTorch computes with it")
    void dojoTrainedCheckpoint(ImageSegmenterExercise ex) {
        ImageSegmenterModel model = loaded(ex, "java_trained", SegmenterCases.checkpoint("java_trained.safetensors"));
        model.eval();
        check("logits of the dojo-trained checkpoint vs PyTorch", model.forward(GOLDEN.get("java_trained", "images")))
                .isCloseTo(GOLDEN.get("java_trained", "logits"), ATOL, RTOL);
    }

    @Test
    @Task(2)
    @DisplayName("pixels in different patches get different logits (the output is not one vector per image spread over the pixels)")
    void pixelsOfDifferentPatchesDiffer(ImageSegmenterExercise ex) {
        ImageSegmenterConfig c = SegmenterCases.config("small");
        Tensor logits = loaded(ex, "small", SegmenterCases.state("small")).forward(GOLDEN.get("small", "images"));
        // the top-left pixel of each patch: with one vector per image, they would all be equal
        int p = c.patch();
        for (int b = 0; b < logits.size(0); b++) {
            double first = logits.get(b, 0, 0, 0);
            boolean differs = false;
            for (int r = 0; r < c.height(); r += p) {
                for (int col = 0; col < c.width(); col += p) {
                    differs |= Math.abs(logits.get(b, 0, r, col) - first) > 1e-9;
                }
            }
            if (!differs) {
                throw new AssertionFailedError("image " + b + ": the top-left pixel of every patch has the same class-0 logit; a"
                        + " segmenter predicts each pixel from its own token (after attention), not from one vector for the"
                        + " whole image (the original document's bug: pooling or flattening to one vector, then a classifier)");
            }
        }
    }

    @Test
    @Task(2)
    @DisplayName("images in a batch are independent: changing image 1 changes no logit of image 0")
    void batchIndependence(ImageSegmenterExercise ex) {
        ImageSegmenterModel model = loaded(ex, "small", SegmenterCases.state("small"));
        Tensor images = GOLDEN.get("small", "images");
        Tensor changed = images.copy();
        int per = images.numel() / images.size(0);
        for (int i = per; i < 2 * per; i++) {
            changed.array()[i] = 1 - changed.array()[i];
        }
        check("logits of image 0 after changing image 1", model.forward(changed).select(0, 0))
                .isCloseTo(model.forward(images).select(0, 0), 1e-12, 0);
    }

    @Test
    @Task(2)
    @DisplayName("a pixel's logits depend on patches elsewhere in the image (attention mixes the tokens)")
    void contextReachesEveryPatch(ImageSegmenterExercise ex) {
        ImageSegmenterConfig c = SegmenterCases.config("small");
        ImageSegmenterModel model = loaded(ex, "small", SegmenterCases.state("small"));
        Tensor images = GOLDEN.get("small", "images").narrow(0, 0, 1);
        Tensor changed = images.copy();
        // change only the bottom-right patch (both channels)
        int p = c.patch();
        for (int ch = 0; ch < c.channels(); ch++) {
            for (int r = c.height() - p; r < c.height(); r++) {
                for (int col = c.width() - p; col < c.width(); col++) {
                    changed.array()[(ch * c.height() + r) * c.width() + col] += 0.75;
                }
            }
        }
        Tensor before = model.forward(images).narrow(2, 0, p).narrow(3, 0, p);
        Tensor after = model.forward(changed).narrow(2, 0, p).narrow(3, 0, p);
        if (before.maxAbsDiff(after) < 1e-9) {
            throw new AssertionFailedError("changing the bottom-right patch left the top-left patch's logits unchanged: the tokens"
                    + " must pass through the encoder (self-attention over all patches) before the head");
        }
    }

    @Test
    @Task(2)
    @DisplayName("every configuration size is used: an image of 12x8 with 3 channels, patch 2 and 5 classes gives [B, 5, 12, 8]")
    void configurationIsUsed(ImageSegmenterExercise ex) {
        ImageSegmenterConfig c = new ImageSegmenterConfig(3, 12, 8, 2, 12, 3, 10, 3, 5);
        ImageSegmenterModel model = ex.build(c, new Generator(8));
        Map<String, Tensor> params = model.namedParameters();
        assertThat(params.keySet()).as("parameter names (PyTorch's state_dict keys) of a 3-layer model").containsExactlyInAnyOrderElementsOf(
                SegmenterCases.keys(3));
        assertThat(params.get("position.weight").shape()).as("position.weight shape: one row per patch (6 x 4)").containsExactly(24, 12);
        assertThat(params.get("head.weight").shape()).as("head.weight shape: K*p*p outputs per token").containsExactly(5 * 2 * 2, 12);
        assertThat(params.get("patch_embed.weight").shape()).as("patch_embed.weight shape").containsExactly(12, 3, 2, 2);
        assertThat(model.forward(Tensor.rand(new Generator(9), 2, 3, 12, 8)).shape()).as("logits shape").containsExactly(2, 5, 12, 8);
    }

    @Test
    @Task(2)
    @DisplayName("a tiny segmenter passes GradCheck for the images and every parameter")
    void gradCheck(ImageSegmenterExercise ex) {
        ImageSegmenterConfig c = new ImageSegmenterConfig(1, 4, 6, 2, 4, 2, 6, 1, 2);
        ImageSegmenterModel model = ex.build(c, new Generator(10));
        Tensor images = Tensor.rand(new Generator(11), 2, 1, 4, 6).requiresGrad(true);
        Tensor up = Tensor.randn(new Generator(12), 2, 2, 4, 6);
        Map<String, Tensor> named = new LinkedHashMap<>();
        named.put("images", images);
        named.putAll(model.namedParameters());
        assertGradCheckPassed("sum(segmenter(images) * upstream)", GradCheck.check(() -> model.forward(images).mul(up).sum(), named));
    }

    @Test
    @Task(1)
    @DisplayName("forward rejects images that are not [B, C, H, W] of the configured sizes")
    void rejectsWrongShapes(ImageSegmenterExercise ex) {
        ImageSegmenterModel model = ex.build(new ImageSegmenterConfig(3, 12, 8, 2, 12, 3, 10, 1, 5), new Generator(8));
        for (int[] shape : new int[][] {{3, 12, 8}, {1, 1, 3, 12, 8}, {2, 1, 12, 8}, {2, 3, 8, 12}, {2, 3, 12, 10}}) {
            Tensor bad = Tensor.zeros(shape);
            assertThatThrownBy(() -> model.forward(bad)).as("forward(images of shape %s) for a [B, 3, 12, 8] model", Arrays.toString(shape))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(Arrays.toString(shape));
        }
    }

    // ---- mean IoU -------------------------------------------------------------------------------------------

    static void assertMeanIoU(String what, double actual, double expected) {
        if (!(Math.abs(actual - expected) <= 1e-12)) {
            throw new AssertionFailedError("mean IoU " + what + " is off by " + exercises.ex06_softmax_xent_backward.TensorFixture.magnitude(
                    Math.abs(actual - expected)) + " (or is NaN): one IoU per class present in prediction or truth, counted over all"
                    + " pixels, then their plain mean");
        }
    }

    @Test
    @Task(3)
    @DisplayName("mean IoU equals the definition on 50 random sets (2-6 classes, 1-300 pixels, some classes absent)")
    void meanIoURandom(ImageSegmenterExercise ex) {
        SplittableRandom rng = new SplittableRandom(1616);
        for (int i = 0; i < 50; i++) {
            int k = 2 + rng.nextInt(5), n = 1 + rng.nextInt(300), used = 1 + rng.nextInt(k);
            int[] pred = new int[n], truth = new int[n];
            for (int j = 0; j < n; j++) {
                truth[j] = rng.nextInt(used);
                pred[j] = rng.nextInt(4) == 0 ? rng.nextInt(used) : truth[j];
            }
            assertMeanIoU("of random set " + i + " (" + k + " classes, " + n + " pixels)", ex.meanIoU(pred, truth, k),
                    SegmentationScore.of(pred, truth, k).meanIoU());
        }
    }

    @Test
    @Task(3)
    @DisplayName("mean IoU edge cases: all one class, a class only predicted, a class only true, nothing right, one pixel")
    void meanIoUEdgeCases(ImageSegmenterExercise ex) {
        assertMeanIoU("of a perfect all-background set with 3 classes", ex.meanIoU(new int[] {0, 0, 0}, new int[] {0, 0, 0}, 3), 1.0);
        assertMeanIoU("when class 2 is only predicted", ex.meanIoU(new int[] {0, 2, 1, 1}, new int[] {0, 0, 1, 1}, 3), (0.5 + 1.0 + 0.0) / 3);
        assertMeanIoU("when class 1 is only true", ex.meanIoU(new int[] {0, 0, 0, 2}, new int[] {0, 1, 0, 2}, 4), (2.0 / 3 + 0.0 + 1.0) / 3);
        assertMeanIoU("when nothing is right", ex.meanIoU(new int[] {1, 0}, new int[] {0, 1}, 2), 0.0);
        assertMeanIoU("of one wrong pixel among 5 classes", ex.meanIoU(new int[] {3}, new int[] {4}, 5), 0.0);
        assertMeanIoU("of one right pixel among 5 classes", ex.meanIoU(new int[] {4}, new int[] {4}, 5), 1.0);
    }

    @Test
    @Task(3)
    @DisplayName("mean IoU averages over classes, so a rare class weighs as much as the background")
    void meanIoUWeighsClassesEqually(ImageSegmenterExercise ex) {
        int[] truth = new int[100];
        int[] pred = new int[100];
        truth[99] = 1; // one foreground pixel, predicted as background
        assertMeanIoU("of 99 background pixels right and the only foreground pixel missed", ex.meanIoU(pred, truth, 2), 0.99 / 2);
    }

    @Test
    @Task(3)
    @DisplayName("mean IoU rejects mismatched lengths, no pixels, classes below 1 and labels outside 0..classes-1")
    void meanIoUErrors(ImageSegmenterExercise ex) {
        assertThatThrownBy(() -> ex.meanIoU(new int[] {0, 1}, new int[] {0}, 2)).as("2 predictions for 1 true label")
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ex.meanIoU(new int[0], new int[0], 2)).as("no pixels").isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ex.meanIoU(new int[] {0}, new int[] {0}, 0)).as("classes 0").isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ex.meanIoU(new int[] {0, 3}, new int[] {0, 1}, 3)).as("predicted label 3 with 3 classes")
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ex.meanIoU(new int[] {0, 1}, new int[] {-1, 1}, 3)).as("true label -1")
                .isInstanceOf(IllegalArgumentException.class);
    }
}
