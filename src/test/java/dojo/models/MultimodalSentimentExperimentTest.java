package dojo.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dojo.exercise.api.MultimodalSentimentModel;
import dojo.exercise.api.SentimentBatch;
import dojo.models.data.SentimentExample;
import dojo.models.data.SentimentCaptions;
import dojo.models.viz.AttentionRecorder;
import dojo.tensor.Autograd;
import dojo.tensor.Tensor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MultimodalSentimentExperimentTest {

    private final MultimodalSentimentExperiment experiment = new MultimodalSentimentExperiment();

    @Test
    void itIsRegisteredUnderItsNameForItsExercise() {
        assertThat(ExperimentCatalog.standard().find("multimodal-sentiment")).containsInstanceOf(MultimodalSentimentExperiment.class);
        assertThat(experiment.exerciseId()).isEqualTo("ex19_multimodal_sentiment");
        assertThat(experiment.target()).isEqualTo(0.95);
        assertThat(experiment.baselineLabel()).contains("baseline");
    }

    @Test
    void theSolutionBuildsWithASmallImagePositionTableAndPyTorchNames() {
        Object impl = SolutionModels.load(MultimodalSentimentExperiment.EXERCISE).implementation();
        MultimodalSentimentModel m = (MultimodalSentimentModel) experiment.build(impl, 3);
        assertThat(m.stateDict()).containsKeys("token_embedding.weight", "text_position.weight", "patch_embed.weight",
                "image_position.weight", "cross_attn.in_proj_weight", "cross_norm.weight", "ff_norm.bias", "head.weight");
        double[] w = m.stateDict().get("image_position.weight").toArray();
        double sq = 0;
        for (double v : w) sq += v * v;
        assertThat(Math.sqrt(sq / w.length)).as("std of the initial image position table").isBetween(0.05, 0.15);
    }

    @Test
    void buildRefusesAnImplementationOfAnotherExercise() {
        assertThatThrownBy(() -> experiment.build("not a builder", 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ex19_multimodal_sentiment");
    }

    @Test
    void theRecorderFindsTheCrossAttentionAndItsWeightsAreCaptionTokensOverPatches() {
        Object impl = SolutionModels.load(MultimodalSentimentExperiment.EXERCISE).implementation();
        MultimodalSentimentModel m = (MultimodalSentimentModel) experiment.build(impl, 4);
        SentimentExample example = MultimodalSentimentExperiment.data().test().get(0);
        SentimentBatch batch = SentimentClassification.batch(List.of(example));
        m.eval();
        Map<String, List<Tensor>> recorded;
        try (var off = Autograd.noGrad()) {
            recorded = AttentionRecorder.capture(m, () -> m.forward(batch));
        }
        assertThat(recorded).containsKeys("text_encoder.layers.0.self_attn", "image_encoder.layers.0.self_attn", "cross_attn");
        Tensor w = recorded.get("cross_attn").get(0);
        assertThat(w.shape()).containsExactly(1, 4, example.length(), SentimentCaptions.PATCHES);
        assertThat(MultimodalSentimentExperiment.tokenLabels(example, example.length())).hasSize(example.length()).startsWith("the");
        assertThat(MultimodalSentimentExperiment.patchLabels(example)).hasSize(SentimentCaptions.PATCHES)
                .anySatisfy(l -> assertThat(l).startsWith("upper")).anySatisfy(l -> assertThat(l).startsWith("lower"));
    }

    @Test
    void inTheTrainedCheckpointSomeCrossAttentionHeadFindsTheNamedObjectsPatch() throws Exception {
        Object impl = SolutionModels.load(MultimodalSentimentExperiment.EXERCISE).implementation();
        MultimodalSentimentModel m = (MultimodalSentimentModel) experiment.build(impl, 0);
        dojo.io.Safetensors f;
        try (var in = getClass().getResourceAsStream("/golden/ex19_multimodal_sentiment/java_trained.safetensors")) {
            f = dojo.io.Safetensors.parse(in.readAllBytes(), "java_trained.safetensors");
        }
        Map<String, Tensor> w = new java.util.LinkedHashMap<>();
        for (String n : f.names()) w.put(n, Tensor.of(f.doubles(n), f.shape(n)));
        m.loadStateDict(w, true);
        m.eval();
        List<SentimentExample> named = MultimodalSentimentExperiment.data().test().stream()
                .filter(e -> e.label() != SentimentCaptions.NEUTRAL).toList();
        SentimentBatch batch = SentimentClassification.batch(named);
        Tensor cw;
        try (var off = Autograd.noGrad()) {
            cw = m.forward(batch, true).crossAttention();                  // [B, H, L, P]
        }
        int heads = cw.size(1), len = cw.size(2), patches = cw.size(3);
        double[] v = cw.contiguous().toArray();
        double best = 0;
        for (int h = 0; h < heads; h++) {
            double sum = 0;
            for (int b = 0; b < named.size(); b++) {
                SentimentExample e = named.get(b);
                int object = e.tokens()[1] - SentimentCaptions.FIRST_OBJECT;
                int cell = e.glyphShapes()[0] == object ? e.glyphCells()[0] : e.glyphCells()[1];
                double most = 0;
                for (int t = 0; t < e.length(); t++) most = Math.max(most, v[((b * heads + h) * len + t) * patches + cell]);
                sum += most;
            }
            best = Math.max(best, sum / named.size());
        }
        assertThat(best).as("best head's mean weight on the named object's patch (uniform: 1/4)").isGreaterThan(0.5);
    }

    /** A test example shorter than the longest caption (so padded in the viz) and its case. */
    private int paddedExample() {
        int index = 0;
        while (MultimodalSentimentExperiment.data().test().get(index).length() == SentimentCaptions.MAX_LEN) index++;
        return index;
    }

    @Test
    void vizDrawsTheCaptionThePictureAndTheCrossAttentionEachWithItsOwnLabels() {
        Object impl = SolutionModels.load(MultimodalSentimentExperiment.EXERCISE).implementation();
        MultimodalSentimentModel m = (MultimodalSentimentModel) experiment.build(impl, 7);
        assertThat(experiment.vizExamples()).isEqualTo(MultimodalSentimentExperiment.TEST);
        int index = paddedExample();
        dojo.models.viz.VizCase c = experiment.vizCase(m, index);
        dojo.models.viz.AttentionView v = dojo.models.viz.AttentionProbe.run(m, "multimodal-sentiment", c, -1, -1);
        assertThat(c.tokens()).hasSize(SentimentCaptions.MAX_LEN).startsWith("the").endsWith("pad");
        assertThat(c.padding()[SentimentCaptions.MAX_LEN - 1]).isTrue();
        assertThat(c.source()).matches("test \\d+: \\w+ at r0c[01] \\(top\\), \\w+ at r1c[01] \\(bottom\\)");
        assertThat(v.classes()).containsExactly("negative", "neutral", "positive");
        assertThat(v.layers()).isEqualTo(3);
        assertThat(v.described()).extracting(dojo.models.viz.AttentionView.Layer::path)
                .containsExactly("text_encoder.layers.0.self_attn", "image_encoder.layers.0.self_attn", "cross_attn");
        assertThat(v.described()).extracting(dojo.models.viz.AttentionView.Layer::name)
                .containsExactly("caption self-attn", "picture self-attn", "cross-attention");
        dojo.models.viz.AttentionView.Layer cross = v.layer(2);
        assertThat(cross.queries()).isEqualTo(c.tokens());
        assertThat(cross.keys()).containsExactly("r0c0", "r0c1", "r1c0", "r1c1");
        assertThat(v.layer(1).queries()).isEqualTo(cross.keys());
        assertThat(v.maps()).hasSize(3 * 4);
        int real = MultimodalSentimentExperiment.data().test().get(index).length();
        for (dojo.models.viz.AttentionMap map : v.maps()) {
            dojo.models.viz.AttentionView.Layer d = v.layer(map.layer());
            assertThat(map.rows()).isEqualTo(d.queries().size());
            assertThat(map.cols()).isEqualTo(d.keys().size());
            for (int q = 0; q < map.rows(); q++) {
                double sum = 0;
                for (int k = 0; k < map.cols(); k++) {
                    if (d.isPaddedKey(k)) assertThat(map.weight(q, k)).as("padded key %d", k).isZero();
                    sum += map.weight(q, k);
                }
                assertThat(sum).as("layer %d head %d row %d", map.layer(), map.head(), q).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-9));
            }
        }
        assertThat(v.layer(0).isPaddedKey(real)).isTrue();
    }

    @Test
    void theDrawnCrossAttentionIsTheWeightsTheModelReturnsRowsAreWordsColumnsArePatches() {
        Object impl = SolutionModels.load(MultimodalSentimentExperiment.EXERCISE).implementation();
        MultimodalSentimentModel m = (MultimodalSentimentModel) experiment.build(impl, 7);
        int index = paddedExample();
        dojo.models.viz.AttentionView v = dojo.models.viz.AttentionProbe.run(m, "multimodal-sentiment", experiment.vizCase(m, index), 2, 1);
        assertThat(v.maps()).singleElement().satisfies(map -> assertThat(map.layer()).isEqualTo(2));
        SentimentExample e = MultimodalSentimentExperiment.data().test().get(index);
        SentimentBatch batch = SentimentClassification.batch(List.of(e)).padTo(SentimentCaptions.MAX_LEN);
        m.eval();
        Tensor w;
        try (var off = Autograd.noGrad()) {
            w = m.forward(batch, true).crossAttention();                     // [1, 4, L, P]
        }
        double[][] expected = new double[SentimentCaptions.MAX_LEN][SentimentCaptions.PATCHES];
        double[] a = w.contiguous().toArray();
        for (int q = 0; q < expected.length; q++) {
            for (int k = 0; k < SentimentCaptions.PATCHES; k++) expected[q][k] = a[(1 * SentimentCaptions.MAX_LEN + q) * SentimentCaptions.PATCHES + k];
        }
        for (int q = 0; q < expected.length; q++) assertThat(v.maps().get(0).weights()[q]).containsExactly(expected[q], org.assertj.core.api.Assertions.within(1e-12));
    }

    @Test
    void vizAsksForALayerThatDoesNotExistByItsRange() {
        Object impl = SolutionModels.load(MultimodalSentimentExperiment.EXERCISE).implementation();
        MultimodalSentimentModel m = (MultimodalSentimentModel) experiment.build(impl, 7);
        assertThatThrownBy(() -> dojo.models.viz.AttentionProbe.run(m, "multimodal-sentiment", experiment.vizCase(m, 0), 3, -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("layer 3 does not exist (0..2)");
    }

    @Test
    void aDescribedLayerWhoseWeightsHaveAnotherShapeIsNamedInTheError() {
        Object impl = SolutionModels.load(MultimodalSentimentExperiment.EXERCISE).implementation();
        MultimodalSentimentModel m = (MultimodalSentimentModel) experiment.build(impl, 7);
        dojo.models.viz.VizCase c = experiment.vizCase(m, 0);
        // patch cells as queries, caption as keys: the transpose of what cross_attn records
        dojo.models.viz.VizCase wrong = new dojo.models.viz.VizCase(c.source(), c.tokens(), c.padding(), c.forward(), c.classes(), c.trueLabel())
                .with(new dojo.models.viz.VizCase.Axes("cross_attn", "cross-attention", MultimodalSentimentExperiment.cellLabels(),
                        new boolean[4], c.tokens(), c.padding(), 0));
        assertThatThrownBy(() -> dojo.models.viz.AttentionProbe.run(m, "multimodal-sentiment", wrong, -1, -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("cross_attn recorded attention weights of shape [1, 4, 5, 4], expected [B > 0, heads, 4, 5]");
    }

    @Test
    void theBreakdownGivesTheTestAccuracyOfEachClass() {
        Map<String, Double> b = experiment.testBreakdown(experiment.buildBaseline(6));
        assertThat(b.keySet()).containsExactly("negative accuracy", "neutral accuracy", "positive accuracy");
        assertThat(b.values()).allSatisfy(v -> assertThat(v).isBetween(0.0, 1.0));
        assertThat(experiment.testBreakdown(new dojo.nn.Linear(1, 1, new dojo.tensor.Generator(1)))).isEmpty();
    }

    @Test
    void theBaselineGivesOneRowPerExampleAndIgnoresPadding() {
        MultimodalSentimentModel b = (MultimodalSentimentModel) experiment.buildBaseline(5);
        SentimentBatch batch = SentimentClassification.batch(MultimodalSentimentExperiment.data().validation().subList(0, 6));
        try (var off = Autograd.noGrad()) {
            Tensor tight = b.forward(batch);
            assertThat(tight.shape()).containsExactly(6, 3);
            assertThat(b.forward(batch.padTo(SentimentCaptions.MAX_LEN)).maxAbsDiff(tight)).isLessThan(1e-12);
        }
    }

    @Test
    void aBatchPadsCaptionsAndStacksImages() {
        List<SentimentExample> two = MultimodalSentimentExperiment.data().train().subList(0, 2);
        SentimentBatch b = SentimentClassification.batch(two);
        assertThat(b.images().shape()).containsExactly(2, 1, SentimentCaptions.SIZE, SentimentCaptions.SIZE);
        assertThat(b.length()).isEqualTo(Math.max(two.get(0).length(), two.get(1).length()));
        assertThat(b.labels()).containsExactly(two.get(0).label(), two.get(1).label());
    }
}
