package exercises.ex17_retriever;

import static exercises.ex06_softmax_xent_backward.TensorFixture.check;
import static exercises.ex17_retriever.RetrieverCases.GOLDEN;
import static org.assertj.core.api.Assertions.assertThat;

import dojo.exercise.api.RetrieverConfig;
import dojo.exercise.api.RetrieverExercise;
import dojo.exercise.api.RetrieverModel;
import dojo.grading.junit.ExerciseSuite;
import dojo.grading.junit.Task;
import dojo.models.Retrieval;
import dojo.exercise.api.TokenBatch;
import dojo.models.data.LayoutImage;
import dojo.models.data.LayoutCaptions;
import dojo.optim.Adam;
import dojo.tensor.Functional;
import dojo.tensor.Generator;
import dojo.tensor.Tensor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Public suite of ex17 (shipped to learners): the dual encoder against PyTorch float64 (embeddings, logits,
 * loss, every gradient), the properties every retriever needs, recall@k on a worked example, and overfitting
 * 20 caption-image pairs.
 */
@ExerciseSuite("ex17_retriever")
@DisplayName("ex17 cross-modal retriever (public)")
class RetrieverPublicTest {
    static final double ATOL = 1e-9;
    static final double RTOL = 1e-7;

    @Test
    @Task(1)
    @DisplayName("with PyTorch's weights loaded by state_dict name, both towers give PyTorch's embeddings")
    void embeddingsMatchPyTorch(RetrieverExercise exercise) {
        RetrieverModel m = RetrieverCases.loaded(exercise, "tiny");
        check("image embeddings vs PyTorch", m.encodeImages(RetrieverCases.images("tiny"))).showingValues()
                .isCloseTo(GOLDEN.get("tiny", "image_embeddings"), ATOL, RTOL);
        check("text embeddings vs PyTorch (captions padded with 0)", m.encodeTexts(RetrieverCases.captions("tiny"))).showingValues()
                .isCloseTo(GOLDEN.get("tiny", "text_embeddings"), ATOL, RTOL);
    }

    @Test
    @Task(2)
    @DisplayName("logits = exp(logit_scale) x cosine similarity and the symmetric InfoNCE loss match PyTorch")
    void logitsAndLossMatchPyTorch(RetrieverExercise exercise) {
        RetrieverModel m = RetrieverCases.loaded(exercise, "tiny");
        Tensor logits = m.logits(RetrieverCases.images("tiny"), RetrieverCases.captions("tiny"));
        check("logits per image vs PyTorch", logits).showingValues()
                .withCause(GOLDEN.get("tiny", "logits").div(Math.pow(1 / 0.07, 2)), "the similarities were divided by the scale instead of multiplied")
                .isCloseTo(GOLDEN.get("tiny", "logits"), ATOL, RTOL);
        Tensor golden = GOLDEN.get("tiny", "logits");
        int[] target = {0, 1, 2, 3};
        Tensor loss = m.contrastiveLoss(golden);
        check("symmetric InfoNCE loss vs PyTorch", loss.reshape(1)).showingValues()
                .withCause(Functional.crossEntropy(golden, target).reshape(1), "only the image->text direction (rows): average it with the text->image one (columns)")
                .withCause(Functional.crossEntropy(golden.t(), target).reshape(1), "only the text->image direction (columns): average it with the image->text one (rows)")
                .isCloseTo(GOLDEN.get("tiny", "loss"), ATOL, RTOL);
    }

    @Test
    @Task(2)
    @DisplayName("the gradient of the loss reaches every parameter, logit_scale included, as in PyTorch")
    void gradientsMatchPyTorch(RetrieverExercise exercise) {
        RetrieverModel m = RetrieverCases.loaded(exercise, "tiny");
        m.contrastiveLoss(m.logits(RetrieverCases.images("tiny"), RetrieverCases.captions("tiny"))).backward();
        for (Map.Entry<String, Tensor> e : m.namedParameters().entrySet()) {
            check(e.getKey() + ".grad vs PyTorch", e.getValue().grad()).showingValues()
                    .isCloseTo(GOLDEN.get("tiny", "grad." + e.getKey()), ATOL, RTOL);
        }
    }

    @Test
    @Task(1)
    @DisplayName("every embedding has length 1, whatever the input")
    void embeddingsAreUnitVectors(RetrieverExercise exercise) {
        RetrieverConfig c = RetrieverCases.small();
        RetrieverModel m = exercise.build(c, new Generator(3));
        Tensor img = m.encodeImages(Tensor.rand(new Generator(4), 3, 1, 8, 8).mul(5));
        Tensor txt = m.encodeTexts(RetrieverCases.randomCaptions(5, 8, 8, 3, 1));
        check("norms of the image embeddings", img.mul(img).sum(-1, false).sqrt()).showingValues().isCloseTo(Tensor.ones(3), 1e-12, 0);
        check("norms of the text embeddings", txt.mul(txt).sum(-1, false).sqrt()).showingValues().isCloseTo(Tensor.ones(3), 1e-12, 0);
        assertThat(img.shape()).as("image embeddings shape").containsExactly(3, c.embedDim());
        assertThat(txt.shape()).as("text embeddings shape: one row per caption, never one per token").containsExactly(3, c.embedDim());
    }

    @Test
    @Task(1)
    @DisplayName("extra padding after a caption changes nothing: padded keys are masked and pooling skips them")
    void paddingChangesNothing(RetrieverExercise exercise) {
        RetrieverModel m = exercise.build(RetrieverCases.small(), new Generator(6));
        TokenBatch b = RetrieverCases.randomCaptions(7, 5, 5, 2, 4);
        check("text embeddings with 3 more padding columns", m.encodeTexts(RetrieverCases.padded(b, 3))).showingValues()
                .isCloseTo(m.encodeTexts(b), 1e-12, 1e-10);
    }

    @Test
    @Task(3)
    @DisplayName("recall@k worked example: ranks per row, a tie with the right item counts as a miss")
    void recallWorkedExample(RetrieverExercise exercise) {
        RetrieverModel m = exercise.build(RetrieverCases.small(), new Generator(8));
        // row 0: right item 0.9 is best -> hit at k=1
        // row 1: 0.7 (item 0) beats the right 0.5 -> rank 2: miss at k=1, hit at k=2
        // row 2: item 0 ties the right item at 0.4 -> counts above it: miss at k=1, hit at k=2
        Tensor s = Tensor.matrix(new double[][] {{0.9, 0.1, 0.2}, {0.7, 0.5, 0.1}, {0.4, 0.3, 0.4}});
        assertThat(m.recallAtK(s, 1)).as("recall@1 of the worked example (ties are misses)").isEqualTo(1.0 / 3);
        assertThat(m.recallAtK(s, 2)).as("recall@2 of the worked example").isEqualTo(1.0);
        // the other direction ranks columns: 0.9, 0.5 and 0.4 each top their column
        assertThat(m.recallAtK(s.t(), 1)).as("recall@1 of its transpose (the other direction)").isEqualTo(1.0);
    }

    @Test
    @Task(4)
    @DisplayName("overfits 20 caption-image pairs (10 with their hard negatives) to recall@1 = 1 both ways within 200 Adam steps")
    void overfitsTwenty(RetrieverExercise exercise) {
        RetrieverConfig c = new RetrieverConfig(LayoutCaptions.VOCAB, LayoutCaptions.MAX_LEN, 1, LayoutCaptions.SIZE, LayoutCaptions.PATCH,
                16, 2, 32, 1, 16);
        RetrieverModel m = exercise.build(c, new Generator(9));
        List<LayoutImage> items = RetrieverCases.twenty();
        Tensor images = Retrieval.images(items);
        TokenBatch captions = Retrieval.captions(items);
        Adam opt = Adam.adamW(m.parameters(), 1e-2, 0.9, 0.999, 1e-8, 0.0);
        double[] recall = {0, 0};
        int step = 0;
        while (step < 200 && !(recall[0] == 1 && recall[1] == 1)) {
            step++;
            opt.zeroGrad();
            m.contrastiveLoss(m.logits(images, captions)).backward();
            opt.step();
            if (step % 10 == 0) recall = RetrieverCases.recallAt1(m, items);
        }
        assertThat(recall).as("recall@1 text->image, image->text on the 20 training pairs after " + step
                + " steps (scored by the framework, ties are misses)").containsExactly(1.0, 1.0);
    }
}
