package dojo.models;

import dojo.exercise.api.RetrieverConfig;
import dojo.exercise.api.RetrieverExercise;
import dojo.exercise.api.RetrieverModel;
import dojo.models.data.LayoutPair;
import dojo.models.data.LayoutImage;
import dojo.models.data.LayoutCaptions;
import dojo.models.data.Split;
import dojo.models.viz.VizCase;
import dojo.nn.Module;
import dojo.tensor.Autograd;
import dojo.tensor.Generator;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Seed model C8, the cross-modal retriever, corrected into a dual encoder (exercise ex17_retriever) on
 * {@link LayoutCaptions}: 3000 / 250 / 500 pairs (6000 / 500 / 1000 images), the data seed fixed (the run
 * seed changes only initialisation and batch order). Metric: recall@1 over the whole test gallery of 1000
 * images (every image's hard negative included), in the worse of the two directions (text to image, image
 * to text); ties count as misses.
 */
public final class RetrieverExperiment implements Experiment {

    public static final long DATA_SEED = 20261217L;
    public static final int TRAIN = 3000, VALIDATION = 250, TEST = 500;

    public static RetrieverConfig referenceConfig() {
        return new RetrieverConfig(LayoutCaptions.VOCAB, LayoutCaptions.MAX_LEN, 1, LayoutCaptions.SIZE, LayoutCaptions.PATCH,
                32, 2, 64, 1, 32);
    }

    public static Split<LayoutPair> data() {
        return LayoutCaptions.generate(DATA_SEED, TRAIN, VALIDATION, TEST);
    }

    @Override
    public String name() {
        return "retriever";
    }

    @Override
    public String exerciseId() {
        return "ex17_retriever";
    }

    @Override
    public String summary() {
        return "match captions to images of 2-3 glyphs (which shape where), hard negatives in the gallery";
    }

    @Override
    public String metricName() {
        return "recall@1";
    }

    @Override
    public double target() {
        return 0.95;
    }

    /** 32 pairs = 64 images per step. */
    @Override
    public TrainConfig defaultConfig() {
        return new TrainConfig(2000, 32, 3e-3, 0.01, 50, 50, 0.97, 1L);
    }

    @Override
    public Module build(Object implementation, long seed) {
        return Experiment.implementationAs(RetrieverExercise.class, implementation, exerciseId()).build(referenceConfig(), new Generator(seed));
    }

    @Override
    public Module buildBaseline(long seed) {
        return new MeanPooledDualEncoder(referenceConfig(), new Generator(seed));
    }

    @Override
    public String baselineLabel() {
        return "mean-pooled embeddings + MLP, no token mixing (baseline)";
    }

    @Override
    public TrainResult train(Module model, TrainConfig config, Clock clock, TrainListener listener) {
        if (!(model instanceof RetrieverModel r)) {
            throw new IllegalArgumentException("the retriever experiment trains a RetrieverModel, not " + model.getClass().getName());
        }
        return new Trainer(clock).fit(model, new CaptionRetrieval(r), data(), config, listener);
    }

    /** Both directions of recall@1 and @5 over the 1000-image test gallery, and the hard-negative accuracy. */
    @Override
    public Map<String, Double> testBreakdown(Module model) {
        if (!(model instanceof RetrieverModel m)) {
            throw new IllegalArgumentException("the retriever experiment scores a RetrieverModel, not " + model.getClass().getName());
        }
        boolean was = m.isTraining();
        m.eval();
        CaptionRetrieval.Scores s;
        try (var off = Autograd.noGrad()) {
            s = new CaptionRetrieval(m).scores(data().test());
        } finally {
            m.train(was);
        }
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("text->image recall@1", s.textToImageAt1());
        out.put("image->text recall@1", s.imageToTextAt1());
        out.put("text->image recall@5", s.textToImageAt5());
        out.put("image->text recall@5", s.imageToTextAt5());
        out.put("caption prefers its image to its hard negative", s.hardNegativeAccuracy());
        return out;
    }

    /** Every caption of the test gallery (2 per pair). */
    @Override
    public int vizExamples() {
        return 2 * TEST;
    }

    /** Labels of an image's patch cells in row-major order: "r0c0" .. "r2c2". */
    public static List<String> cellLabels() {
        List<String> out = new java.util.ArrayList<>();
        for (int c = 0; c < LayoutCaptions.CELLS; c++) out.add("r" + c / LayoutCaptions.GRID + "c" + c % LayoutCaptions.GRID);
        return List.copyOf(out);
    }

    /** What an image shows, by patch cell: "square r0c0, disc r1c1". */
    static String glyphsByCell(LayoutImage image) {
        List<String> cells = cellLabels();
        List<String> parts = new java.util.ArrayList<>();
        int[] comp = image.composition();
        for (int c = 0; c < comp.length; c++) {
            if (comp[c] >= 0) parts.add(LayoutCaptions.word(LayoutCaptions.shapeToken(comp[c])) + " " + cells.get(c));
        }
        return String.join(", ", parts);
    }

    /**
     * Caption {@code index} of the test gallery and the choice it makes between its own image and that image's
     * hard negative, every attention layer drawn: the text tower's self-attention over the caption's words and
     * the image tower's self-attention over the 3 x 3 patch cells, once for its image and once for the hard
     * negative ("image self-attn", "negative self-attn": the tower encodes both in one batch). The source line
     * says which glyph is in which cell.
     */
    @Override
    public VizCase vizCase(Module model, int index) {
        if (!(model instanceof RetrieverModel m)) {
            throw new IllegalArgumentException("the retriever experiment draws a RetrieverModel, not " + model.getClass().getName());
        }
        List<LayoutImage> gallery = LayoutCaptions.flatten(data().test());
        LayoutImage own = gallery.get(index), negative = gallery.get(index ^ 1);
        int[] ids = own.caption();
        List<String> words = LayoutCaptions.tokenLabels(ids);
        List<String> cells = cellLabels();
        return new VizCase("test caption " + index + "; its image: " + glyphsByCell(own) + "; hard negative: " + glyphsByCell(negative),
                words, VizCase.noPadding(ids.length),
                () -> m.logits(Retrieval.images(List.of(own, negative)), Retrieval.captions(List.of(own))).reshape(-1),
                List.of("its image", "its hard negative"), 0).with(
                VizCase.Axes.self("text", "caption self-attn", words),
                new VizCase.Axes("image", "image self-attn", cells, new boolean[cells.size()], cells, new boolean[cells.size()], 0),
                new VizCase.Axes("image", "negative self-attn", cells, new boolean[cells.size()], cells, new boolean[cells.size()], 1));
    }
}
