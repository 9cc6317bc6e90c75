package dojo.models;

import dojo.exercise.api.TokenBatch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dojo.io.Safetensors;
import dojo.models.data.LayoutPair;
import dojo.models.data.LayoutCaptions;
import dojo.tensor.Autograd;
import dojo.tensor.Generator;
import dojo.tensor.Tensor;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetrievalTest {

    @Test
    void theSymmetricLossEqualsPyTorchsOnTheGoldenLogits() throws Exception {
        Safetensors st;
        try (InputStream in = getClass().getResourceAsStream("/golden/ex17_retriever/retriever.safetensors")) {
            st = Safetensors.parse(in.readAllBytes(), "retriever.safetensors");
        }
        for (String c : List.of("tiny", "clamped")) {
            Tensor logits = Tensor.of(st.doubles(c + ".logits"), st.shape(c + ".logits"));
            assertThat(Retrieval.symmetricInfoNce(logits).item()).as(c).isCloseTo(st.doubles(c + ".loss")[0], org.assertj.core.data.Offset.offset(1e-12));
        }
    }

    @Test
    void recallCountsATieAgainstTheQuery() {
        Tensor s = Tensor.matrix(new double[][] {{0.9, 0.1, 0.2}, {0.7, 0.5, 0.1}, {0.4, 0.3, 0.4}});
        assertThat(Retrieval.recallAtK(s, 1)).isEqualTo(1.0 / 3);
        assertThat(Retrieval.recallAtK(s, 2)).isEqualTo(1.0);
        assertThat(Retrieval.recallAtK(Tensor.full(1, 5, 5), 4)).isZero();
        assertThat(Retrieval.recallAtK(Tensor.full(1, 5, 5), 5)).isEqualTo(1.0);
    }

    @Test
    void recallRejectsKBelowOneAndNonSquareScores() {
        assertThatThrownBy(() -> Retrieval.recallAtK(Tensor.zeros(2, 2), 0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("k");
        assertThatThrownBy(() -> Retrieval.recallAtK(Tensor.zeros(2, 3), 1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[2, 3]");
    }

    @Test
    void captionsArePaddedOnTheRightWithZero() {
        LayoutPair p = LayoutCaptions.generate(3, 1, 0, 0).train().get(0);
        TokenBatch b = Retrieval.captions(List.of(p.first(), p.second()), 7);
        assertThat(b.length()).isEqualTo(7);
        assertThat(b.ids()[p.first().caption().length]).isZero();
        assertThat(Retrieval.images(List.of(p.first())).shape()).containsExactly(1, 1, LayoutCaptions.SIZE, LayoutCaptions.SIZE);
    }

    @Test
    void theBaselineCannotTellACaptionFromItsHardNegative() {
        MeanPooledDualEncoder m = new MeanPooledDualEncoder(RetrieverExperiment.referenceConfig(), new Generator(1));
        List<LayoutPair> pairs = LayoutCaptions.generate(4, 20, 0, 0).train();
        try (var off = Autograd.noGrad()) {
            for (LayoutPair p : pairs) {
                Tensor e = m.encodeTexts(Retrieval.captions(List.of(p.first(), p.second()), LayoutCaptions.MAX_LEN));
                assertThat(e.select(0, 0).maxAbsDiff(e.select(0, 1))).as("%s vs %s", p.first(), p.second()).isLessThan(1e-12);
            }
        }
    }

    @Test
    void theBaselinesImageTowerSeesOnlyWhichGlyphsNotWhere() {
        MeanPooledDualEncoder m = new MeanPooledDualEncoder(RetrieverExperiment.referenceConfig(), new Generator(2));
        Tensor img = Tensor.zeros(2, 1, 12, 12);
        double[] px = img.array();
        // image 0: a bright 2x2 block in the top-left cell and a dim one in the centre; image 1: the two exchanged
        for (int r = 0; r < 2; r++) {
            for (int c = 0; c < 2; c++) {
                px[r * 12 + c] = 1;
                px[(4 + r) * 12 + 4 + c] = 0.5;
                px[144 + r * 12 + c] = 0.5;
                px[144 + (4 + r) * 12 + 4 + c] = 1;
            }
        }
        try (var off = Autograd.noGrad()) {
            Tensor e = m.encodeImages(img);
            assertThat(e.select(0, 0).maxAbsDiff(e.select(0, 1))).isLessThan(1e-12);
        }
    }

    @Test
    void theRetrievalScoresOfAnUntrainedBaselineAreProbabilities() {
        MeanPooledDualEncoder m = new MeanPooledDualEncoder(RetrieverExperiment.referenceConfig(), new Generator(3));
        m.eval();
        try (var off = Autograd.noGrad()) {
            CaptionRetrieval.Scores s = new CaptionRetrieval(m).scores(LayoutCaptions.generate(5, 0, 0, 30).test());
            assertThat(s.gallery()).isEqualTo(60);
            assertThat(s.worseAt1()).isBetween(0.0, 1.0).isLessThanOrEqualTo(s.textToImageAt5());
        }
    }
}
