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

    @Test
    void vizDrawsTheCaptionsSelfAttentionOfATestExampleWithItsWordsAndPadding() {
        Object impl = SolutionModels.load(MultimodalSentimentExperiment.EXERCISE).implementation();
        MultimodalSentimentModel m = (MultimodalSentimentModel) experiment.build(impl, 7);
        assertThat(experiment.vizExamples()).isEqualTo(MultimodalSentimentExperiment.TEST);
        int index = 0;
        while (MultimodalSentimentExperiment.data().test().get(index).length() == SentimentCaptions.MAX_LEN) index++;
        dojo.models.viz.VizCase c = experiment.vizCase(m, index);
        dojo.models.viz.AttentionView v = dojo.models.viz.AttentionProbe.run(m, "multimodal-sentiment", c, -1, -1);
        assertThat(c.tokens()).hasSize(SentimentCaptions.MAX_LEN).startsWith("the").endsWith("pad");
        assertThat(c.padding()[SentimentCaptions.MAX_LEN - 1]).isTrue();
        assertThat(c.source()).contains(" top, ").endsWith(" bottom");
        assertThat(v.layers()).as("only the caption's encoder layer is square over the caption").isEqualTo(1);
        assertThat(v.classes()).containsExactly("negative", "neutral", "positive");
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
