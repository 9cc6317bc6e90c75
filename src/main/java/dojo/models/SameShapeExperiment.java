package dojo.models;

import dojo.models.data.ImageExample;
import dojo.models.data.SameShapeImages;
import dojo.models.data.Split;
import dojo.nn.Module;
import dojo.tensor.Generator;
import java.time.Clock;

/**
 * Seed model C3, the image classifier, on "same shape?" ({@link SameShapeImages}): 16x16 images, 4x4
 * patches, 6000 / 500 / 2000 examples from a fixed data seed.
 */
public final class SameShapeExperiment implements Experiment {

    public static final long DATA_SEED = 20261207L;

    public static Split<ImageExample> data() {
        return SameShapeImages.generate(DATA_SEED, 6000, 500, 2000);
    }

    public static PatchTransformerClassifier.Config referenceConfig() {
        return new PatchTransformerClassifier.Config(1, SameShapeImages.SIZE, SameShapeImages.PATCH, 32, 4, 64, 2, 2);
    }

    @Override
    public String name() {
        return "image-classifier";
    }

    @Override
    public String summary() {
        return "same shape? two 4x4 glyphs at random patches of a 16x16 image";
    }

    @Override
    public String metricName() {
        return "accuracy";
    }

    @Override
    public double target() {
        return 0.97;
    }

    @Override
    public TrainConfig defaultConfig() {
        return new TrainConfig(1500, 64, 3e-3, 0.01, 50, 50, 0.985, 1L);
    }

    public static Module build(Variant variant, long seed) {
        Generator g = new Generator(seed);
        return switch (variant) {
            case REFERENCE -> new PatchTransformerClassifier(referenceConfig(), g);
            case BASELINE -> new ConvPoolClassifier(1, SameShapeImages.PATCH, 32, 64, 2, g);
        };
    }

    @Override
    public Trained train(Variant variant, TrainConfig config, Clock clock, TrainListener listener) {
        Module model = build(variant, config.seed());
        TrainConfig c = variant == Variant.BASELINE ? config.withoutEarlyExit() : config;
        TrainResult r = new Trainer(clock).fit(model, new ImageClassification((ImageClassifier) model), data(), c, listener);
        return new Trained(variant == Variant.REFERENCE ? "ViT: conv patches + [CLS] + encoder (reference)"
                : "conv patches + mean pool + MLP (baseline)", model, r);
    }
}
