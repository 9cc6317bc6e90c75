package exercises.ex19_multimodal_sentiment;

import static exercises.ex06_softmax_xent_backward.TensorFixture.check;
import static exercises.ex19_multimodal_sentiment.SentimentCases.GOLDEN;
import static org.assertj.core.api.Assertions.assertThat;

import dojo.exercise.api.MultimodalSentimentExercise;
import dojo.exercise.api.MultimodalSentimentModel;
import dojo.exercise.api.SentimentBatch;
import dojo.grading.junit.ExerciseSuite;
import dojo.grading.junit.Task;
import dojo.tensor.Autograd;
import dojo.tensor.Functional;
import dojo.tensor.Tensor;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/**
 * Public suite of ex19 (shipped to learners): the corrected C10 against PyTorch (float64 logits, every
 * parameter's gradient and the cross-attention weights), the state_dict names, and the behaviours the
 * original code lacked: one output per example, text as the query over image patches, padding that
 * changes nothing.
 */
@ExerciseSuite("ex19_multimodal_sentiment")
@DisplayName("ex19 multimodal sentiment (public)")
class MultimodalSentimentPublicTest {
    static final double ATOL = 1e-9;
    static final double RTOL = 1e-7;

    @Test
    @Task(1)
    @DisplayName("the state_dict has PyTorch's names and shapes, so a PyTorch checkpoint loads strictly")
    void stateDictMatchesPyTorch(MultimodalSentimentExercise exercise) {
        MultimodalSentimentModel m = SentimentCases.build(exercise, SentimentCases.SMALL, 1);
        Map<String, Tensor> torch = SentimentCases.weights("small");
        assertThat(m.stateDict().keySet()).as("your state_dict names (PyTorch's are %s)", torch.keySet())
                .containsExactlyInAnyOrderElementsOf(torch.keySet());
        SentimentCases.load(m, torch);
    }

    @Test
    @Task(1)
    @DisplayName("one row of logits per example: [B, 3], never one per token or per patch")
    void oneOutputPerExample(MultimodalSentimentExercise exercise) {
        MultimodalSentimentModel m = SentimentCases.build(exercise, SentimentCases.SMALL, 2);
        Tensor out = m.forward(SentimentCases.batch("small"));
        if (out.dim() == 3) {
            throw new AssertionFailedError("the output is " + Arrays.toString(out.shape())
                    + ": one row per token, as in the original document; average over the real tokens before the head");
        }
        assertThat(out.shape()).as("logits shape for 4 examples and 3 classes").containsExactly(4, 3);
    }

    @Test
    @Task(2)
    @DisplayName("with PyTorch's weights, the logits equal nn.Module's (float64, padded captions)")
    void logitsMatchPyTorch(MultimodalSentimentExercise exercise) {
        MultimodalSentimentModel m = SentimentCases.build(exercise, SentimentCases.SMALL, 3);
        SentimentCases.load(m, SentimentCases.weights("small"));
        check("logits vs PyTorch", m.forward(SentimentCases.batch("small"))).showingValues()
                .isCloseTo(GOLDEN.get("small", "logits"), ATOL, RTOL);
    }

    @Test
    @Task(2)
    @DisplayName("the cross-entropy gradient of every parameter equals PyTorch's")
    void gradientsMatchPyTorch(MultimodalSentimentExercise exercise) {
        MultimodalSentimentModel m = SentimentCases.build(exercise, SentimentCases.SMALL, 4);
        SentimentCases.load(m, SentimentCases.weights("small"));
        Tensor logits = m.forward(SentimentCases.batch("small"));
        if (logits.dim() != 2) {
            throw new AssertionFailedError("the logits are " + Arrays.toString(logits.shape()) + ", cross-entropy needs [B, classes]: pool first");
        }
        Tensor loss = Functional.crossEntropy(logits, SentimentCases.labels("small"));
        check("loss vs PyTorch", loss.reshape(1)).showingValues().isCloseTo(GOLDEN.get("small", "loss"), ATOL, RTOL);
        loss.backward();
        for (Map.Entry<String, Tensor> p : m.namedParameters().entrySet()) {
            check(p.getKey() + ".grad vs PyTorch", p.getValue().grad()).showingValues()
                    .isCloseTo(GOLDEN.get("small", "grad." + p.getKey()), ATOL, RTOL);
        }
    }

    @Test
    @Task(3)
    @DisplayName("cross-attention: every caption token's weights over the 4 image patches sum to 1 and equal PyTorch's [B, H, L, P]")
    void crossAttentionWeights(MultimodalSentimentExercise exercise) {
        MultimodalSentimentModel m = SentimentCases.build(exercise, SentimentCases.SMALL, 5);
        SentimentCases.load(m, SentimentCases.weights("small"));
        Tensor w = m.forward(SentimentCases.batch("small"), true).crossAttention();
        if (w == null) throw new AssertionFailedError("forward(batch, true) returned no cross-attention weights: pass needWeights to cross_attn");
        if (w.dim() == 4 && w.size(2) == 4 && w.size(3) == 5) {
            throw new AssertionFailedError("the weights are " + Arrays.toString(w.shape()) + " = [B, H, P, L]: the image patches are"
                    + " the queries and attend to the caption. The caption asks: query = text, key = value = patches");
        }
        if (w.dim() == 4 && w.size(2) == 5 && w.size(3) != 4) {
            throw new AssertionFailedError("the weights are " + Arrays.toString(w.shape()) + ": each token attends to " + w.size(3)
                    + " keys, not to the 4 image patches. Concatenating caption and image into one key sequence (the original's"
                    + " torch.cat) is not cross-attention: key = value = the patches only");
        }
        assertThat(w.shape()).as("cross-attention weights [B, H, L, P] for 4 captions of 5 tokens, 2 heads, 4 patches").containsExactly(4, 2, 5, 4);
        check("sum of each token's weights over the patches", w.sum(3, false)).showingValues().isCloseTo(Tensor.ones(4, 2, 5), 1e-12, 0);
        check("cross-attention weights vs PyTorch", w).showingValues().isCloseTo(GOLDEN.get("small", "cross_attention"), ATOL, RTOL);
    }

    @Test
    @Task(3)
    @DisplayName("padding changes nothing: the same captions padded to 5 instead of 3 give the same logits")
    void paddingChangesNothing(MultimodalSentimentExercise exercise) {
        MultimodalSentimentModel m = SentimentCases.build(exercise, SentimentCases.SMALL, 6);
        SentimentBatch tight = SentimentCases.rows(3, 60, new int[] {3, 1, 4}, new int[] {6, 5}, new int[] {9});
        try (var off = Autograd.noGrad()) {
            check("logits padded to 5 vs padded to 3 (are padded keys masked in the text encoder, and does the mean skip them?)",
                    m.forward(tight.padTo(5))).isCloseTo(m.forward(tight), 1e-12, 0);
        }
    }

    @Test
    @Task(3)
    @DisplayName("an example's logits do not depend on the other examples of its batch")
    void batchIndependence(MultimodalSentimentExercise exercise) {
        MultimodalSentimentModel m = SentimentCases.build(exercise, SentimentCases.SMALL, 7);
        SentimentBatch both = SentimentCases.rows(4, 70, new int[] {2, 7, 1}, new int[] {8, 8, 3, 5});
        SentimentBatch first = new SentimentBatch(Arrays.copyOf(both.ids(), 4), 1, 4, both.images().narrow(0, 0, 1), new int[1]);
        try (var off = Autograd.noGrad()) {
            check("example 0 alone vs in a batch", m.forward(first).select(0, 0)).isCloseTo(m.forward(both).select(0, 0), 1e-12, 0);
        }
    }
}
