package exercises.ex15_speech_ctc;

import static exercises.ex06_softmax_xent_backward.TensorFixture.assertGradCheckPassed;
import static exercises.ex06_softmax_xent_backward.TensorFixture.check;
import static exercises.ex15_speech_ctc.SpeechCases.CTC;
import static exercises.ex15_speech_ctc.SpeechCases.MODEL;
import static exercises.ex15_speech_ctc.SpeechCases.REFERENCE;
import static exercises.ex15_speech_ctc.SpeechCases.TINY;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dojo.exercise.api.CtcOutput;
import dojo.exercise.api.SpectrogramBatch;
import dojo.exercise.api.SpeechRecognizerConfig;
import dojo.exercise.api.SpeechRecognizerExercise;
import dojo.exercise.api.SpeechRecognizerModel;
import dojo.grading.junit.ExerciseSuite;
import dojo.grading.junit.Hidden;
import dojo.grading.junit.Task;
import dojo.models.CtcDecoding;
import dojo.tensor.Functional;
import dojo.tensor.Generator;
import dojo.tensor.GradCheck;
import dojo.tensor.Tensor;
import exercises.ex06_softmax_xent_backward.TensorFixture;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.opentest4j.AssertionFailedError;

/**
 * Hidden suite of ex15: every PyTorch CTC case (repeats, the shortest fitting input, an empty transcript, an
 * impossible one, padding, 150 frames that underflow plain probabilities), gradient checks, agreement with
 * the library's CTC and decoder on random batches, both model golden cases, the checkpoints trained in
 * PyTorch and here, batch independence, state-dict names and errors. Messages name the property, the
 * position and the order of magnitude of the error only.
 */
@ExerciseSuite("ex15_speech_ctc")
@Hidden
@DisplayName("ex15 speech recognizer with CTC (hidden)")
class SpeechCtcHiddenTest {
    static final double ATOL = 1e-9;
    static final double RTOL = 1e-7;

    static List<String> ctcCases() {
        return CTC.cases();
    }

    // ---------------------------------------------------------------------------------------------
    // CTC loss

    @ParameterizedTest(name = "CTC loss and the gradient of logProbs match PyTorch float64 on case {0}")
    @MethodSource("ctcCases")
    @Task(2)
    void ctcGolden(String c, SpeechRecognizerExercise exercise) {
        Tensor lp = CTC.get(c, "logProbs").requiresGrad(true);
        int[] lengths = CTC.ints(c, "inputLengths");
        int[][] targets = SpeechCases.targets(CTC, c);
        Tensor loss = exercise.ctcLoss(lp, lengths, targets);
        if (loss.numel() != 1) throw new AssertionFailedError("ctcLoss must return one number (the mean), shape is " + Arrays.toString(loss.shape()));
        check("CTC loss, case " + c, loss.reshape(1))
                .withCause(Functional.ctcLoss(CTC.get(c, "logProbs"), lengths, targets, 0, true).mul(0).add(summedLoss(c)).reshape(1),
                        "the losses were averaged over the batch without first dividing each by its target length (reduction='mean' does both)")
                .isCloseTo(CTC.get(c, "loss"), ATOL, RTOL);
        loss.backward();
        check("d loss / d logProbs, case " + c, lp.grad())
                .withCause(pytorchStyleGradient(c), "this is PyTorch's ctc_loss backward (exp(logProbs) minus the occupancy): the true gradient"
                        + " with respect to logProbs has no exp(logProbs) term")
                .isCloseTo(CTC.get(c, "grad.logProbs"), ATOL, RTOL);
    }

    @ParameterizedTest(name = "through log_softmax, the gradient of the logits matches PyTorch on case {0}")
    @MethodSource("ctcCases")
    @Task(2)
    void ctcGoldenThroughLogSoftmax(String c, SpeechRecognizerExercise exercise) {
        Tensor logits = CTC.get(c, "logits").requiresGrad(true);
        Tensor loss = exercise.ctcLoss(logits.logSoftmax(2), CTC.ints(c, "inputLengths"), SpeechCases.targets(CTC, c));
        loss.backward();
        check("d loss / d logits, case " + c, logits.grad()).isCloseTo(CTC.get(c, "grad.logits"), ATOL, RTOL);
    }

    @Test
    @Task(2)
    @DisplayName("an impossible transcript (1 1 1 in 4 frames) adds nothing to the loss and gets a zero gradient, the others are unaffected")
    void impossibleIsZeroed(SpeechRecognizerExercise exercise) {
        Tensor lp = CTC.get("impossible", "logProbs").requiresGrad(true);
        Tensor loss = exercise.ctcLoss(lp, CTC.ints("impossible", "inputLengths"), SpeechCases.targets(CTC, "impossible"));
        if (!Double.isFinite(loss.item())) {
            throw new AssertionFailedError("the loss is " + loss.item() + ": an example whose transcript cannot fit must count 0 (zero_infinity=True)");
        }
        loss.backward();
        check("gradient of the impossible example 0", lp.grad().select(0, 0)).isCloseTo(Tensor.zeros(6, 4), 0, 0);
    }

    @Test
    @Task(2)
    @DisplayName("gradient check: the CTC backward equals central differences on a free logProbs tensor (repeats, padding, an empty target)")
    void ctcGradCheck(SpeechRecognizerExercise exercise) {
        Tensor lp = Tensor.randn(new Generator(1530), 3, 6, 4).requiresGrad(true);
        int[] lengths = {6, 4, 5};
        int[][] targets = {{1, 1, 2}, {3}, {}};
        assertGradCheckPassed("ctcLoss", GradCheck.check(() -> exercise.ctcLoss(lp, lengths, targets), Map.of("logProbs", lp)));
    }

    @ParameterizedTest(name = "equals the library's CTC loss and gradient on random batch {0} (lengths 1..T, transcripts with repeats)")
    @ValueSource(ints = {1, 2, 3, 4, 5})
    @Task(2)
    void ctcMatchesLibrary(int seed, SpeechRecognizerExercise exercise) {
        SplittableRandom rng = new SplittableRandom(1540 + seed);
        int b = 2 + rng.nextInt(4), t = 3 + rng.nextInt(20), c = 3 + rng.nextInt(6);
        int[] lengths = new int[b];
        int[][] targets = new int[b][];
        for (int i = 0; i < b; i++) {
            lengths[i] = 1 + rng.nextInt(t);
            targets[i] = new int[rng.nextInt(Math.max(1, lengths[i] / 2 + 1))];
            for (int j = 0; j < targets[i].length; j++) targets[i][j] = rng.nextInt(4) == 0 && j > 0 ? targets[i][j - 1] : 1 + rng.nextInt(c - 1);
        }
        Tensor logits = Tensor.randn(new Generator(1550 + seed), b, t, c).mul(2);
        Tensor lp = logits.logSoftmax(2).detach().requiresGrad(true);
        Tensor ref = lp.detach().requiresGrad(true);
        Tensor expected = Functional.ctcLoss(ref, lengths, targets, 0, true);
        expected.backward();
        Tensor loss = exercise.ctcLoss(lp, lengths, targets);
        check("CTC loss on random batch " + seed, loss.reshape(1)).isCloseTo(expected.reshape(1), ATOL, RTOL);
        loss.backward();
        check("d loss / d logProbs on random batch " + seed, lp.grad()).isCloseTo(ref.grad(), ATOL, RTOL);
    }

    @Test
    @Task(2)
    @DisplayName("ctcLoss rejects a label equal to the blank (0), a label >= C, an input length of 0 or beyond T, and mismatched counts")
    void ctcErrors(SpeechRecognizerExercise exercise) {
        Tensor lp = Tensor.zeros(2, 5, 4).logSoftmax(2);
        assertThatThrownBy(() -> exercise.ctcLoss(lp, new int[] {5, 5}, new int[][] {{1, 0}, {2}})).as("label 0 (the blank) in a target")
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> exercise.ctcLoss(lp, new int[] {5, 5}, new int[][] {{1, 4}, {2}})).as("label 4 with C = 4 classes")
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> exercise.ctcLoss(lp, new int[] {0, 5}, new int[][] {{1}, {2}})).as("input length 0")
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> exercise.ctcLoss(lp, new int[] {6, 5}, new int[][] {{1}, {2}})).as("input length 6 > T = 5")
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> exercise.ctcLoss(lp, new int[] {5}, new int[][] {{1}, {2}})).as("1 input length for 2 examples")
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> exercise.ctcLoss(Tensor.zeros(5, 4), new int[] {5}, new int[][] {{1}})).as("logProbs [T, C] without a batch dim")
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @Task(2)
    @DisplayName("ctcLoss never writes into logProbs")
    void ctcLeavesInputAlone(SpeechRecognizerExercise exercise) {
        Tensor lp = CTC.get("basic", "logProbs");
        exercise.ctcLoss(lp, CTC.ints("basic", "inputLengths"), SpeechCases.targets(CTC, "basic"));
        check("logProbs after ctcLoss", lp).isCloseTo(CTC.get("basic", "logProbs"), 0, 0);
    }

    // ---------------------------------------------------------------------------------------------
    // greedy decoding

    @ParameterizedTest(name = "greedy decoding equals best-path decoding on random batch {0} (sharp distributions, repeats, padding)")
    @ValueSource(ints = {1, 2, 3, 4})
    @Task(3)
    void decodeMatchesLibrary(int seed, SpeechRecognizerExercise exercise) {
        SplittableRandom rng = new SplittableRandom(1560 + seed);
        int b = 3 + rng.nextInt(4), t = 4 + rng.nextInt(12), c = 3 + rng.nextInt(3);
        int[] lengths = new int[b];
        for (int i = 0; i < b; i++) lengths[i] = 1 + rng.nextInt(t);
        double[] v = new double[b * t * c];
        for (int i = 0; i < b * t; i++) {
            int best = rng.nextInt(3) == 0 ? 0 : rng.nextInt(c);
            if (i > 0 && rng.nextInt(3) == 0) best = argmax(v, (i - 1) * c, c);
            for (int k = 0; k < c; k++) v[i * c + k] = k == best ? -0.1 : -3 - rng.nextDouble();
        }
        Tensor lp = Tensor.of(v, b, t, c);
        int[][] expected = CtcDecoding.greedy(lp, lengths);
        int[][] actual = exercise.greedyDecode(lp, lengths);
        if (actual.length != b) throw new AssertionFailedError("greedyDecode returned " + actual.length + " transcripts for " + b + " examples");
        for (int i = 0; i < b; i++) {
            if (!Arrays.equals(actual[i], expected[i])) {
                throw new AssertionFailedError("random batch " + seed + ", example " + i + " (" + lengths[i] + " frames): the decoded transcript is wrong"
                        + " (length " + actual[i].length + ", expected length " + expected[i].length + "): merge repeats across consecutive frames"
                        + " first, then drop blanks; a blank between two equal labels keeps both; frames past lengths[b] are padding");
            }
        }
    }

    @Test
    @Task(3)
    @DisplayName("greedy decoding picks the lowest class index on a tie and keeps a b a (no merging across a different label)")
    void decodeTiesAndAlternation(SpeechRecognizerExercise exercise) {
        double[] v = new double[4 * 3];
        Arrays.fill(v, Math.log(1.0 / 3));                       // frame 0: all tied -> blank
        double[][] rows = {{-2, -0.2, -2}, {-2, -2, -0.2}, {-2, -0.2, -2}};
        for (int t = 0; t < 3; t++) System.arraycopy(rows[t], 0, v, (t + 1) * 3, 3);
        int[][] out = exercise.greedyDecode(Tensor.of(v, 1, 4, 3), new int[] {4});
        if (!Arrays.equals(out[0], new int[] {1, 2, 1})) {
            throw new AssertionFailedError("frames (tie) 1 2 1 must decode to 3 labels (a tie goes to the lowest index, the blank),"
                    + " got " + out[0].length + " labels");
        }
    }

    @Test
    @Task(3)
    @DisplayName("greedyDecode rejects lengths that do not fit [B, T, C]")
    void decodeErrors(SpeechRecognizerExercise exercise) {
        Tensor lp = Tensor.zeros(2, 3, 4);
        assertThatThrownBy(() -> exercise.greedyDecode(lp, new int[] {3})).as("1 length for 2 examples").isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> exercise.greedyDecode(lp, new int[] {4, 3})).as("length 4 > T = 3").isInstanceOf(IllegalArgumentException.class);
    }

    // ---------------------------------------------------------------------------------------------
    // the model

    @ParameterizedTest(name = "with PyTorch's weights the model matches PyTorch float64 on case {0}: lengths, real frames, CTC loss, every parameter's gradient")
    @ValueSource(strings = {"padded", "full"})
    @Task(1)
    void modelGolden(String c, SpeechRecognizerExercise exercise) {
        SpeechRecognizerModel model = exercise.build(TINY, new Generator(1570));
        model.loadStateDict(SpeechCases.state("model.safetensors", c), true);
        CtcOutput out = model.forward(SpeechCases.batch(MODEL, c));
        int[] expected = MODEL.ints(c, "outLengths");
        if (!Arrays.equals(out.lengths(), expected)) {
            throw new AssertionFailedError("case " + c + ": output lengths are wrong (each stride-2 Conv1d with kernel 3 and padding 1 maps L to (L + 1) / 2;"
                    + " apply it twice, to every example's own length)");
        }
        check("log-probabilities at real frames, case " + c, SpeechCases.realFrames(out.logProbs(), expected))
                .isCloseTo(SpeechCases.realFrames(MODEL.get(c, "logProbs"), expected), ATOL, RTOL);
        Tensor loss = Functional.ctcLoss(out.logProbs(), out.lengths(), SpeechCases.targets(MODEL, c), 0, true);
        loss.backward();
        for (Map.Entry<String, Tensor> p : model.namedParameters().entrySet()) {
            check(p.getKey() + ".grad, case " + c, p.getValue().grad()).isCloseTo(MODEL.get(c, "grad." + p.getKey()), ATOL, RTOL);
        }
    }

    @Test
    @Task(1)
    @DisplayName("the state dict has PyTorch's names and shapes (conv1, conv2, position, encoder.layers.N.*, head)")
    void stateDictNames(SpeechRecognizerExercise exercise) {
        Map<String, Tensor> own = exercise.build(TINY, new Generator(1571)).stateDict();
        Map<String, Tensor> expected = SpeechCases.state("model.safetensors", "padded");
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Tensor> e : expected.entrySet()) {
            Tensor t = own.get(e.getKey());
            if (t == null) problems.add("missing " + e.getKey());
            else if (!Arrays.equals(t.shape(), e.getValue().shape())) {
                problems.add(e.getKey() + " has shape " + Arrays.toString(t.shape()) + ", PyTorch's is " + Arrays.toString(e.getValue().shape()));
            }
        }
        for (String k : own.keySet()) if (!expected.containsKey(k)) problems.add("unexpected " + k);
        if (!problems.isEmpty()) throw new AssertionFailedError("state dict differs from PyTorch's: " + String.join("; ", problems));
    }

    @Test
    @Task(1)
    @DisplayName("a checkpoint trained in PyTorch (reference size, 40 AdamW steps) loads strictly and gives PyTorch's log-probabilities")
    void pytorchCheckpoint(SpeechRecognizerExercise exercise) {
        checkpoint(exercise, "pytorch_trained.safetensors", "checkpoint", "checkpoint");
    }

    @Test
    @Task(1)
    @DisplayName("the checkpoint trained here by the speech-recognizer experiment gives the log-probabilities PyTorch computes with it")
    void dojoCheckpoint(SpeechRecognizerExercise exercise) {
        SpeechRecognizerModel model = exercise.build(REFERENCE, new Generator(1573));
        model.loadStateDict(TensorFixture.stateDict(SpeechCases.ID, "dojo_trained.safetensors"), true);
        TensorFixture logits = TensorFixture.load(SpeechCases.ID, "dojo_trained_logits.safetensors");
        compareCheckpoint(model, logits, "dojo", "Java-trained checkpoint");
    }

    private static void checkpoint(SpeechRecognizerExercise exercise, String file, String c, String what) {
        SpeechRecognizerModel model = exercise.build(REFERENCE, new Generator(1572));
        model.loadStateDict(SpeechCases.state(file, c), true);
        compareCheckpoint(model, TensorFixture.load(SpeechCases.ID, file), c, "PyTorch-trained checkpoint");
    }

    private static void compareCheckpoint(SpeechRecognizerModel model, TensorFixture f, String c, String what) {
        CtcOutput out = model.forward(SpeechCases.batch(f, c));
        int[] expected = f.ints(c, "outLengths");
        if (!Arrays.equals(out.lengths(), expected)) throw new AssertionFailedError(what + ": output lengths are wrong");
        check(what + ": log-probabilities at real frames", SpeechCases.realFrames(out.logProbs(), expected))
                .isCloseTo(SpeechCases.realFrames(f.get(c, "logProbs"), expected), ATOL, RTOL);
    }

    @Test
    @Task(1)
    @DisplayName("each example's output is the same alone as in a batch with others of other lengths")
    void batchIndependence(SpeechRecognizerExercise exercise) {
        SpeechRecognizerModel model = exercise.build(TINY, new Generator(1574));
        Tensor x = Tensor.randn(new Generator(1575), 3, 19, 6);
        int[] lengths = {19, 10, 3};
        CtcOutput all = model.forward(new SpectrogramBatch(x, lengths));
        for (int i = 0; i < 3; i++) {
            Tensor alone = x.narrow(0, i, 1).narrow(1, 0, lengths[i]).contiguous();
            CtcOutput one = model.forward(new SpectrogramBatch(alone, new int[] {lengths[i]}));
            int n = one.lengths()[0];
            check("example " + i + " alone vs in the batch", all.logProbs().select(0, i).narrow(0, 0, n))
                    .isCloseTo(one.logProbs().select(0, 0), 1e-10, 1e-10);
        }
    }

    @Test
    @Task(1)
    @DisplayName("every output row is a log-probability distribution over V + 1 classes (logsumexp 0)")
    void rowsAreLogDistributions(SpeechRecognizerExercise exercise) {
        SpeechRecognizerModel model = exercise.build(TINY, new Generator(1576));
        CtcOutput out = model.forward(new SpectrogramBatch(Tensor.randn(new Generator(1577), 2, 16, 6), new int[] {16, 16}));
        check("sum of exp(logProbs) per frame", out.logProbs().exp().sum(2, false)).isCloseTo(Tensor.ones(2, 4), 1e-12, 0);
    }

    @Test
    @Task(1)
    @DisplayName("gradient check through the whole model and the library CTC loss (tiny sizes)")
    void modelGradCheck(SpeechRecognizerExercise exercise) {
        SpeechRecognizerConfig tiny = new SpeechRecognizerConfig(3, 2, 4, 2, 4, 1, 9);
        SpeechRecognizerModel model = exercise.build(tiny, new Generator(1578));
        SpectrogramBatch batch = new SpectrogramBatch(Tensor.randn(new Generator(1579), 2, 9, 3), new int[] {9, 6});
        int[][] targets = {{1, 2}, {2}};
        assertGradCheckPassed("the model's parameters", GradCheck.check(() -> {
            CtcOutput o = model.forward(batch);
            return Functional.ctcLoss(o.logProbs(), o.lengths(), targets, 0, true);
        }, model.namedParameters()));
    }

    @Test
    @Task(1)
    @DisplayName("the model rejects a spectrogram with the wrong number of bins and one longer than maxFrames")
    void modelErrors(SpeechRecognizerExercise exercise) {
        SpeechRecognizerModel model = exercise.build(TINY, new Generator(1580));
        assertThatThrownBy(() -> model.forward(new SpectrogramBatch(Tensor.zeros(1, 8, 5), new int[] {8}))).as("5 bins for a model of 6")
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> model.forward(new SpectrogramBatch(Tensor.zeros(1, 21, 6), new int[] {21}))).as("21 frames for maxFrames 20")
                .isInstanceOf(IllegalArgumentException.class);
    }

    // ---------------------------------------------------------------------------------------------

    /** Mean over the batch of the unnormalised per-example losses (the "forgot / |target|" answer). */
    private static double summedLoss(String c) {
        Tensor lp = CTC.get(c, "logProbs");
        int[] lengths = CTC.ints(c, "inputLengths");
        int[][] targets = SpeechCases.targets(CTC, c);
        double total = 0;
        for (int b = 0; b < targets.length; b++) {
            double one = Functional.ctcLoss(lp.narrow(0, b, 1).contiguous(), new int[] {lengths[b]}, new int[][] {targets[b]}, 0, true).item();
            total += one * Math.max(1, targets[b].length);
        }
        return total / targets.length;
    }

    /** exp(lp) * scale + the true gradient at real frames: what PyTorch's ctc_loss backward returns. */
    private static Tensor pytorchStyleGradient(String c) {
        Tensor lp = CTC.get(c, "logProbs");
        int[] lengths = CTC.ints(c, "inputLengths");
        int[][] targets = SpeechCases.targets(CTC, c);
        double[] g = CTC.get(c, "grad.logProbs").toArray();
        double[] p = lp.exp().toArray();
        int bsz = lp.size(0), t = lp.size(1), cl = lp.size(2);
        for (int b = 0; b < bsz; b++) {
            double scale = 1.0 / (bsz * Math.max(1, targets[b].length));
            for (int i = 0; i < lengths[b]; i++) for (int k = 0; k < cl; k++) g[(b * t + i) * cl + k] += p[(b * t + i) * cl + k] * scale;
        }
        return Tensor.of(g, bsz, t, cl);
    }

    private static int argmax(double[] v, int from, int n) {
        int best = 0;
        for (int k = 1; k < n; k++) if (v[from + k] > v[from + best]) best = k;
        return best;
    }
}
