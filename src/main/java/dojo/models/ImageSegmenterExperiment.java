package dojo.models;

import dojo.models.viz.VizCase;
import dojo.exercise.api.ImageSegmenterConfig;
import dojo.exercise.api.ImageSegmenterExercise;
import dojo.exercise.api.ImageSegmenterModel;
import dojo.models.data.RepeatedShapeSegmentation;
import dojo.models.data.SegmentationExample;
import dojo.models.data.Split;
import dojo.nn.Module;
import dojo.tensor.Generator;
import java.time.Clock;

/**
 * Seed model C7, the image segmenter (exercise ex16_image_segmenter), on "which shapes appear twice?"
 * ({@link RepeatedShapeSegmentation}): 16x16 images, 4x4 patches, three pixel classes, 4000 / 300 / 1000
 * images from a fixed data seed; scored by mean IoU over the test set.
 */
public final class ImageSegmenterExperiment implements Experiment {

    public static final long DATA_SEED = 20261216L;
    public static final int SIDE = 4;

    public static Split<SegmentationExample> data() {
        return RepeatedShapeSegmentation.generate(DATA_SEED, SIDE, 4000, 300, 1000);
    }

    /** The reference size: 16x16 grey images, 4x4 patches (16 tokens), d = 32, 4 heads, 2 layers, 3 classes. */
    public static ImageSegmenterConfig referenceConfig() {
        int size = SIDE * RepeatedShapeSegmentation.CELL;
        return new ImageSegmenterConfig(1, size, size, RepeatedShapeSegmentation.CELL, 32, 4, 64, 2, RepeatedShapeSegmentation.CLASSES);
    }

    @Override
    public String name() {
        return "image-segmenter";
    }

    @Override
    public String exerciseId() {
        return "ex16_image_segmenter";
    }

    @Override
    public String summary() {
        return "per pixel: which glyph shapes appear twice, which once (16x16, 4x4 patches)";
    }

    @Override
    public String metricName() {
        return "mIoU";
    }

    @Override
    public double target() {
        return 0.8;
    }

    /** 1500 steps of 32 images at most; the early exit at validation mIoU 0.95 (above the 0.8 target). */
    @Override
    public TrainConfig defaultConfig() {
        return new TrainConfig(1500, 32, 3e-3, 0.01, 50, 50, 0.95, 1L);
    }

    @Override
    public Module build(Object implementation, long seed) {
        return Experiment.implementationAs(ImageSegmenterExercise.class, implementation, exerciseId()).build(referenceConfig(), new Generator(seed));
    }

    @Override
    public Module buildBaseline(long seed) {
        ImageSegmenterConfig c = referenceConfig();
        return new PatchMlpSegmenter(c.channels(), c.height(), c.width(), c.patch(), c.dModel(), 64, c.classes(), new Generator(seed));
    }

    @Override
    public String baselineLabel() {
        return "conv patches + per-patch MLP, no token mixing (baseline)";
    }

    @Override
    public TrainResult train(Module model, TrainConfig config, Clock clock, TrainListener listener) {
        if (!(model instanceof ImageSegmenterModel segmenter)) {
            throw new IllegalArgumentException("image-segmenter trains an ImageSegmenterModel, got " + model.getClass().getName());
        }
        return new Trainer(clock).fit(model, new Segmentation(segmenter, RepeatedShapeSegmentation.CLASSES), data(), config, listener);
    }

    @Override
    public int vizExamples() {
        return data().test().size();
    }

    /** Attention between the patches of a test image, labelled by cell ({@code r0c0} = top-left patch). */
    @Override
    public VizCase vizCase(Module model, int index) {
        SegmentationExample e = data().test().get(index);
        ImageSegmenterModel m = (ImageSegmenterModel) model;
        int p = referenceConfig().patch();
        java.util.List<String> cells = new java.util.ArrayList<>();
        for (int r = 0; r < e.height() / p; r++) for (int c = 0; c < e.width() / p; c++) cells.add("r" + r + "c" + c);
        return new VizCase("test image " + index + " (patches)", cells, VizCase.noPadding(cells.size()),
                () -> {
                    m.forward(Segmentation.images(java.util.List.of(e)));
                    return null;
                }, java.util.List.of(), -1);
    }
}
