package exercises.ex17_retriever;

import static exercises.ex06_softmax_xent_backward.TensorFixture.assertGradCheckPassed;
import static exercises.ex06_softmax_xent_backward.TensorFixture.check;
import static exercises.ex17_retriever.RetrieverCases.GOLDEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dojo.exercise.api.RetrieverConfig;
import dojo.exercise.api.RetrieverExercise;
import dojo.exercise.api.RetrieverModel;
import dojo.grading.junit.ExerciseSuite;
import dojo.grading.junit.Hidden;
import dojo.grading.junit.Task;
import dojo.models.Retrieval;
import dojo.exercise.api.TokenBatch;
import dojo.tensor.Functional;
import dojo.tensor.Generator;
import dojo.tensor.GradCheck;
import dojo.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hidden suite of ex17: both golden cases (scale 1/0.07 and clamped at 100) with every gradient, the PyTorch
 * checkpoint and the checkpoint trained here, the loss's symmetry and gradient check, recall@k's edge cases
 * and ties, padding invariance and batch independence of both towers, the initial temperature and the errors.
 * Messages name the property, never the expected numbers.
 */
@ExerciseSuite("ex17_retriever")
@Hidden
@DisplayName("ex17 cross-modal retriever (hidden)")
class RetrieverHiddenTest {
    static final double ATOL = 1e-9;
    static final double RTOL = 1e-7;

    @ParameterizedTest(name = "golden case {0}: embeddings, logits, loss and every gradient match PyTorch float64")
    @ValueSource(strings = {"tiny", "clamped"})
    @Task(2)
    void golden(String c, RetrieverExercise exercise) {
        RetrieverModel m = RetrieverCases.loaded(exercise, c);
        check("image embeddings, case " + c, m.encodeImages(RetrieverCases.images(c))).isCloseTo(GOLDEN.get(c, "image_embeddings"), ATOL, RTOL);
        check("text embeddings, case " + c, m.encodeTexts(RetrieverCases.captions(c))).isCloseTo(GOLDEN.get(c, "text_embeddings"), ATOL, RTOL);
        Tensor logits = m.logits(RetrieverCases.images(c), RetrieverCases.captions(c));
        check("logits per image, case " + c + (c.equals("clamped") ? " (exp(logit_scale) is above 100: the scale must be clamped to 100)" : ""), logits)
                .isCloseTo(GOLDEN.get(c, "logits"), ATOL, RTOL);
        Tensor loss = m.contrastiveLoss(logits);
        check("loss, case " + c, loss.reshape(1)).isCloseTo(GOLDEN.get(c, "loss"), ATOL, RTOL);
        loss.backward();
        for (Map.Entry<String, Tensor> e : m.namedParameters().entrySet()) {
            boolean clampedScale = e.getKey().equals("logit_scale") && c.equals("clamped");
            Tensor grad = e.getValue().grad() == null && clampedScale ? Tensor.zeros() : e.getValue().grad();   // no gradient = a zero one
            check(e.getKey() + ".grad, case " + c + (clampedScale ? " (a clamped scale is a constant: no gradient reaches logit_scale)" : ""), grad)
                    .isCloseTo(GOLDEN.get(c, "grad." + e.getKey()), ATOL, RTOL);
        }
    }

    @Test
    @Task(2)
    @DisplayName("a checkpoint trained in PyTorch loads strictly and gives PyTorch's logits")
    void pytorchCheckpoint(RetrieverExercise exercise) {
        RetrieverModel m = RetrieverCases.loaded(exercise, RetrieverCases.config("ref"), RetrieverCases.checkpoint("pytorch_trained.safetensors"));
        check("logits of the PyTorch-trained checkpoint", m.logits(RetrieverCases.images("ref"), RetrieverCases.captions("ref")))
                .isCloseTo(GOLDEN.get("pytorch_trained", "logits"), ATOL, RTOL);
    }

    @Test
    @Task(2)
    @DisplayName("the checkpoint trained here by ./dojo train retriever gives the logits PyTorch computes from it")
    void javaCheckpoint(RetrieverExercise exercise) {
        RetrieverModel m = RetrieverCases.loaded(exercise, RetrieverCases.config("ref"), RetrieverCases.checkpoint("java_trained.safetensors"));
        check("logits of the checkpoint trained here, vs PyTorch on the same weights",
                m.logits(RetrieverCases.images("ref"), RetrieverCases.captions("ref"))).isCloseTo(GOLDEN.get("java_trained", "logits"), ATOL, RTOL);
    }

    @Test
    @Task(2)
    @DisplayName("the loss is symmetric: the mean of image->text and text->image cross-entropy, so loss(L) = loss(L^T)")
    void lossIsSymmetric(RetrieverExercise exercise) {
        RetrieverModel m = exercise.build(RetrieverCases.small(), new Generator(20));
        Tensor logits = Tensor.randn(new Generator(21), 5, 5).mul(4);
        int[] target = {0, 1, 2, 3, 4};
        Tensor expected = Functional.crossEntropy(logits, target).add(Functional.crossEntropy(logits.t(), target)).div(2);
        check("loss of random 5x5 logits", m.contrastiveLoss(logits).reshape(1))
                .withCause(Functional.crossEntropy(logits, target).reshape(1), "only the image->text direction (rows) is in the loss")
                .withCause(Functional.crossEntropy(logits.t(), target).reshape(1), "only the text->image direction (columns) is in the loss")
                .isCloseTo(expected.reshape(1), 1e-12, 1e-10);
        check("loss of the transposed logits", m.contrastiveLoss(logits.t()).reshape(1)).isCloseTo(m.contrastiveLoss(logits).reshape(1), 1e-12, 1e-10);
    }

    @Test
    @Task(2)
    @DisplayName("the loss's gradient with respect to the logits passes a gradient check")
    void lossGradCheck(RetrieverExercise exercise) {
        RetrieverModel m = exercise.build(RetrieverCases.small(), new Generator(22));
        Tensor logits = Tensor.randn(new Generator(23), 4, 4).mul(3).requiresGrad(true);
        assertGradCheckPassed("the contrastive loss", GradCheck.check(x -> m.contrastiveLoss(x[0]), logits));
    }

    @Test
    @Task(2)
    @DisplayName("gradients through both towers and the scale pass a gradient check")
    void modelGradCheck(RetrieverExercise exercise) {
        RetrieverConfig c = new RetrieverConfig(12, 4, 1, 4, 2, 4, 2, 6, 1, 3);
        RetrieverModel m = exercise.build(c, new Generator(24));
        Tensor images = Tensor.rand(new Generator(25), 3, 1, 4, 4);
        TokenBatch captions = new TokenBatch(new int[] {3, 5, 7, 0, 2, 0, 0, 0, 11, 4, 9, 1}, 3, 4, new int[] {0, 1, 2});
        Map<String, Tensor> some = new LinkedHashMap<>();
        for (String name : new String[] {"logit_scale", "image.patch_embed.weight", "image.proj.weight", "text.embedding.weight", "text.position.weight"}) {
            Tensor p = m.namedParameters().get(name);
            assertThat(p).as("parameter '" + name + "' (PyTorch's state_dict name)").isNotNull();
            some.put(name, p);
        }
        assertGradCheckPassed("the dual encoder's loss", GradCheck.check(() -> m.contrastiveLoss(m.logits(images, captions)), some));
    }

    @Test
    @Task(3)
    @DisplayName("recall@k edge cases: perfect scores, constant scores (all ties), k >= N, and the two directions")
    void recallEdgeCases(RetrieverExercise exercise) {
        RetrieverModel m = exercise.build(RetrieverCases.small(), new Generator(26));
        Tensor eye = Tensor.matrix(new double[][] {{1, 0, 0, 0}, {0, 1, 0, 0}, {0, 0, 1, 0}, {0, 0, 0, 1}});
        assertThat(m.recallAtK(eye, 1) == 1).as("recall@1 of scores that put every right item first must be 1").isTrue();
        Tensor constant = Tensor.full(0.5, 4, 4);
        assertThat(m.recallAtK(constant, 1) == 0).as("recall@1 of constant scores must be 0: every wrong item ties the right one, and a tie is a miss").isTrue();
        assertThat(m.recallAtK(constant, 3) == 0).as("recall@3 of constant scores (4 items) must be 0: 3 wrong items tie the right one").isTrue();
        assertThat(m.recallAtK(constant, 4) == 1).as("recall@4 of 4 items must be 1").isTrue();
        assertThat(m.recallAtK(constant, 9) == 1).as("recall@k with k larger than the gallery must be 1").isTrue();
        assertThat(m.recallAtK(Tensor.matrix(new double[][] {{2}}), 1) == 1).as("recall@1 of a gallery of one item must be 1").isTrue();
        Tensor reversed = Tensor.matrix(new double[][] {{0, 1, 2}, {1, 0, 2}, {2, 1, 0}});
        assertThat(m.recallAtK(reversed, 1) == 0).as("recall@1 when every right item is ranked last must be 0").isTrue();
        assertThat(m.recallAtK(reversed, 3) == 1).as("recall@3 of 3 items must be 1").isTrue();
    }

    @Test
    @Task(3)
    @DisplayName("recall@k agrees with a rank count on random scores with ties, for every k")
    void recallOnRandomScoresWithTies(RetrieverExercise exercise) {
        RetrieverModel m = exercise.build(RetrieverCases.small(), new Generator(27));
        java.util.SplittableRandom r = new java.util.SplittableRandom(28);
        for (int trial = 0; trial < 20; trial++) {
            int n = 2 + r.nextInt(9);
            double[] s = new double[n * n];
            for (int i = 0; i < s.length; i++) s[i] = r.nextInt(4);       // few values: many ties
            Tensor scores = Tensor.of(s, n, n);
            for (int k = 1; k <= n; k++) {
                boolean same = m.recallAtK(scores, k) == Retrieval.recallAtK(scores, k);
                assertThat(same).as("recall@" + k + " of random " + n + "x" + n + " scores with ties (trial " + trial
                        + "): hit when fewer than k wrong items score at least as high as the right one").isTrue();
            }
        }
    }

    @Test
    @Task(3)
    @DisplayName("recall@k rejects k < 1 and scores that are not square")
    void recallErrors(RetrieverExercise exercise) {
        RetrieverModel m = exercise.build(RetrieverCases.small(), new Generator(29));
        assertThatThrownBy(() -> m.recallAtK(Tensor.zeros(3, 3), 0)).as("k = 0").isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> m.recallAtK(Tensor.zeros(3, 4), 1)).as("scores [3, 4]").isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> m.contrastiveLoss(Tensor.zeros(3, 4))).as("loss of logits [3, 4]").isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "extra padding ({0} columns) never changes a text embedding")
    @ValueSource(ints = {1, 2, 4})
    @Task(1)
    void paddingInvariance(int extra, RetrieverExercise exercise) {
        RetrieverModel m = exercise.build(RetrieverCases.small(), new Generator(30 + extra));
        TokenBatch b = RetrieverCases.randomCaptions(40 + extra, 4, 4, 1, 3, 2);
        check("text embeddings with " + extra + " more padding columns", m.encodeTexts(RetrieverCases.padded(b, extra)))
                .isCloseTo(m.encodeTexts(b), 1e-12, 1e-10);
    }

    @Test
    @Task(1)
    @DisplayName("the towers embed each example on its own: a batch gives the rows each example gives alone")
    void batchIndependence(RetrieverExercise exercise) {
        RetrieverModel m = exercise.build(RetrieverCases.small(), new Generator(50));
        Tensor images = Tensor.rand(new Generator(51), 4, 1, 8, 8);
        Tensor together = m.encodeImages(images);
        TokenBatch captions = RetrieverCases.randomCaptions(52, 6, 6, 2, 5, 3);
        Tensor texts = m.encodeTexts(captions);
        for (int i = 0; i < 4; i++) {
            check("image " + i + " embedded alone vs in the batch", m.encodeImages(images.narrow(0, i, 1)))
                    .isCloseTo(together.narrow(0, i, 1), 1e-12, 1e-10);
            check("caption " + i + " embedded alone vs in the batch", m.encodeTexts(RetrieverCases.rows(captions, i, 1)))
                    .isCloseTo(texts.narrow(0, i, 1), 1e-12, 1e-10);
        }
    }

    @Test
    @Task(2)
    @DisplayName("logit_scale starts at ln(1/0.07): the cosines are multiplied by about 14.3 (divided by the temperature 0.07)")
    void initialTemperature(RetrieverExercise exercise) {
        RetrieverModel m = exercise.build(RetrieverCases.small(), new Generator(53));
        Tensor p = m.namedParameters().get("logit_scale");
        assertThat(p).as("a parameter named logit_scale").isNotNull();
        assertThat(p.shape()).as("logit_scale's shape (0-d, like torch.tensor(x))").isEmpty();
        assertThat(Math.abs(p.item() - Math.log(1 / 0.07)) < 1e-12).as("logit_scale starts at ln(1/0.07)").isTrue();
        assertThat(Math.abs(m.logitScale().item() - 1 / 0.07) < 1e-9).as("logitScale() is exp(logit_scale), the inverse temperature").isTrue();
    }

    @Test
    @Task(1)
    @DisplayName("images of the wrong shape and captions longer than maxTextLen are rejected")
    void inputErrors(RetrieverExercise exercise) {
        RetrieverModel m = exercise.build(RetrieverCases.small(), new Generator(54));
        assertThatThrownBy(() -> m.encodeImages(Tensor.zeros(2, 2, 8, 8))).as("images [2, 2, 8, 8] for 1 channel").isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> m.encodeImages(Tensor.zeros(2, 8, 8))).as("images [2, 8, 8] (no channel dim)").isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> m.encodeTexts(RetrieverCases.randomCaptions(55, 9, 9))).as("a caption of 9 tokens for maxTextLen 8")
                .isInstanceOf(IllegalArgumentException.class);
    }
}
