package dojo.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The full retrieval recipe (about 25 s of CPU): excluded from mvn test; run with -Ddojo.test.excludedGroups= -Dgroups=training. */
@Tag("training")
class RetrieverTrainingTest {

    @Test
    void theDualEncoderReachesRecallAt1AndTheMeanPooledBaselineStaysFarBelow() {
        RetrieverExperiment e = new RetrieverExperiment();
        try (var impl = SolutionModels.load(e.exerciseId())) {
            TrainResult ref = e.train(e.build(impl.implementation(), 1L), e.defaultConfig(), Clock.systemUTC(), TrainListener.NONE);
            assertThat(ref.test()).isGreaterThanOrEqualTo(e.target());
        }
        TrainResult base = e.train(e.buildBaseline(1L), e.defaultConfig().withoutEarlyExit(), Clock.systemUTC(), TrainListener.NONE);
        assertThat(base.test()).isLessThan(0.2);
    }
}
