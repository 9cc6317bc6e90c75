package exercises.ex15_speech_ctc;

import static exercises.ex06_softmax_xent_backward.TensorFixture.check;
import static exercises.ex15_speech_ctc.SpeechCases.CTC;
import static exercises.ex15_speech_ctc.SpeechCases.MODEL;
import static exercises.ex15_speech_ctc.SpeechCases.TINY;
import static org.assertj.core.api.Assertions.assertThat;

import dojo.exercise.api.CtcOutput;
import dojo.exercise.api.SpectrogramBatch;
import dojo.exercise.api.SpeechRecognizerConfig;
import dojo.exercise.api.SpeechRecognizerExercise;
import dojo.exercise.api.SpeechRecognizerModel;
import dojo.grading.junit.ExerciseSuite;
import dojo.grading.junit.Task;
import dojo.models.SpeechBatches;
import dojo.models.SpeechRecognition;
import dojo.models.data.SpokenPhones;
import dojo.models.data.SpokenUtterance;
import dojo.optim.Adam;
import dojo.tensor.Functional;
import dojo.tensor.Generator;
import dojo.tensor.Tensor;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Public suite of ex15 (shipped to learners): the model against PyTorch (outputs, lengths, gradients), padding
 * invariance, the CTC loss on worked cases (repeats included) against PyTorch, greedy decoding on worked
 * examples, and overfitting 20 utterances.
 */
@ExerciseSuite("ex15_speech_ctc")
@DisplayName("ex15 speech recognizer with CTC (public)")
class SpeechCtcPublicTest {
    static final double ATOL = 1e-9;
    static final double RTOL = 1e-7;

    @Test
    @Task(1)
    @DisplayName("output lengths after two stride-2 convolutions are ceil(ceil(T / 2) / 2): 1 1 1 1 2 2 2 2 3 for T = 1..9")
    void outputLengths(SpeechRecognizerExercise exercise) {
        SpeechRecognizerModel model = exercise.build(TINY, new Generator(1));
        int[] lengths = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        CtcOutput out = model.forward(new SpectrogramBatch(Tensor.randn(new Generator(2), 9, 9, 6), lengths));
        assertThat(out.lengths()).as("output lengths for input lengths 1..9 (kernel 3, stride 2, padding 1, twice)")
                .containsExactly(1, 1, 1, 1, 2, 2, 2, 2, 3);
        assertThat(out.logProbs().shape()).as("logProbs shape for T = 9 (ceil(ceil(9 / 2) / 2) = 3 frames, V + 1 = 5 classes)")
                .containsExactly(9, 3, 5);
    }

    @Test
    @Task(1)
    @DisplayName("with PyTorch's weights, log-probabilities at the real frames equal the PyTorch module's (padded batch, noise in the padding)")
    void modelMatchesPyTorch(SpeechRecognizerExercise exercise) {
        String c = "padded";
        SpeechRecognizerModel model = exercise.build(TINY, new Generator(3));
        model.loadStateDict(SpeechCases.state("model.safetensors", c), true);
        CtcOutput out = model.forward(SpeechCases.batch(MODEL, c));
        int[] expected = MODEL.ints(c, "outLengths");
        assertThat(out.lengths()).as("output lengths").containsExactly(expected);
        check("log-probabilities at real output frames vs PyTorch", SpeechCases.realFrames(out.logProbs(), expected)).showingValues()
                .isCloseTo(SpeechCases.realFrames(MODEL.get(c, "logProbs"), expected), ATOL, RTOL);
    }

    @Test
    @Task(1)
    @DisplayName("the CTC loss of the model's output has PyTorch's gradient for every parameter")
    void modelGradientsMatchPyTorch(SpeechRecognizerExercise exercise) {
        String c = "padded";
        SpeechRecognizerModel model = exercise.build(TINY, new Generator(4));
        model.loadStateDict(SpeechCases.state("model.safetensors", c), true);
        CtcOutput out = model.forward(SpeechCases.batch(MODEL, c));
        Tensor loss = Functional.ctcLoss(out.logProbs(), out.lengths(), SpeechCases.targets(MODEL, c), 0, true);
        check("CTC loss of the model output vs PyTorch", loss.reshape(1)).showingValues().isCloseTo(MODEL.get(c, "loss"), ATOL, RTOL);
        loss.backward();
        for (Map.Entry<String, Tensor> p : model.namedParameters().entrySet()) {
            check(p.getKey() + ".grad vs PyTorch", p.getValue().grad()).showingValues().isCloseTo(MODEL.get(c, "grad." + p.getKey()), ATOL, RTOL);
        }
    }

    @Test
    @Task(1)
    @DisplayName("padding never changes a real output frame: more padding frames, holding noise, give the same log-probabilities")
    void paddingInvisible(SpeechRecognizerExercise exercise) {
        SpeechRecognizerModel model = exercise.build(TINY, new Generator(5));
        Generator g = new Generator(6);
        Tensor x = Tensor.randn(g, 2, 13, 6);
        int[] lengths = {13, 7};
        CtcOutput a = model.forward(new SpectrogramBatch(x, lengths));
        Tensor longer = Tensor.cat(1, x, Tensor.randn(g, 2, 7, 6).mul(5));
        double[] v = longer.toArray();
        for (int t = 7; t < 13; t++) for (int f = 0; f < 6; f++) v[(20 + t) * 6 + f] = 9;   // example 1's old padding: noise too
        CtcOutput b = model.forward(new SpectrogramBatch(Tensor.of(v, 2, 20, 6), lengths));
        check("real output frames with 7 more padding frames of noise", SpeechCases.realFrames(b.logProbs(), a.lengths())).showingValues()
                .isCloseTo(SpeechCases.realFrames(a.logProbs(), a.lengths()), 1e-10, 1e-10);
    }

    @Test
    @Task(2)
    @DisplayName("CTC loss and its gradient match F.ctc_loss(reduction='mean') on transcripts of distinct labels")
    void ctcBasic(SpeechRecognizerExercise exercise) {
        ctcCase(exercise, "basic");
    }

    @Test
    @Task(2)
    @DisplayName("CTC loss and its gradient match PyTorch on transcripts with repeated labels (2 2, 3 3 3, 1 2 2 1)")
    void ctcRepeats(SpeechRecognizerExercise exercise) {
        ctcCase(exercise, "repeats");
    }

    private static void ctcCase(SpeechRecognizerExercise exercise, String c) {
        Tensor lp = CTC.get(c, "logProbs").requiresGrad(true);
        Tensor loss = exercise.ctcLoss(lp, CTC.ints(c, "inputLengths"), SpeechCases.targets(CTC, c));
        check("CTC loss, case " + c, loss.reshape(1)).showingValues().isCloseTo(CTC.get(c, "loss"), ATOL, RTOL);
        loss.backward();
        check("d loss / d logProbs, case " + c, lp.grad()).showingValues().isCloseTo(CTC.get(c, "grad.logProbs"), ATOL, RTOL);
    }

    @Test
    @Task(3)
    @DisplayName("greedy decoding merges repeats, then drops blanks: frames a a _ a b b _ decode to a a b")
    void greedyWorkedExample(SpeechRecognizerExercise exercise) {
        int[] best = {2, 2, 0, 2, 3, 3, 0};
        int[][] out = exercise.greedyDecode(oneHot(best, 5), new int[] {7});
        assertThat(out[0]).as("decoding of best classes %s", Arrays.toString(best)).containsExactly(2, 2, 3);
    }

    @Test
    @Task(3)
    @DisplayName("greedy decoding reads only the first lengths[b] frames, and all-blank frames decode to nothing")
    void greedyRespectsLengths(SpeechRecognizerExercise exercise) {
        Tensor lp = Tensor.cat(0, oneHot(new int[] {1, 1, 0, 4, 4, 3}, 5), oneHot(new int[] {0, 0, 0, 2, 2, 2}, 5));
        int[][] out = exercise.greedyDecode(lp, new int[] {5, 3});
        assertThat(out[0]).as("example 0, frames 1 1 _ 4 4 (the 3 at frame 5 is padding)").containsExactly(1, 4);
        assertThat(out[1]).as("example 1, frames _ _ _ (the rest is padding)").isEmpty();
    }

    @Test
    @Task(4)
    @DisplayName("the model overfits 20 utterances: every transcript exactly right within 200 Adam steps")
    void overfitTwenty(SpeechRecognizerExercise exercise) {
        List<SpokenUtterance> twenty = SpokenPhones.generate(15, 20, 0, 0).train();
        SpeechRecognizerConfig small = new SpeechRecognizerConfig(SpokenPhones.BINS, SpokenPhones.PHONES, 16, 2, 32, 1, SpokenPhones.MAX_FRAMES);
        SpeechRecognizerModel model = exercise.build(small, new Generator(16));
        SpeechRecognition task = new SpeechRecognition(model);
        Adam adam = Adam.adam(model.parameters(), 2e-2);
        double accuracy = 0;
        int step = 0;
        while (step < 200 && accuracy < 1) {
            step++;
            adam.zeroGrad();
            task.loss(twenty).backward();
            adam.step();
            if (step % 10 == 0) accuracy = dojo.models.Trainer.evaluate(model, task, twenty);
        }
        assertThat(accuracy).as("sequence accuracy on the 20 training utterances after %d steps (a model that cannot fit 20 "
                + "utterances does not pass information along time: check the transposes, the lengths and the masks)", step).isEqualTo(1.0);
    }

    /** [1, T, C] log-probabilities with the given class most likely at each frame. */
    static Tensor oneHot(int[] best, int classes) {
        double[] v = new double[best.length * classes];
        for (int t = 0; t < best.length; t++) {
            for (int k = 0; k < classes; k++) v[t * classes + k] = Math.log(k == best[t] ? 0.6 : 0.4 / (classes - 1));
        }
        return Tensor.of(v, 1, best.length, classes);
    }

    static SpectrogramBatch batchOf(List<SpokenUtterance> u) {
        return SpeechBatches.of(u);
    }
}
