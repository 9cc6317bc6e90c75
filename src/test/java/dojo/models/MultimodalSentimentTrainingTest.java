package dojo.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The full recipe (about half a minute): excluded from mvn test; run with -Ddojo.test.excludedGroups= -Dgroups=training. */
@Tag("training")
class MultimodalSentimentTrainingTest {

    @Test
    void theReferenceReachesTheTargetAndTheLateFusionBaselineStaysAtTheBagOfWordsAndShapesLevel() {
        MultimodalSentimentExperiment e = new MultimodalSentimentExperiment();
        try (var impl = SolutionModels.load(e.exerciseId())) {
            TrainResult ref = e.train(e.build(impl.implementation(), 1L), e.defaultConfig(), Clock.systemUTC(), TrainListener.NONE);
            assertThat(ref.test()).isGreaterThanOrEqualTo(e.target());
        }
        TrainResult base = e.train(e.buildBaseline(1L), e.defaultConfig().withoutEarlyExit(), Clock.systemUTC(), TrainListener.NONE);
        assertThat(base.test()).as("at most 2/3 is possible without binding words to patches").isLessThan(0.72);
    }
}
