package exercises.ex13_multimodal_classifier;

import static exercises.ex06_softmax_xent_backward.TensorFixture.assertGradCheckPassed;
import static exercises.ex06_softmax_xent_backward.TensorFixture.check;
import static exercises.ex13_multimodal_classifier.MultimodalCases.GOLDEN;
import static exercises.ex13_multimodal_classifier.MultimodalCases.PT_TRAINED;
import static exercises.ex13_multimodal_classifier.MultimodalCases.SMALL;
import static exercises.ex13_multimodal_classifier.MultimodalCases.TINY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dojo.exercise.api.CaptionImageBatch;
import dojo.exercise.api.MultimodalClassifierConfig;
import dojo.exercise.api.MultimodalClassifierExercise;
import dojo.exercise.api.MultimodalClassifierModel;
import dojo.grading.junit.ExerciseSuite;
import dojo.grading.junit.Hidden;
import dojo.grading.junit.Task;
import dojo.exercise.api.TokenBatch;
import dojo.tensor.Autograd;
import dojo.tensor.Functional;
import dojo.tensor.Generator;
import dojo.tensor.GradCheck;
import dojo.tensor.Tensor;
import exercises.ex06_softmax_xent_backward.TensorFixture;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Hidden suite of ex13: checkpoints trained in PyTorch and in Java, what the type embeddings and positions
 * must do, padding and batch independence on random batches, a gradient check, and errors. Messages name the
 * property and the order of magnitude of an error, never expected values.
 */
@ExerciseSuite("ex13_multimodal_classifier")
@Hidden
@DisplayName("ex13 single-stream multimodal classifier (hidden)")
class MultimodalClassifierHiddenTest {
    static final double ATOL = 1e-9;
    static final double RTOL = 1e-7;

    @Test
    @Task(2)
    @DisplayName("a checkpoint trained in PyTorch gives PyTorch's logits")
    void pytorchTrainedCheckpoint(MultimodalClassifierExercise exercise) {
        MultimodalClassifierModel m = MultimodalCases.loaded(exercise, SMALL, PT_TRAINED, "pt_trained");
        check("logits of the PyTorch-trained checkpoint", m.forward(MultimodalCases.batch(GOLDEN, "small")))
                .isCloseTo(PT_TRAINED.get("pt_trained", "logits"), ATOL, RTOL);
    }

    @Test
    @Task(2)
    @DisplayName("the checkpoint trained by ./dojo train gives the logits PyTorch computes with it")
    void javaTrainedCheckpoint(MultimodalClassifierExercise exercise) {
        TensorFixture torch = TensorFixture.load(MultimodalCases.ID, "java_check.safetensors");
        MultimodalClassifierConfig reference = dojo.models.MultimodalClassifierExperiment.referenceConfig();
        MultimodalClassifierModel m = exercise.build(reference, new Generator(1));
        m.loadStateDict(MultimodalCases.checkpoint("java_trained.safetensors"), true);
        check("logits of the Java-trained checkpoint vs PyTorch", m.forward(MultimodalCases.batch(torch, "java_check")))
                .isCloseTo(torch.get("java_check", "logits"), ATOL, RTOL);
    }

    @Test
    @Task(3)
    @DisplayName("caption tokens add token_type row 0 and patches row 1 (shifting a row equals shifting that modality's positions)")
    void typeEmbeddingsPerModality(MultimodalClassifierExercise exercise) {
        CaptionImageBatch b = MultimodalCases.random(SMALL, 40, 5, 5, 2, 4);
        Tensor delta = Tensor.randn(new Generator(41), SMALL.dModel()).mul(0.7);
        for (int type = 0; type < 2; type++) {
            String positions = type == 0 ? "text_position.weight" : "patch_position.weight";
            MultimodalClassifierModel viaType = MultimodalCases.loaded(exercise, SMALL, GOLDEN, "small");
            MultimodalClassifierModel viaPositions = MultimodalCases.loaded(exercise, SMALL, GOLDEN, "small");
            try (var off = Autograd.noGrad()) {
                shiftRow(viaType.stateDict().get("token_type.weight"), type, delta);
                Tensor pos = viaPositions.stateDict().get(positions);
                for (int r = 0; r < pos.size(0); r++) shiftRow(pos, r, delta);
                Tensor before = MultimodalCases.loaded(exercise, SMALL, GOLDEN, "small").forward(b);
                Tensor shifted = viaType.forward(b);
                assertThat(shifted.maxAbsDiff(before) > 1e-6).as("logits changed by adding a vector to token_type row %d (%s)", type,
                        type == 0 ? "text tokens must add row 0" : "image patches must add row 1").isTrue();
                check("logits after shifting token_type row " + type + " vs after shifting every row of " + positions, shifted)
                        .isCloseTo(viaPositions.forward(b), 1e-10, 1e-8);
            }
        }
    }

    private static void shiftRow(Tensor t, int row, Tensor delta) {
        double[] a = t.array();
        double[] d = delta.toArray();
        for (int j = 0; j < d.length; j++) a[row * d.length + j] += d[j];
    }

    @Test
    @Task(3)
    @DisplayName("where a patch is matters: moving image content to another cell changes the logits")
    void patchesArePositioned(MultimodalClassifierExercise exercise) {
        MultimodalClassifierModel m = MultimodalCases.loaded(exercise, SMALL, GOLDEN, "small");
        CaptionImageBatch b = MultimodalCases.random(SMALL, 42, 5, 4, 3);
        // swap the top-left and bottom-right 4x4 cells of every image
        Tensor img = b.images().copy();
        double[] px = img.array();
        int s = SMALL.imageSize(), p = SMALL.patchSize();
        for (int n = 0; n < b.batch() * SMALL.channels(); n++) {
            for (int r = 0; r < p; r++) {
                for (int c = 0; c < p; c++) {
                    int a = n * s * s + r * s + c, z = n * s * s + (s - p + r) * s + (s - p + c);
                    double t = px[a];
                    px[a] = px[z];
                    px[z] = t;
                }
            }
        }
        try (var off = Autograd.noGrad()) {
            double moved = m.forward(new CaptionImageBatch(b.text(), img)).maxAbsDiff(m.forward(b));
            assertThat(moved > 1e-6).as("logits changed by swapping two image cells (patches need patch_position, and one token per "
                    + "patch: an image squeezed into one vector cannot tell where anything is)").isTrue();
        }
    }

    @Test
    @Task(3)
    @DisplayName("padding never matters: neither how far captions are padded nor what the padding row of the embedding holds")
    void paddingInvisible(MultimodalClassifierExercise exercise) {
        for (long seed = 50; seed < 53; seed++) {
            MultimodalClassifierModel m = exercise.build(SMALL, new Generator(seed));
            CaptionImageBatch b = MultimodalCases.random(SMALL, seed, 3, 3, 1, 2, 3);
            try (var off = Autograd.noGrad()) {
                Tensor exact = m.forward(b);
                check("logits with captions padded from 3 to 5 tokens", m.forward(MultimodalCases.padTo(b, 5))).isCloseTo(exact, 1e-10, 1e-8);
                double[] row0 = m.stateDict().get("text_embedding.weight").array();
                for (int j = 0; j < SMALL.dModel(); j++) row0[j] = 5.0 * ((j % 3) - 1);
                check("logits after changing the padding row (id 0) of text_embedding", m.forward(MultimodalCases.padTo(b, 5)))
                        .isCloseTo(exact, 1e-10, 1e-8);
            }
        }
    }

    @Test
    @Task(3)
    @DisplayName("each example's logits depend on that example only (batch independence)")
    void batchIndependence(MultimodalClassifierExercise exercise) {
        MultimodalClassifierModel m = exercise.build(SMALL, new Generator(60));
        CaptionImageBatch b = MultimodalCases.random(SMALL, 61, 5, 5, 2, 4, 1);
        try (var off = Autograd.noGrad()) {
            Tensor all = m.forward(b);
            for (int i = 0; i < b.batch(); i++) {
                int l = b.text().length();
                int[] ids = Arrays.copyOfRange(b.text().ids(), i * l, (i + 1) * l);
                CaptionImageBatch one = new CaptionImageBatch(new TokenBatch(ids, 1, l, new int[] {0}), b.images().narrow(0, i, 1).contiguous());
                check("logits of example " + i + " alone vs in its batch", m.forward(one)).isCloseTo(all.narrow(0, i, 1), 1e-10, 1e-8);
            }
        }
    }

    @Test
    @Task(2)
    @DisplayName("a tiny model passes GradCheck for every parameter")
    void gradCheck(MultimodalClassifierExercise exercise) {
        MultimodalClassifierModel m = exercise.build(TINY, new Generator(70));
        CaptionImageBatch b = MultimodalCases.random(TINY, 71, 3, 3, 1);
        Map<String, Tensor> params = new LinkedHashMap<>(m.namedParameters());
        params.remove("text_embedding.weight"); // its padding row has no gradient by design; checked below without it
        assertGradCheckPassed("multimodal classifier (TINY config, padded captions)",
                GradCheck.check(() -> Functional.crossEntropy(m.forward(b), b.labels()), params));
    }

    @Test
    @Task(4)
    @DisplayName("wrong image shapes and too-long captions are rejected with IllegalArgumentException naming the shapes")
    void errors(MultimodalClassifierExercise exercise) {
        MultimodalClassifierModel m = exercise.build(SMALL, new Generator(80));
        CaptionImageBatch ok = MultimodalCases.random(SMALL, 81, 5, 5, 2);
        assertThatThrownBy(() -> m.forward(new CaptionImageBatch(ok.text(), Tensor.zeros(2, 1, 12, 12))))
                .as("images [2, 1, 12, 12] for 2 channels").isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[2, 1, 12, 12]");
        assertThatThrownBy(() -> m.forward(new CaptionImageBatch(ok.text(), Tensor.zeros(2, 2, 16, 16))))
                .as("images [2, 2, 16, 16] for imageSize 12").isInstanceOf(IllegalArgumentException.class).hasMessageContaining("16");
        assertThatThrownBy(() -> m.forward(MultimodalCases.padTo(ok, 6)))
                .as("captions of length 6 for maxTextLength 5").isInstanceOf(IllegalArgumentException.class).hasMessageContaining("6");
    }
}
