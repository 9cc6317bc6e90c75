package dojo.models;

import dojo.exercise.api.SpeechRecognizerConfig;
import dojo.exercise.api.SpeechRecognizerExercise;
import dojo.exercise.api.SpeechRecognizerModel;
import dojo.models.data.SpokenPhones;
import dojo.models.data.SpokenUtterance;
import dojo.models.data.Split;
import dojo.nn.Module;
import dojo.tensor.Generator;
import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Seed model C6, the speech recognizer (exercise ex15_speech_ctc), on synthetic spoken phones with vowel
 * harmony ({@link SpokenPhones}): 4000 / 300 / 1000 utterances, the data seed fixed (the run seed changes
 * only initialisation and batch order, so every run is scored on the same test set). Metric: the fraction
 * of test utterances whose greedy CTC decoding is the whole transcript.
 */
public final class SpeechRecognizerExperiment implements Experiment {

    public static final String EXERCISE = "ex15_speech_ctc";
    public static final long DATA_SEED = 20261206L;
    public static final int TRAIN = 4000, VALIDATION = 300, TEST = 1000;

    public static SpeechRecognizerConfig referenceConfig() {
        return new SpeechRecognizerConfig(SpokenPhones.BINS, SpokenPhones.PHONES, 48, 4, 96, 2, SpokenPhones.MAX_FRAMES);
    }

    public static Split<SpokenUtterance> data() {
        return SpokenPhones.generate(DATA_SEED, TRAIN, VALIDATION, TEST);
    }

    @Override
    public String name() {
        return "speech-recognizer";
    }

    @Override
    public String exerciseId() {
        return EXERCISE;
    }

    @Override
    public String summary() {
        return "CTC transcripts of synthetic spoken phones (vowel harmony)";
    }

    @Override
    public String metricName() {
        return "sequence accuracy";
    }

    @Override
    public double target() {
        return 0.9;
    }

    @Override
    public TrainConfig defaultConfig() {
        return new TrainConfig(1500, 32, 3e-3, 0.01, 50, 50, 0.95, 1L);
    }

    @Override
    public Module build(Object implementation, long seed) {
        SpeechRecognizerExercise exercise = Experiment.implementationAs(SpeechRecognizerExercise.class, implementation, EXERCISE);
        return exercise.build(referenceConfig(), new Generator(seed));
    }

    @Override
    public Module buildBaseline(long seed) {
        return new ConvFrameCtcBaseline(referenceConfig(), new Generator(seed));
    }

    @Override
    public String baselineLabel() {
        return "conv subsampling + per-frame MLP (baseline)";
    }

    @Override
    public TrainResult train(Module model, TrainConfig config, Clock clock, TrainListener listener) {
        if (!(model instanceof SpeechRecognizerModel m)) {
            throw new IllegalArgumentException("speech-recognizer trains a SpeechRecognizerModel, got " + model.getClass().getName());
        }
        return new Trainer(clock).fit(m, new SpeechRecognition(m), data(), config, listener);
    }

    /**
     * Sequence accuracy on the test transcripts that contain the neutral vowel (7 or 8: right only if the
     * first phone was heard in context) and on those that do not (a window of frames is enough).
     */
    @Override
    public Map<String, Double> testBreakdown(Module model) {
        if (!(model instanceof SpeechRecognizerModel m)) {
            throw new IllegalArgumentException("speech-recognizer scores a SpeechRecognizerModel, got " + model.getClass().getName());
        }
        List<SpokenUtterance> test = data().test();
        List<SpokenUtterance> harmony = test.stream().filter(SpeechRecognizerExperiment::hasNeutralVowel).toList();
        List<SpokenUtterance> other = test.stream().filter(u -> !hasNeutralVowel(u)).toList();
        SpeechRecognition task = new SpeechRecognition(m);
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("with a 7 or 8 (" + harmony.size() + ")", Trainer.evaluate(m, task, harmony));
        out.put("without (" + other.size() + ")", Trainer.evaluate(m, task, other));
        return out;
    }

    /** True when the transcript holds the neutral vowel, whose label (7 or 8) depends on the first phone. */
    public static boolean hasNeutralVowel(SpokenUtterance u) {
        return Arrays.stream(u.phones()).anyMatch(p -> p == SpokenPhones.NEUTRAL_FRONT || p == SpokenPhones.NEUTRAL_BACK);
    }

    @Override
    public int vizExamples() {
        return TEST;
    }

    /**
     * Encoder self-attention over the frames after the 4x subsampling of a test utterance ({@code t0} covers input
     * frames 0-3, {@code t1} 4-7, ...); the transcript is in the title, there is no single prediction to show.
     */
    @Override
    public dojo.models.viz.VizCase vizCase(Module model, int index) {
        SpokenUtterance u = data().test().get(index);
        SpeechRecognizerModel m = (SpeechRecognizerModel) model;
        int frames = (((u.frames() + 1) / 2) + 1) / 2;
        List<String> labels = new java.util.ArrayList<>();
        for (int t = 0; t < frames; t++) labels.add("t" + t);
        return new dojo.models.viz.VizCase("test utterance " + index + ", phones " + java.util.Arrays.toString(u.phones())
                + (hasNeutralVowel(u) ? " (a neutral vowel: its label depends on the first phone)" : ""), labels,
                dojo.models.viz.VizCase.noPadding(frames), () -> {
                    m.forward(SpeechBatches.of(List.of(u)));
                    return null;
                }, List.of(), -1);
    }
}
