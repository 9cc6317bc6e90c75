package dojo.models;

import dojo.models.viz.VizCase;
import dojo.exercise.api.TextGeneratorConfig;
import dojo.exercise.api.TextGeneratorExercise;
import dojo.exercise.api.TextGeneratorModel;
import dojo.models.data.ReverseSequences;
import dojo.models.data.Split;
import dojo.nn.Module;
import dojo.tensor.Generator;
import java.time.Clock;

/**
 * Seed model C5, the text generator (exercise ex14_text_generator), on sequence reversal
 * ({@link ReverseSequences}: 8 digits of 0-9 in, the same digits reversed out), the data seed fixed. Scored
 * by exact match of the greedily generated reversed half (through the KV cache). The registered baseline is
 * {@link CausalMeanGenerator} without the causal mean (each position sees only its own token and position);
 * the page also measures it WITH the causal mean (fixed uniform weights over the past, no attention). The
 * output at step j is the input digit at position 7 - j: a lookup of one earlier position, which a bag of
 * the past cannot do (docs/models/ex14_text_generator.md). The task used to be minGPT's sort, which a
 * causal mean also solves (sorting needs only counts); the ex14 suites still overfit sorts ({@link SortGeneration}).
 */
public final class TextGeneratorExperiment implements Experiment {

    public static final long DATA_SEED = 20261206L;
    public static final int TRAIN = 10_000, VALIDATION = 500, TEST = 1_000;
    public static final String EXERCISE_ID = "ex14_text_generator";

    /** V = 10 digits, 15 positions (8 input + 7 fed-back outputs), E = 48, 4 heads, F = 96, 2 blocks. */
    public static TextGeneratorConfig referenceConfig() {
        return new TextGeneratorConfig(ReverseSequences.DIGITS, MAX_LEN, 48, 4, 96, 2);
    }

    /** The positions a model reads: the input and all of the reversed half but its last digit. */
    public static final int MAX_LEN = 2 * ReverseSequences.LENGTH - 1;

    public static Split<ReverseSequences.Example> data() {
        return ReverseSequences.generate(DATA_SEED, TRAIN, VALIDATION, TEST);
    }

    /** Teacher-forced next-token loss on the reversed half, exact match of the greedy generation through the KV cache. */
    public static AnswerGeneration<ReverseSequences.Example> objective(TextGeneratorModel model) {
        return new AnswerGeneration<>(model, ReverseSequences.Example::input, ReverseSequences.Example::reversed);
    }

    @Override
    public String name() {
        return "text-generator";
    }

    @Override
    public String exerciseId() {
        return EXERCISE_ID;
    }

    @Override
    public String summary() {
        return "reverse 8 digits of 0-9 by generating them (causal decoder, greedy decoding with a KV cache)";
    }

    @Override
    public String metricName() {
        return "exact match";
    }

    @Override
    public double target() {
        return 0.99;
    }

    @Override
    public TrainConfig defaultConfig() {
        return new TrainConfig(400, 64, 3e-3, 0.01, 50, 50, 1.0, 1L);
    }

    @Override
    public Module build(Object implementation, long seed) {
        return Experiment.implementationAs(TextGeneratorExercise.class, implementation, EXERCISE_ID).build(referenceConfig(), new Generator(seed));
    }

    @Override
    public Module buildBaseline(long seed) {
        return new CausalMeanGenerator(ReverseSequences.DIGITS, MAX_LEN, 48, 96, false, new Generator(seed));
    }

    @Override
    public String baselineLabel() {
        return "own token + position embedding + MLP, no token mixing (baseline)";
    }

    @Override
    public TrainResult train(Module model, TrainConfig config, Clock clock, TrainListener listener) {
        if (!(model instanceof TextGeneratorModel m)) {
            throw new IllegalArgumentException("text-generator trains a TextGeneratorModel, got " + model.getClass().getName());
        }
        return new Trainer(clock).fit(m, objective(m), data(), config, listener);
    }

    @Override
    public int vizExamples() {
        return TEST;
    }

    /**
     * The teacher-forced sequence of a test example (8 input digits, then the first 7 of the reversed answer),
     * labelled {@code i<digit>} (input) and {@code o<digit>} (output so far); the prediction shown is the next
     * digit after the last position (the reversed half's last digit, i.e. the first input digit).
     */
    @Override
    public VizCase vizCase(Module model, int index) {
        ReverseSequences.Example e = data().test().get(index);
        int[] seq = objective(null).inputs(java.util.List.of(e))[0];
        java.util.List<String> tokens = new java.util.ArrayList<>();
        for (int i = 0; i < seq.length; i++) tokens.add((i < ReverseSequences.LENGTH ? "i" : "o") + seq[i]);
        TextGeneratorModel m = (TextGeneratorModel) model;
        java.util.List<String> classes = new java.util.ArrayList<>();
        for (int d = 0; d < referenceConfig().vocabSize(); d++) classes.add("digit " + d);
        int next = e.reversed()[e.reversed().length - 1];
        return new VizCase("test example " + index + " (teacher-forced; predicts the last reversed digit)", tokens,
                VizCase.noPadding(tokens.size()), () -> m.forward(new int[][] {seq}).select(1, seq.length - 1), classes, next);
    }
}
