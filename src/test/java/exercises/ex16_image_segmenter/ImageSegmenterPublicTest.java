package exercises.ex16_image_segmenter;

import static exercises.ex06_softmax_xent_backward.TensorFixture.check;
import static exercises.ex16_image_segmenter.SegmenterCases.GOLDEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dojo.exercise.api.ImageSegmenterConfig;
import dojo.exercise.api.ImageSegmenterExercise;
import dojo.exercise.api.ImageSegmenterModel;
import dojo.grading.junit.ExerciseSuite;
import dojo.grading.junit.Task;
import dojo.models.data.RepeatedShapeSegmentation;
import dojo.models.data.SegmentationExample;
import dojo.optim.Adam;
import dojo.tensor.Functional;
import dojo.tensor.Generator;
import dojo.tensor.Tensor;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/**
 * Public suite of ex16 (shipped to learners): the small non-square golden case from PyTorch (logits, loss and
 * every gradient), where the unpatchify puts each pixel, one output per pixel, mean IoU worked examples, and
 * overfitting 20 images.
 */
@ExerciseSuite("ex16_image_segmenter")
@DisplayName("ex16 image segmenter (public)")
class ImageSegmenterPublicTest {
    static final double ATOL = 1e-9;
    static final double RTOL = 1e-7;

    static ImageSegmenterModel small(ImageSegmenterExercise ex) {
        ImageSegmenterModel model = ex.build(SegmenterCases.config("small"), new Generator(1));
        SegmenterCases.loadStrict(model, SegmenterCases.state("small"));
        return model;
    }

    @Test
    @Task(1)
    @DisplayName("an 8x12 image of 2 channels (a 2 x 3 patch grid): logits equal PyTorch's after loading its state_dict")
    void logitsMatchPyTorch(ImageSegmenterExercise ex) {
        Tensor logits = small(ex).forward(GOLDEN.get("small", "images"));
        check("logits [B, K, H, W] vs PyTorch", logits).showingValues().isCloseTo(GOLDEN.get("small", "logits"), ATOL, RTOL);
    }

    @Test
    @Task(1)
    @DisplayName("the per-pixel cross-entropy and its gradient for every parameter and for the images equal PyTorch's")
    void gradientsMatchPyTorch(ImageSegmenterExercise ex) {
        ImageSegmenterModel model = small(ex);
        Tensor images = GOLDEN.get("small", "images").requiresGrad(true);
        Tensor loss = Functional.crossEntropy(SegmenterCases.pixelRows(model.forward(images)), GOLDEN.ints("small", "labels"));
        check("cross-entropy over all pixels vs PyTorch", loss.reshape(1)).showingValues().isCloseTo(GOLDEN.get("small", "loss"), ATOL, RTOL);
        loss.backward();
        for (Map.Entry<String, Tensor> p : model.namedParameters().entrySet()) {
            check(p.getKey() + ".grad vs PyTorch", p.getValue().grad()).showingValues()
                    .isCloseTo(GOLDEN.get("small", "grad." + p.getKey()), ATOL, RTOL);
        }
        check("images.grad vs PyTorch", images.grad()).showingValues().isCloseTo(GOLDEN.get("small", "grad.images"), ATOL, RTOL);
    }

    @Test
    @Task(2)
    @DisplayName("one output per pixel: [B, K, H, W] for batches of 1 and 3, never one vector per image")
    void oneOutputPerPixel(ImageSegmenterExercise ex) {
        ImageSegmenterConfig c = new ImageSegmenterConfig(1, 8, 12, 4, 8, 2, 16, 1, 3);
        ImageSegmenterModel model = ex.build(c, new Generator(2));
        for (int b : new int[] {1, 3}) {
            Tensor out = model.forward(Tensor.rand(new Generator(3 + b), b, 1, 8, 12));
            assertThat(out.shape()).as("logits shape for a batch of %d images of 8x12 with 3 classes", b).containsExactly(b, 3, 8, 12);
        }
    }

    @Test
    @Task(2)
    @DisplayName("unpatchify: with head.weight = 0 and head.bias[f] = f, pixel (row, col) of class k shows k*p*p + (row % p)*p + col % p")
    void unpatchifyPlacesFeaturesInsideEachPatch(ImageSegmenterExercise ex) {
        ImageSegmenterConfig c = SegmenterCases.config("small");
        int p = c.patch(), k = c.classes();
        Map<String, Tensor> state = SegmenterCases.with(SegmenterCases.state("small"), "head.weight", Tensor.zeros(k * p * p, c.dModel()));
        double[] bias = new double[k * p * p];
        for (int f = 0; f < bias.length; f++) {
            bias[f] = f;
        }
        state = SegmenterCases.with(state, "head.bias", Tensor.of(bias, bias.length));
        ImageSegmenterModel model = ex.build(c, new Generator(1));
        SegmenterCases.loadStrict(model, state);
        double[] expected = new double[k * c.height() * c.width()];
        double[] swapped = new double[expected.length];
        for (int kk = 0; kk < k; kk++) {
            for (int row = 0; row < c.height(); row++) {
                for (int col = 0; col < c.width(); col++) {
                    int at = (kk * c.height() + row) * c.width() + col;
                    expected[at] = kk * p * p + (row % p) * p + col % p;
                    swapped[at] = kk * p * p + (col % p) * p + row % p;
                }
            }
        }
        Tensor out = model.forward(GOLDEN.get("small", "images").narrow(0, 0, 1));
        check("logits of image 0 with a constant head", out.select(0, 0)).showingValues()
                .withCause(Tensor.of(swapped, k, c.height(), c.width()), "the row and the column inside each patch are swapped:"
                        + " head feature k*p*p + i*p + j belongs to row i, column j of the patch, so reshape to [B, gh, gw, K, p, p]"
                        + " and permute (0, 3, 1, 4, 2, 5)")
                .isCloseTo(Tensor.of(expected, k, c.height(), c.width()), 1e-12, 0);
    }

    @Test
    @Task(2)
    @DisplayName("unpatchify: without positions, moving the image one patch right (or down) moves every pixel's logits the same way")
    void unpatchifyPlacesPatchesOnTheGrid(ImageSegmenterExercise ex) {
        ImageSegmenterConfig c = SegmenterCases.config("small");
        ImageSegmenterModel model = ex.build(c, new Generator(1));
        // zero positions: attention cannot tell where a patch is, so moving patches moves outputs (and nothing else)
        SegmenterCases.loadStrict(model, SegmenterCases.with(SegmenterCases.state("small"), "position.weight",
                Tensor.zeros(c.tokens(), c.dModel())));
        Tensor images = GOLDEN.get("small", "images");
        Tensor out = model.forward(images);
        check("logits after moving the image one patch right (wrapping around)", model.forward(roll(images, 0, c.patch())))
                .showingValues().isCloseTo(roll(out, 0, c.patch()), 1e-10, 1e-10);
        check("logits after moving the image one patch down (wrapping around)", model.forward(roll(images, c.patch(), 0)))
                .showingValues().isCloseTo(roll(out, c.patch(), 0), 1e-10, 1e-10);
    }

    /** x [B, C, H, W] shifted down by dr and right by dc pixels, wrapping around. */
    static Tensor roll(Tensor x, int dr, int dc) {
        int b = x.size(0), ch = x.size(1), h = x.size(2), w = x.size(3);
        double[] in = x.toArray();
        double[] out = new double[in.length];
        for (int i = 0; i < b * ch; i++) {
            for (int r = 0; r < h; r++) {
                for (int col = 0; col < w; col++) {
                    out[(i * h + (r + dr) % h) * w + (col + dc) % w] = in[(i * h + r) * w + col];
                }
            }
        }
        return Tensor.of(out, b, ch, h, w);
    }

    @Test
    @Task(1)
    @DisplayName("images of the wrong shape are rejected with IllegalArgumentException naming the shape received")
    void wrongShapesRejected(ImageSegmenterExercise ex) {
        ImageSegmenterModel model = ex.build(SegmenterCases.config("small"), new Generator(1));
        for (int[] shape : new int[][] {{2, 8, 12}, {1, 1, 8, 12}, {1, 2, 12, 8}, {1, 2, 8, 16}}) {
            Tensor bad = Tensor.zeros(shape);
            assertThatThrownBy(() -> model.forward(bad)).as("forward(images of shape %s) for a [B, 2, 8, 12] model", Arrays.toString(shape))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(Arrays.toString(shape));
        }
    }

    @Test
    @Task(3)
    @DisplayName("mean IoU worked example: per-class IoUs 2/4, 2/4 and 1/3 average to 4/9 (pixel accuracy would be 5/8)")
    void meanIoUWorkedExample(ImageSegmenterExercise ex) {
        int[] predicted = {0, 0, 1, 1, 2, 2, 0, 1};
        int[] truth = {0, 1, 1, 1, 2, 0, 0, 2};
        double m = ex.meanIoU(predicted, truth, 3);
        if (Math.abs(m - 4.0 / 9) > 1e-12) {
            throw new AssertionFailedError("meanIoU(" + Arrays.toString(predicted) + ", " + Arrays.toString(truth) + ", 3) is " + m
                    + " but must be (2/4 + 2/4 + 1/3) / 3 = 0.4444..." + (Math.abs(m - 5.0 / 8) < 1e-12
                    ? "\n  likely cause: that is pixel accuracy (correct pixels / all pixels); mean IoU averages one IoU per class" : ""));
        }
    }

    @Test
    @Task(3)
    @DisplayName("mean IoU leaves out classes absent from both prediction and truth (they count neither 0 nor 1)")
    void meanIoUSkipsAbsentClasses(ImageSegmenterExercise ex) {
        int[] predicted = {0, 0, 1, 1};
        int[] truth = {0, 1, 1, 1};
        double m = ex.meanIoU(predicted, truth, 4);
        double want = (1.0 / 2 + 2.0 / 3) / 2;
        if (Math.abs(m - want) > 1e-12) {
            String cause = Math.abs(m - (1.0 / 2 + 2.0 / 3) / 4) < 1e-12 ? "classes 2 and 3 occur nowhere but were counted with IoU 0"
                    : Math.abs(m - (1.0 / 2 + 2.0 / 3 + 2) / 4) < 1e-12 ? "classes 2 and 3 occur nowhere but were counted with IoU 1" : null;
            throw new AssertionFailedError("meanIoU([0, 0, 1, 1], [0, 1, 1, 1], classes 4) is " + m + " but must be (1/2 + 2/3) / 2 = "
                    + want + ": classes 2 and 3 have no pixels anywhere, so they have no IoU"
                    + (cause == null ? "" : "\n  likely cause: " + cause));
        }
        assertThat(ex.meanIoU(new int[] {2, 2, 0}, new int[] {2, 2, 0}, 5)).as("a perfect prediction that uses 2 of 5 classes").isEqualTo(1.0);
    }

    @Test
    @Task(4)
    @DisplayName("overfits 20 images of 8x8 (four glyphs each) to every pixel right within 200 Adam steps")
    void overfitsTwentyImages(ImageSegmenterExercise ex) {
        List<SegmentationExample> data = RepeatedShapeSegmentation.generate(16, 2, 20, 0, 0).train();
        ImageSegmenterConfig c = new ImageSegmenterConfig(1, 8, 8, 4, 16, 2, 32, 2, RepeatedShapeSegmentation.CLASSES);
        ImageSegmenterModel model = ex.build(c, new Generator(16));
        Tensor images = OverfitData.images(data);
        int[] labels = OverfitData.labels(data);
        Adam opt = Adam.adam(model.parameters(), 1e-2);
        int wrong = -1;
        int step = 0;
        while (step < 200) {
            step++;
            opt.zeroGrad();
            Tensor logits = model.forward(images);
            Functional.crossEntropy(SegmenterCases.pixelRows(logits), labels).backward();
            opt.step();
            if (step % 10 == 0) {
                wrong = OverfitData.wrongPixels(model, images, labels);
                if (wrong == 0) {
                    break;
                }
            }
        }
        if (wrong != 0) {
            throw new AssertionFailedError("after 200 Adam steps (lr 1e-2) on the same 20 images, " + wrong + " of " + labels.length
                    + " pixels are still wrong: a correct segmenter memorises them; check that the loss reaches every pixel"
                    + " (one output per pixel) and that patches can see each other (the encoder)");
        }
    }
}
