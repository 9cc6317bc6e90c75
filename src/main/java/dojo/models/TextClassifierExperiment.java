package dojo.models;

import dojo.models.data.LastTokenRepeats;
import dojo.models.data.Split;
import dojo.models.data.TextExample;
import dojo.nn.Module;
import dojo.tensor.Generator;
import java.time.Clock;

/**
 * Seed model C2, the text classifier, on "does the last token occur earlier?" ({@link LastTokenRepeats}):
 * 8000 / 500 / 2000 examples, the data seed fixed (the run seed changes only initialisation and batch
 * order, so every run is scored on the same test set).
 */
public final class TextClassifierExperiment implements Experiment {

    public static final long DATA_SEED = 20261206L;
    public static final int TRAIN = 8000, VALIDATION = 500, TEST = 2000;

    public static TransformerTextClassifier.Config referenceConfig() {
        return new TransformerTextClassifier.Config(LastTokenRepeats.VOCAB, 48, 4, 96, 2, LastTokenRepeats.MAX_LEN, 2, 0.0);
    }

    public static Split<TextExample> data() {
        return LastTokenRepeats.generate(DATA_SEED, TRAIN, VALIDATION, TEST);
    }

    @Override
    public String name() {
        return "text-classifier";
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

    public static Module build(Variant variant, long seed) {
        Generator g = new Generator(seed);
        return switch (variant) {
            case REFERENCE -> new TransformerTextClassifier(referenceConfig(), g);
            case BASELINE -> new BagOfEmbeddingsClassifier(LastTokenRepeats.VOCAB, 48, 96, LastTokenRepeats.MAX_LEN, 2, g);
        };
    }

    @Override
    public Trained train(Variant variant, TrainConfig config, Clock clock, TrainListener listener) {
        Module model = build(variant, config.seed());
        TrainConfig c = variant == Variant.BASELINE ? config.withoutEarlyExit() : config;
        TrainResult r = new Trainer(clock).fit(model, new TextClassification((TokenClassifier) model), data(), c, listener);
        return new Trained(variant == Variant.REFERENCE ? "transformer (reference)" : "mean-pooled embeddings + MLP (baseline)", model, r);
    }
}
