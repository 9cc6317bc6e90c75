package dojo.models;

import dojo.exercise.api.MultimodalClassifierConfig;
import dojo.exercise.api.MultimodalClassifierExercise;
import dojo.exercise.api.MultimodalClassifierModel;
import dojo.models.data.CaptionedImage;
import dojo.models.data.GlyphCaptions;
import dojo.models.data.Split;
import dojo.nn.Module;
import dojo.tensor.Generator;
import java.time.Clock;

/**
 * Seed model C4, the multimodal classifier, on "does the caption describe the image?"
 * ({@link GlyphCaptions}): 8000 / 512 / 2000 (caption, image) pairs from a fixed data seed (the run seed
 * changes only initialisation and batch order, so every run is scored on the same test set). The model is the
 * exercise's: {@link #build} asks the exercise implementation for it.
 */
public final class MultimodalClassifierExperiment implements Experiment {

    public static final long DATA_SEED = 20261213L;
    public static final int TRAIN = 8000, VALIDATION = 512, TEST = 2000;
    public static final int BASELINE_HIDDEN = 64;

    public static MultimodalClassifierConfig referenceConfig() {
        return new MultimodalClassifierConfig(GlyphCaptions.VOCAB, GlyphCaptions.MAX_TEXT, 1, GlyphCaptions.SIZE, GlyphCaptions.CELL,
                32, 4, 64, 2, 2);
    }

    public static Split<CaptionedImage> data() {
        return GlyphCaptions.generate(DATA_SEED, TRAIN, VALIDATION, TEST);
    }

    /**
     * Labels of the encoder's positions for one example, in the model's order (for attention maps): the caption's
     * words, then one label per patch, "r{row}c{col}" plus the glyph it shows, e.g. "r0c2 disc" (empty cells
     * "r1c1 -").
     */
    public static java.util.List<String> positionLabels(CaptionedImage example) {
        java.util.List<String> out = new java.util.ArrayList<>();
        for (int t : example.tokens()) out.add(GlyphCaptions.word(t));
        for (int cell = 0; cell < GlyphCaptions.GRID * GlyphCaptions.GRID; cell++) {
            String shown = GlyphCaptions.shapeIn(example.pixels(), cell).map(GlyphCaptions::glyphName).orElse("-");
            out.add("r" + cell / GlyphCaptions.GRID + "c" + cell % GlyphCaptions.GRID + " " + shown);
        }
        return out;
    }

    @Override
    public String name() {
        return "multimodal-classifier";
    }

    @Override
    public String exerciseId() {
        return "ex13_multimodal_classifier";
    }

    @Override
    public String summary() {
        return "does the caption describe the image? (\"the disc is left\" vs three glyphs on a 3x3 grid)";
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
        MultimodalClassifierExercise exercise = Experiment.implementationAs(MultimodalClassifierExercise.class, implementation, exerciseId());
        MultimodalClassifierModel model = exercise.build(referenceConfig(), new Generator(seed));
        if (model == null) throw new IllegalArgumentException(implementation.getClass().getName() + ".build returned null");
        return model;
    }

    @Override
    public Module buildBaseline(long seed) {
        return new BagOfTokensAndPatchesBaseline(referenceConfig(), BASELINE_HIDDEN, new Generator(seed));
    }

    @Override
    public String baselineLabel() {
        return "mean-pooled token and patch embeddings + MLP (baseline)";
    }

    @Override
    public TrainResult train(Module model, TrainConfig config, Clock clock, TrainListener listener) {
        if (!(model instanceof MultimodalClassifierModel m)) {
            throw new IllegalArgumentException(name() + " trains a " + MultimodalClassifierModel.class.getSimpleName() + ", not a "
                    + model.getClass().getName());
        }
        return new Trainer(clock).fit(m, new CaptionMatching(m), data(), config, listener);
    }

    @Override
    public int vizExamples() {
        return TEST;
    }

    /** The single stream's attention: caption words, then the 3x3 cells with the glyph each shows. */
    @Override
    public dojo.models.viz.VizCase vizCase(Module model, int index) {
        CaptionedImage e = data().test().get(index);
        dojo.exercise.api.MultimodalClassifierModel m = (dojo.exercise.api.MultimodalClassifierModel) model;
        java.util.List<String> labels = positionLabels(e);
        return new dojo.models.viz.VizCase("test example " + index, labels, dojo.models.viz.VizCase.noPadding(labels.size()),
                () -> m.forward(CaptionMatching.batch(java.util.List.of(e))), java.util.List.of("does not match", "matches"), e.label());
    }
}
