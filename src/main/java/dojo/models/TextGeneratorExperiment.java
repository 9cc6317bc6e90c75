package dojo.models;

import dojo.models.viz.VizCase;
import dojo.exercise.api.TextGeneratorConfig;
import dojo.exercise.api.TextGeneratorExercise;
import dojo.exercise.api.TextGeneratorModel;
import dojo.models.data.SortSequences;
import dojo.models.data.Split;
import dojo.nn.Module;
import dojo.tensor.Generator;
import java.time.Clock;

/**
 * Seed model C5, the text generator (exercise ex14_text_generator), on minGPT's sort task
 * ({@link SortSequences}: 6 digits of 0-2 in, the same digits sorted out): 529 / 100 / 100 of the 729
 * possible inputs, the data seed fixed. Scored by exact match of the greedily generated sorted half
 * (through the KV cache); the baseline is {@link CausalMeanGenerator} without the causal mean (each position sees
 * only its own token and position), trained and decoded the same way. Measured: the same generator WITH the causal
 * mean also sorts (0.99 test exact match): sorting needs counts, and a uniform causal mean is a counter, so this
 * task shows that a decoder must mix tokens, not that the mixing must be query-dependent (docs/models/ex14_text_generator.md).
 */
public final class TextGeneratorExperiment implements Experiment {

    public static final long DATA_SEED = 20261206L;
    public static final int TRAIN = 529, VALIDATION = 100, TEST = 100;
    public static final String EXERCISE_ID = "ex14_text_generator";

    /** V = 3 digits, 11 positions (6 input + 5 fed-back outputs), E = 48, 4 heads, F = 96, 2 blocks. */
    public static TextGeneratorConfig referenceConfig() {
        return new TextGeneratorConfig(SortSequences.DIGITS, 2 * SortSequences.LENGTH - 1, 48, 4, 96, 2);
    }

    public static Split<SortSequences.Example> data() {
        return SortSequences.generate(DATA_SEED, TRAIN, VALIDATION, TEST);
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
        return "sort 6 digits of 0-2 by generating them (causal decoder, greedy decoding with a KV cache)";
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
        return new CausalMeanGenerator(SortSequences.DIGITS, 2 * SortSequences.LENGTH - 1, 48, 96, false, new Generator(seed));
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
        return new Trainer(clock).fit(m, new SortGeneration(m), data(), config, listener);
    }

    @Override
    public int vizExamples() {
        return TEST;
    }

    /**
     * The teacher-forced sequence of a test example (6 input digits, then the first 5 of the sorted answer),
     * labelled {@code i<digit>} (input) and {@code o<digit>} (output so far); the prediction shown is the next digit after the last position.
     */
    @Override
    public VizCase vizCase(Module model, int index) {
        SortSequences.Example e = data().test().get(index);
        int[] seq = SortGeneration.inputs(java.util.List.of(e))[0];
        java.util.List<String> tokens = new java.util.ArrayList<>();
        for (int i = 0; i < seq.length; i++) tokens.add((i < SortSequences.LENGTH ? "i" : "o") + seq[i]);
        TextGeneratorModel m = (TextGeneratorModel) model;
        java.util.List<String> classes = new java.util.ArrayList<>();
        for (int d = 0; d < referenceConfig().vocabSize(); d++) classes.add("digit " + d);
        int next = e.sorted()[e.sorted().length - 1];
        return new VizCase("test example " + index + " (teacher-forced; predicts the last sorted digit)", tokens,
                VizCase.noPadding(tokens.size()), () -> m.forward(new int[][] {seq}).select(1, seq.length - 1), classes, next);
    }
}
