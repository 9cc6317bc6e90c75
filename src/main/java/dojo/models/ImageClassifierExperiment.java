package dojo.models;

import dojo.exercise.api.ImageClassifierConfig;
import dojo.exercise.api.ImageClassifierExercise;
import dojo.exercise.api.ImageClassifierModel;
import dojo.models.data.ImageExample;
import dojo.models.data.SameRowImages;
import dojo.models.data.Split;
import dojo.models.viz.PatchAttentionView;
import dojo.models.viz.VizCase;
import dojo.nn.Module;
import dojo.tensor.Generator;
import java.time.Clock;
import java.util.List;

/**
 * Seed model C3, the image classifier (exercise ex12_image_classifier, a tiny ViT), on "is the square in
 * the same row as the disc?" ({@link SameRowImages}): 16x16 images, 4x4 patches,
 * 10000 / 500 / 2000 examples from a fixed data seed (the run seed changes only initialisation and batch
 * order). The baseline is {@link ImageClassifierBaseline}, a bag of patches, at chance by construction.
 */
public final class ImageClassifierExperiment implements Experiment {

    public static final String EXERCISE = "ex12_image_classifier";
    public static final long DATA_SEED = 20261207L;
    public static final int TRAIN = 10000, VALIDATION = 500, TEST = 2000;

    /** 2 pre-LN layers, width 32, 4 heads, feed-forward 64, on 1 + 16 tokens: 18,338 parameters. */
    public static ImageClassifierConfig referenceConfig() {
        return new ImageClassifierConfig(1, SameRowImages.SIZE, SameRowImages.PATCH, 32, 4, 64, 2, 2);
    }

    public static Split<ImageExample> data() {
        return SameRowImages.generate(DATA_SEED, TRAIN, VALIDATION, TEST);
    }

    @Override
    public String name() {
        return "image-classifier";
    }

    @Override
    public String exerciseId() {
        return EXERCISE;
    }

    @Override
    public String summary() {
        return "is the square in the same row as the disc? (16x16 images, 4x4 patches)";
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
        return new TrainConfig(2500, 64, 3e-3, 0.01, 50, 50, 0.985, 1L);
    }

    @Override
    public Module build(Object implementation, long seed) {
        return Experiment.implementationAs(ImageClassifierExercise.class, implementation, EXERCISE)
                .build(referenceConfig(), new Generator(seed));
    }

    @Override
    public Module buildBaseline(long seed) {
        return new ImageClassifierBaseline(1, SameRowImages.PATCH, 32, 64, 2, new Generator(seed));
    }

    @Override
    public String baselineLabel() {
        return "conv patches + mean pool + MLP (baseline)";
    }

    @Override
    public TrainResult train(Module model, TrainConfig config, Clock clock, TrainListener listener) {
        return new Trainer(clock).fit(model, new ImageClassification(classifier(model)), data(), config, listener);
    }

    @Override
    public int vizExamples() {
        return TEST;
    }

    /** A test image as {@code dojo viz} draws it: [CLS] then the 16 patches, labelled by cell ({@code r0c0} = top left). */
    @Override
    public VizCase vizCase(Module model, int index) {
        if (index < 0 || index >= TEST) throw new IllegalArgumentException("test example " + index + " does not exist (0.." + (TEST - 1) + ")");
        ImageExample e = data().test().get(index);
        ImageClassifier classifier = classifier(model);
        int grid = referenceConfig().grid();
        List<String> tokens = PatchAttentionView.tokenLabels(grid, grid);
        ImageClassifierConfig c = referenceConfig();
        return new VizCase("test example " + index, tokens, VizCase.noPadding(tokens.size()),
                () -> classifier.forward(ImageClassification.images(List.of(e))), SameRowImages.CLASSES, e.label(),
                new VizCase.Image(ImageClassification.images(List.of(e)).toArray(), c.imageSize(), c.imageSize(), c.patchSize()));
    }

    private static ImageClassifier classifier(Module model) {
        if (model instanceof ImageClassifierModel vit) return vit::forward;
        if (model instanceof ImageClassifier c) return c;
        throw new IllegalArgumentException(model.getClass().getName() + " is not an image classifier (ImageClassifierModel)");
    }
}
