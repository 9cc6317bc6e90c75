package dojo.models;

import dojo.models.viz.AttentionProbe;
import dojo.models.viz.VizCase;
import dojo.exercise.api.TextClassifierConfig;
import dojo.exercise.api.TextClassifierExercise;
import dojo.exercise.api.TokenClassifier;
import dojo.models.data.LastTokenRepeats;
import dojo.models.data.Split;
import dojo.models.data.TextExample;
import dojo.nn.Module;
import dojo.tensor.Generator;
import java.time.Clock;

/**
 * Seed model C2, the text classifier (exercise ex11_text_classifier), on "does the last token occur
 * earlier?" ({@link LastTokenRepeats}): 8000 / 500 / 2000 examples, the data seed fixed (the run seed
 * changes only initialisation and batch order, so every run is scored on the same test set).
 */
public final class TextClassifierExperiment implements Experiment {

    public static final String EXERCISE = "ex11_text_classifier";
    public static final long DATA_SEED = 20261206L;
    public static final int TRAIN = 8000, VALIDATION = 500, TEST = 2000;

    /** 2 post-LN layers, width 48, 4 heads, feed-forward 96: 39,410 parameters. */
    public static TextClassifierConfig referenceConfig() {
        return new TextClassifierConfig(LastTokenRepeats.VOCAB, 48, 4, 96, 2, LastTokenRepeats.MAX_LEN, 2);
    }

    public static Split<TextExample> data() {
        return LastTokenRepeats.generate(DATA_SEED, TRAIN, VALIDATION, TEST);
    }

    @Override
    public String name() {
        return "text-classifier";
    }

    @Override
    public String exerciseId() {
        return EXERCISE;
    }

    @Override
    public String summary() {
        return "does the last token occur earlier? (16 token types, lengths 8-12, padded)";
    }

    @Override
    public String metricName() {
        return "accuracy";
    }

    @Override
    public double target() {
        return 0.95;
    }

    @Override
    public TrainConfig defaultConfig() {
        return new TrainConfig(3000, 64, 3e-3, 0.01, 50, 50, 0.97, 1L);
    }

    @Override
    public Module build(Object implementation, long seed) {
        return Experiment.implementationAs(TextClassifierExercise.class, implementation, EXERCISE)
                .build(referenceConfig(), new Generator(seed));
    }

    @Override
    public Module buildBaseline(long seed) {
        return new BagOfEmbeddingsClassifier(LastTokenRepeats.VOCAB, 48, 96, LastTokenRepeats.MAX_LEN, 2, new Generator(seed));
    }

    @Override
    public String baselineLabel() {
        return "mean-pooled embeddings + MLP (baseline)";
    }

    @Override
    public TrainResult train(Module model, TrainConfig config, Clock clock, TrainListener listener) {
        if (!(model instanceof TokenClassifier classifier)) {
            throw new IllegalArgumentException(model.getClass().getName() + " is not a sequence classifier (TokenClassifier)");
        }
        return new Trainer(clock).fit(model, new TextClassification(classifier), data(), config, listener);
    }

    @Override
    public int vizExamples() {
        return TEST;
    }

    @Override
    public VizCase vizCase(Module model, int index) {
        TextExample e = data().test().get(index);
        TokenClassifier classifier = (TokenClassifier) model;
        java.util.List<String> tokens = java.util.Arrays.stream(e.tokens()).mapToObj(Integer::toString).toList();
        return new VizCase("test example " + index, tokens, VizCase.noPadding(tokens.size()),
                () -> classifier.forward(TextExample.batch(java.util.List.of(e))), AttentionProbe.LAST_TOKEN_CLASSES, e.label());
    }
}
