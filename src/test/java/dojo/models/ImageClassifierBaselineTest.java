package dojo.models;

import static org.assertj.core.api.Assertions.assertThat;

import dojo.models.data.ImageExample;
import dojo.models.data.SameRowImages;
import dojo.models.data.Split;
import dojo.tensor.Generator;
import dojo.tensor.Tensor;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ImageClassifierBaselineTest {

    @Test
    void theBagOfPatchesBaselineGivesBothLabelsOfTheSameDrawTheSameLogits() {
        // any weights: the baseline is a function of the multiset of patches, and the coupled pair shares it
        ImageClassifierBaseline m = new ImageClassifierBaseline(1, SameRowImages.PATCH, 16, 16, 2, new Generator(3));
        for (long seed = 0; seed < 50; seed++) {
            ImageExample same = SameRowImages.example(new SplittableRandom(seed), 1);
            ImageExample different = SameRowImages.example(new SplittableRandom(seed), 0);
            Tensor a = m.forward(ImageClassification.images(List.of(same)));
            Tensor b = m.forward(ImageClassification.images(List.of(different)));
            assertThat(a.sub(b).abs().max().item()).as("logit difference, seed %d", seed).isLessThan(1e-12);
        }
    }

    @Test
    void theBaselineStaysNearChanceAfterTraining() {
        Split<ImageExample> data = SameRowImages.generate(21, 1000, 0, 600);
        ImageClassifierBaseline m = new ImageClassifierBaseline(1, SameRowImages.PATCH, 16, 32, 2, new Generator(1));
        TrainResult r = new Trainer(Clock.fixed(Instant.EPOCH, ZoneOffset.UTC)).fit(m, new ImageClassification(m), data,
                new TrainConfig(150, 32, 1e-2, 0.0, 0, 150, 2.0, 3), TrainListener.NONE);
        assertThat(r.test()).isBetween(0.44, 0.56);
    }

    @Test
    void itGivesOneRowPerImage() {
        ImageClassifierBaseline m = new ImageClassifierBaseline(1, 4, 8, 8, 2, new Generator(1));
        assertThat(m.forward(ImageClassification.images(SameRowImages.generate(1, 3, 0, 0).train())).shape()).containsExactly(3, 2);
    }
}
