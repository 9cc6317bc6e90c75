package dojo.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The full recipe (about 30 s of CPU): excluded from mvn test; run with -Ddojo.test.excludedGroups= -Dgroups=training. */
@Tag("training")
class MultiTaskTrainingTest {

    @Test
    void theReferenceReachesTheTargetOnBothTasksAndTheBaselineStaysAtChanceOnBoth() {
        MultiTaskExperiment e = new MultiTaskExperiment();
        try (var impl = SolutionModels.load(e.exerciseId())) {
            var model = e.build(impl.implementation(), 1L);
            TrainResult ref = e.train(model, e.defaultConfig(), Clock.systemUTC(), TrainListener.NONE);
            MultiTaskClassification.Accuracies acc = MultiTaskExperiment.accuracies(model);
            assertThat(ref.test()).isGreaterThanOrEqualTo(e.target()).isEqualTo(acc.min());
            assertThat(acc.taskA()).isGreaterThanOrEqualTo(e.target());
            assertThat(acc.taskB()).isGreaterThanOrEqualTo(e.target());
        }
        var baseline = e.buildBaseline(1L);
        e.train(baseline, e.defaultConfig().withoutEarlyExit(), Clock.systemUTC(), TrainListener.NONE);
        MultiTaskClassification.Accuracies base = MultiTaskExperiment.accuracies(baseline);
        assertThat(base.taskA()).isLessThan(0.56);      // chance 0.5
        assertThat(base.taskB()).isLessThan(0.40);      // chance 1/3
    }
}
