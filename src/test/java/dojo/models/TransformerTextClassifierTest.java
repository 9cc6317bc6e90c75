package dojo.models;

import static org.assertj.core.api.Assertions.assertThat;

import dojo.models.data.LastTokenRepeats;
import dojo.models.data.Split;
import dojo.models.data.TextExample;
import dojo.tensor.Autograd;
import dojo.tensor.Generator;
import dojo.tensor.Tensor;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class TransformerTextClassifierTest {

    private static final TransformerTextClassifier.Config SMALL =
            new TransformerTextClassifier.Config(LastTokenRepeats.VOCAB, 16, 2, 32, 1, LastTokenRepeats.MAX_LEN, 2, 0.0);

    private static List<TextExample> examples(int n) {
        return LastTokenRepeats.generate(11, n, 0, 0).train();
    }

    @Test
    void outputIsOneRowOfLogitsPerExampleNotPerToken() {
        TransformerTextClassifier m = new TransformerTextClassifier(SMALL, new Generator(1));
        TokenBatch b = TokenBatch.of(examples(5));
        assertThat(b.length()).isGreaterThan(1);
        assertThat(m.forward(b).shape()).containsExactly(5, 2);
    }

    @Test
    void extraPaddingNeverChangesTheLogits() {
        TransformerTextClassifier m = new TransformerTextClassifier(SMALL, new Generator(2));
        m.eval();
        List<TextExample> ex = examples(6);
        try (var off = Autograd.noGrad()) {
            Tensor tight = m.forward(TokenBatch.of(ex));
            Tensor padded = m.forward(TokenBatch.of(ex, LastTokenRepeats.MAX_LEN));
            Tensor alone = m.forward(TokenBatch.of(ex.subList(0, 1), LastTokenRepeats.MAX_LEN));
            assertThat(tight.maxAbsDiff(padded)).isLessThan(1e-12);
            assertThat(alone.select(0, 0).maxAbsDiff(tight.select(0, 0))).isLessThan(1e-12);
        }
    }

    @Test
    void stateDictNamesAreThoseOfThePyTorchModule() {
        TransformerTextClassifier m = new TransformerTextClassifier(SMALL, new Generator(3));
        assertThat(m.stateDict().keySet()).contains("embedding.weight", "position.weight",
                "encoder.layers.0.self_attn.in_proj_weight", "encoder.layers.0.linear1.weight",
                "encoder.layers.0.norm2.bias", "head.weight", "head.bias");
        assertThat(m.stateDict().get("position.weight").shape()).containsExactly(LastTokenRepeats.MAX_LEN, 16);
    }

    @Test
    void itOverfitsTwentyExamplesToFullAccuracyWithinTwoHundredSteps() {
        List<TextExample> twenty = examples(20);
        TransformerTextClassifier m = new TransformerTextClassifier(SMALL, new Generator(4));
        Split<TextExample> data = new Split<>("twenty", twenty, twenty, twenty);
        TrainConfig cfg = new TrainConfig(200, 20, 1e-2, 0.0, 0, 10, 1.0, 5);
        TrainResult r = new Trainer(Clock.fixed(Instant.EPOCH, ZoneOffset.UTC)).fit(m, new TextClassification(m), data, cfg, TrainListener.NONE);
        assertThat(r.reachedTarget()).isTrue();
        assertThat(r.steps()).isLessThanOrEqualTo(200);
        assertThat(r.test()).isEqualTo(1.0);
    }
}
