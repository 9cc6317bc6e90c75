package dojo.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The full recipe (about a minute): excluded from mvn test; run with -Ddojo.test.excludedGroups= -Dgroups=training. */
@Tag("training")
class TextClassifierTrainingTest {

    @Test
    void theReferenceReachesTheTargetAndTheBaselineStaysNearChance() {
        TextClassifierExperiment e = new TextClassifierExperiment();
        Experiment.Trained ref = e.train(Experiment.Variant.REFERENCE, e.defaultConfig(), Clock.systemUTC(), TrainListener.NONE);
        Experiment.Trained base = e.train(Experiment.Variant.BASELINE, e.defaultConfig(), Clock.systemUTC(), TrainListener.NONE);
        assertThat(ref.result().test()).isGreaterThanOrEqualTo(e.target());
        assertThat(base.result().test()).isLessThan(0.6);
    }
}
