package dojo.models;

import static org.assertj.core.api.Assertions.assertThat;

import dojo.models.data.ImageExample;
import dojo.models.data.SameShapeImages;
import dojo.models.data.Split;
import dojo.tensor.Generator;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class PatchTransformerClassifierTest {

    private static final PatchTransformerClassifier.Config SMALL = new PatchTransformerClassifier.Config(1, 16, 4, 16, 2, 32, 1, 2);

    @Test
    void outputIsOneRowPerImageAndTheKeysAreThoseOfAViT() {
        PatchTransformerClassifier m = new PatchTransformerClassifier(SMALL, new Generator(1));
        List<ImageExample> ex = SameShapeImages.generate(1, 3, 0, 0).train();
        assertThat(m.forward(ImageClassification.images(ex)).shape()).containsExactly(3, 2);
        assertThat(m.stateDict().keySet()).contains("cls_token", "patch_embed.weight", "patch_embed.bias", "position.weight",
                "encoder.layers.0.self_attn.in_proj_weight", "head.weight");
        assertThat(m.stateDict().get("patch_embed.weight").shape()).containsExactly(16, 1, 4, 4);
        assertThat(m.stateDict().get("position.weight").shape()).containsExactly(17, 16);
    }

    @Test
    void itOverfitsTwentyImagesToFullAccuracyWithinTwoHundredSteps() {
        List<ImageExample> twenty = SameShapeImages.generate(2, 20, 0, 0).train();
        PatchTransformerClassifier m = new PatchTransformerClassifier(SMALL, new Generator(4));
        TrainResult r = new Trainer(Clock.fixed(Instant.EPOCH, ZoneOffset.UTC)).fit(m, new ImageClassification(m),
                new Split<>("twenty", twenty, twenty, twenty), new TrainConfig(200, 20, 1e-2, 0.0, 0, 10, 1.0, 5), TrainListener.NONE);
        assertThat(r.reachedTarget()).isTrue();
        assertThat(r.test()).isEqualTo(1.0);
    }
}
