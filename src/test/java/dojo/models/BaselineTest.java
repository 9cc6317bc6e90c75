package dojo.models;

import dojo.exercise.api.TokenBatch;
import static org.assertj.core.api.Assertions.assertThat;

import dojo.models.data.LastTokenRepeats;
import dojo.models.data.Split;
import dojo.models.data.TextExample;
import dojo.tensor.Generator;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class BaselineTest {

    @Test
    void theBagOfEmbeddingsBaselineStaysNearChanceOnLastTokenRepeats() {
        Split<TextExample> data = LastTokenRepeats.generate(21, 1000, 0, 600);
        BagOfEmbeddingsClassifier m = new BagOfEmbeddingsClassifier(LastTokenRepeats.VOCAB, 16, 32, LastTokenRepeats.MAX_LEN, 2, new Generator(1));
        TrainConfig cfg = new TrainConfig(200, 32, 1e-2, 0.0, 0, 200, 2.0, 3);
        TrainResult r = new Trainer(Clock.fixed(Instant.EPOCH, ZoneOffset.UTC)).fit(m, new TextClassification(m), data, cfg, TrainListener.NONE);
        // it does fit its training batches somewhat, but nothing it learns transfers: chance is 0.5
        assertThat(r.test()).isBetween(0.44, 0.56);
    }

    @Test
    void theBaselineAlsoGivesOneRowPerExample() {
        BagOfEmbeddingsClassifier m = new BagOfEmbeddingsClassifier(LastTokenRepeats.VOCAB, 8, 8, LastTokenRepeats.MAX_LEN, 2, new Generator(1));
        assertThat(m.forward(TextExample.batch(LastTokenRepeats.generate(1, 3, 0, 0).train())).shape()).containsExactly(3, 2);
    }
}
