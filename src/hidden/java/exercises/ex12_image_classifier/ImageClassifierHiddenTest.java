package exercises.ex12_image_classifier;

import static exercises.ex06_softmax_xent_backward.TensorFixture.assertGradCheckPassed;
import static exercises.ex06_softmax_xent_backward.TensorFixture.check;
import static exercises.ex12_image_classifier.VitCases.GOLDEN;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dojo.exercise.api.ImageClassifierConfig;
import dojo.exercise.api.ImageClassifierExercise;
import dojo.exercise.api.ImageClassifierModel;
import dojo.grading.junit.ExerciseSuite;
import dojo.grading.junit.Hidden;
import dojo.grading.junit.Task;
import dojo.tensor.Functional;
import dojo.tensor.Generator;
import dojo.tensor.GradCheck;
import dojo.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opentest4j.AssertionFailedError;

/**
 * Hidden suite of ex12: every PyTorch golden case (one and two channels, 4 and 9 patches, 1 and 2 layers),
 * gradients of the images and every parameter, both checkpoint directions, a gradient check, and the
 * equivariance that says the tokens are built right: moving patches and their position rows together
 * changes nothing. Messages name the property, the position and the order of magnitude of the error only.
 */
@ExerciseSuite("ex12_image_classifier")
@Hidden
@DisplayName("ex12 image classifier, a tiny ViT (hidden)")
class ImageClassifierHiddenTest {
    static final double ATOL = 1e-9;
    static final double RTOL = 1e-7;

    @ParameterizedTest(name = "logits, loss and every gradient match PyTorch on golden case {0}")
    @ValueSource(strings = {"c1_8x8", "c2_12x12"})
    @Task(2)
    void golden(String c, ImageClassifierExercise exercise) {
        ImageClassifierModel m = VitCases.loaded(exercise, c);
        Tensor images = GOLDEN.get(c, "images").requiresGrad(true);
        Tensor logits = m.forward(images);
        VitCases.logitsCheck("logits vs PyTorch, case " + c, logits, c).isCloseTo(GOLDEN.get(c, "logits"), ATOL, RTOL);
        Tensor loss = Functional.crossEntropy(logits, VitCases.labels(c));
        check("loss vs PyTorch, case " + c, loss.reshape(1)).isCloseTo(GOLDEN.get(c, "loss"), ATOL, RTOL);
        loss.backward();
        check("images.grad vs PyTorch, case " + c, images.grad()).isCloseTo(GOLDEN.get(c, "grad.images"), ATOL, RTOL);
        for (String k : VitCases.weightNames(c)) {
            Tensor p = m.namedParameters().get(k);
            if (p == null) throw new AssertionFailedError("case " + c + ": the model has no parameter named " + k);
            check(k + ".grad vs PyTorch, case " + c, p.grad()).isCloseTo(GOLDEN.get(c, "grad." + k), ATOL, RTOL);
        }
    }

    @Test
    @Task(2)
    @DisplayName("a checkpoint trained in PyTorch gives PyTorch's logits, and one trained here gives the logits PyTorch computed from it")
    void checkpointsCrossBothWays(ImageClassifierExercise exercise) {
        ImageClassifierModel m = VitCases.loaded(exercise, "trained_pytorch");
        Tensor images = GOLDEN.get("trained_pytorch", "images");
        check("logits of the PyTorch-trained checkpoint", m.forward(images)).isCloseTo(GOLDEN.get("trained_pytorch", "logits"), ATOL, RTOL);
        ImageClassifierModel j = exercise.build(VitCases.config("trained_java"), new Generator(1));
        j.loadStateDict(VitCases.javaTrained(), true);
        check("logits of the Java-trained checkpoint vs PyTorch's on it", j.forward(images))
                .isCloseTo(GOLDEN.get("trained_java", "logits"), ATOL, RTOL);
    }

    @Test
    @Task(2)
    @DisplayName("the gradients agree with central differences (double precision: the images, the patch embedding, [CLS], positions, attention, head)")
    void gradCheck(ImageClassifierExercise exercise) {
        ImageClassifierConfig cfg = new ImageClassifierConfig(1, 4, 2, 4, 2, 4, 1, 3);
        ImageClassifierModel m = exercise.build(cfg, new Generator(21));
        Tensor images = VitCases.images(22, 1, cfg).requiresGrad(true);
        Map<String, Tensor> all = m.namedParameters();
        Map<String, Tensor> named = new LinkedHashMap<>();
        named.put("images", images);
        // the golden cases check every parameter's gradient against PyTorch; here central differences check one of each kind
        for (String k : List.of("patch_embed.weight", "cls_token", "pos_embed", "encoder.layers.0.self_attn.in_proj_weight", "head.weight")) {
            if (all.get(k) == null) throw new AssertionFailedError("the model has no parameter named " + k);
            named.put(k, all.get(k));
        }
        int[] labels = {2};
        assertGradCheckPassed("the tiny ViT's cross-entropy", GradCheck.check(() -> Functional.crossEntropy(m.forward(images), labels), named));
    }

    @Test
    @Task(3)
    @DisplayName("moving patches together with their position rows changes no logit (tokens are patches in row-major order, [CLS] first)")
    void patchesAndPositionsMoveTogether(ImageClassifierExercise exercise) {
        ImageClassifierConfig cfg = new ImageClassifierConfig(1, 12, 4, 8, 2, 16, 2, 2);
        ImageClassifierModel m = exercise.build(cfg, new Generator(31));
        Map<String, Tensor> state = m.stateDict();
        Tensor images = VitCases.images(32, 3, cfg);
        Tensor before = m.forward(images);
        int a = 1, b = 7;                                   // cells (0, 1) and (2, 1) of the 3 x 3 grid
        Tensor pos = state.get("pos_embed");
        if (pos == null) throw new AssertionFailedError("the model has no parameter pos_embed [1, 1 + N, E]");
        Tensor swapped = pos.copy();
        double[] s = swapped.array();
        int e = cfg.dModel();
        for (int k = 0; k < e; k++) {                      // token i + 1 is cell i: [CLS] comes first
            double t = s[(1 + a) * e + k];
            s[(1 + a) * e + k] = s[(1 + b) * e + k];
            s[(1 + b) * e + k] = t;
        }
        Map<String, Tensor> moved = new LinkedHashMap<>(state);
        moved.put("pos_embed", swapped);
        m.loadStateDict(moved, true);
        check("logits after swapping two patches and their position rows", m.forward(VitCases.swapPatches(images, cfg, a, b)))
                .isCloseTo(before, 1e-10, 1e-8);
    }

    @Test
    @Task(3)
    @DisplayName("the [CLS] output decides: changing cls_token changes the logits")
    void clsTokenIsRead(ImageClassifierExercise exercise) {
        ImageClassifierConfig cfg = new ImageClassifierConfig(1, 8, 4, 8, 2, 16, 1, 3);
        ImageClassifierModel m = exercise.build(cfg, new Generator(41));
        Tensor images = VitCases.images(42, 2, cfg);
        Tensor before = m.forward(images);
        Map<String, Tensor> state = new LinkedHashMap<>(m.stateDict());
        Tensor cls = state.get("cls_token");
        if (cls == null) throw new AssertionFailedError("the model has no parameter cls_token [1, 1, E]");
        state.put("cls_token", cls.add(Tensor.randn(new Generator(43), cls.shape())));
        m.loadStateDict(state, true);
        if (m.forward(images).sub(before).abs().max().item() < 1e-9) {
            throw new AssertionFailedError("the logits ignore cls_token: is [CLS] prepended to the patch tokens and the head fed from it?");
        }
    }

    @Test
    @Task(3)
    @DisplayName("train and eval mode give the same logits (dropout is 0), one row per image for any batch")
    void trainAndEvalAgree(ImageClassifierExercise exercise) {
        ImageClassifierConfig cfg = new ImageClassifierConfig(1, 8, 2, 8, 4, 8, 2, 4);
        ImageClassifierModel m = exercise.build(cfg, new Generator(51));
        for (int b : List.of(1, 2, 5)) {
            Tensor images = VitCases.images(52 + b, b, cfg);
            Tensor train = m.forward(images);
            m.eval();
            Tensor eval = m.forward(images);
            m.train();
            if (train.dim() != 2 || train.size(0) != b || train.size(1) != 4) {
                throw new AssertionFailedError("logits of " + b + " images must be [" + b + ", 4], got " + java.util.Arrays.toString(train.shape()));
            }
            check("eval-mode logits vs train-mode logits, batch " + b, eval).isCloseTo(train, 1e-12, 0);
        }
    }

    @Test
    @Task(3)
    @DisplayName("wrong channels, sizes or ranks are IllegalArgumentExceptions naming the shape")
    void wrongShapes(ImageClassifierExercise exercise) {
        ImageClassifierModel m = exercise.build(new ImageClassifierConfig(2, 8, 4, 8, 2, 16, 1, 2), new Generator(61));
        assertThatThrownBy(() -> m.forward(Tensor.zeros(1, 3, 8, 8))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3");
        assertThatThrownBy(() -> m.forward(Tensor.zeros(1, 2, 16, 16))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("16");
        assertThatThrownBy(() -> m.forward(Tensor.zeros(2, 8, 8))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[2, 8, 8]");
    }
}
