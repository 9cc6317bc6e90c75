package dojo.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dojo.exercise.api.RetrieverModel;
import dojo.nn.Module;
import dojo.models.data.LayoutPair;
import dojo.models.data.Split;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class RetrieverExperimentTest {

    private final RetrieverExperiment e = new RetrieverExperiment();

    @Test
    void isInTheStandardCatalogUnderItsName() {
        assertThat(ExperimentCatalog.standard().find("retriever")).containsInstanceOf(RetrieverExperiment.class);
        assertThat(e.exerciseId()).isEqualTo("ex17_retriever");
        assertThat(e.metricName()).isEqualTo("recall@1");
        assertThat(e.target()).isEqualTo(0.95);
    }

    @Test
    void theDataIsFixedDisjointAndTheGalleryHoldsAThousandImages() {
        Split<LayoutPair> d = RetrieverExperiment.data();
        assertThat(d.test()).hasSize(500);
        assertThat(RetrieverExperiment.data().test()).isEqualTo(d.test());
        assertThat(d.train()).doesNotContainAnyElementsOf(d.test());
    }

    @Test
    void buildRejectsAnImplementationOfAnotherExercise() {
        assertThatThrownBy(() -> e.build("not a retriever", 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ex17_retriever").hasMessageContaining("RetrieverExercise");
    }

    @Test
    void trainRejectsAModelThatIsNotARetriever() {
        Module other = new BagOfEmbeddingsClassifier(5, 4, 4, 4, 2, new dojo.tensor.Generator(1));
        assertThatThrownBy(() -> e.train(other, e.defaultConfig().withSteps(1), Clock.systemUTC(), TrainListener.NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("RetrieverModel");
    }

    @Test
    void theBaselineTrainsWithTheSameRecipeAndIsScoredOnTheTestGallery() {
        Module base = e.buildBaseline(1);
        assertThat(base).isInstanceOf(RetrieverModel.class);
        TrainResult r = e.train(base, e.defaultConfig().withSteps(3).withoutEarlyExit(), Clock.fixed(Instant.EPOCH, ZoneOffset.UTC), TrainListener.NONE);
        assertThat(r.steps()).isEqualTo(3);
        assertThat(r.test()).isBetween(0.0, 1.0);
    }

    @Test
    void vizDrawsACaptionsSelfAttentionAndItsChoiceBetweenItsImageAndItsHardNegative() {
        assertThat(e.vizExamples()).isEqualTo(1000);
        dojo.models.viz.VizCase c = e.vizCase(e.buildBaseline(1), 3);
        dojo.models.data.LayoutImage caption = dojo.models.data.LayoutCaptions.flatten(RetrieverExperiment.data().test()).get(3);
        assertThat(c.tokens()).isEqualTo(dojo.models.data.LayoutCaptions.tokenLabels(caption.caption()));
        assertThat(c.classes()).containsExactly("its image", "its hard negative");
        assertThat(c.forward().get().shape()).containsExactly(2);
        assertThat(c.trueLabel()).isZero();
    }

    @Test
    void vizDrawsTheImageTowerOnItsImageAndOnTheHardNegativeBesideTheCaption() {
        RetrieverModel m = (RetrieverModel) e.build(SolutionModels.load("ex17_retriever").implementation(), 1);
        int index = 3;
        dojo.models.viz.VizCase c = e.vizCase(m, index);
        assertThat(c.source()).matches("test caption 3; its image: .*r[0-2]c[0-2].*; hard negative: .*r[0-2]c[0-2].*");
        dojo.models.viz.AttentionView v = dojo.models.viz.AttentionProbe.run(m, "retriever", c, -1, -1);
        assertThat(v.described()).extracting(dojo.models.viz.AttentionView.Layer::name)
                .containsExactly("image self-attn", "negative self-attn", "caption self-attn");
        assertThat(v.layer(0).keys()).hasSize(9).startsWith("r0c0").endsWith("r2c2");
        assertThat(v.layer(2).queries()).isEqualTo(c.tokens());
        // batch row 1 of the image tower is the hard negative: the same maps as the tower on that image alone
        java.util.List<dojo.models.data.LayoutImage> gallery = dojo.models.data.LayoutCaptions.flatten(RetrieverExperiment.data().test());
        m.eval();
        java.util.Map<String, java.util.List<dojo.tensor.Tensor>> alone;
        try (var off = dojo.tensor.Autograd.noGrad()) {
            alone = dojo.models.viz.AttentionRecorder.capture(m, () -> m.encodeImages(Retrieval.images(java.util.List.of(gallery.get(index ^ 1)))));
        }
        double[] a = alone.get("image.encoder.layers.0.self_attn").get(0).contiguous().toArray();   // [1, 2, 9, 9]
        for (dojo.models.viz.AttentionMap map : v.maps()) {
            if (map.layer() != 1) continue;
            for (int q = 0; q < 9; q++) {
                for (int k = 0; k < 9; k++) {
                    assertThat(map.weight(q, k)).isCloseTo(a[(map.head() * 9 + q) * 9 + k], org.assertj.core.api.Assertions.within(1e-12));
                }
            }
        }
        assertThat(v.maps()).filteredOn(map -> map.layer() == 0).first().satisfies(own ->
                assertThat(own.weights()).isNotEqualTo(v.maps().stream().filter(x -> x.layer() == 1).findFirst().orElseThrow().weights()));
    }

    @Test
    void theBreakdownGivesBothDirectionsAndTheHardNegativeAccuracy() {
        java.util.Map<String, Double> b = e.testBreakdown(e.buildBaseline(1));
        assertThat(b.keySet()).containsExactly("text->image recall@1", "image->text recall@1", "text->image recall@5",
                "image->text recall@5", "caption prefers its image to its hard negative");
        assertThat(b.get("caption prefers its image to its hard negative")).as("a bag of words is a coin flip on hard negatives").isEqualTo(0.5);
    }
}
