package dojo.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The full recipe (about 40 s of CPU): excluded from mvn test; run with -Ddojo.test.excludedGroups= -Dgroups=training. */
@Tag("training")
class TextGeneratorTrainingTest {

    @Test
    void theReferenceSortsTheTestSetAndTheNoMixingBaselineDoesNot() {
        TextGeneratorExperiment e = new TextGeneratorExperiment();
        try (var impl = SolutionModels.load(e.exerciseId())) {
            TrainResult ref = e.train(e.build(impl.implementation(), 1L), e.defaultConfig(), Clock.systemUTC(), TrainListener.NONE);
            assertThat(ref.test()).isGreaterThanOrEqualTo(e.target());
        }
        TrainResult base = e.train(e.buildBaseline(1L), e.defaultConfig().withoutEarlyExit(), Clock.systemUTC(), TrainListener.NONE);
        assertThat(base.test()).isLessThan(0.5);
    }

    /** The measured surprise of docs/models/ex14_text_generator.md: a fixed uniform causal mean is enough to sort (it counts). */
    @Test
    void aCausalMeanOfTheEmbeddingsAlsoSorts() {
        TextGeneratorExperiment e = new TextGeneratorExperiment();
        CausalMeanGenerator mean = new CausalMeanGenerator(3, 11, 48, 96, true, new dojo.tensor.Generator(1L));
        TrainResult r = e.train(mean, e.defaultConfig().withoutEarlyExit(), Clock.systemUTC(), TrainListener.NONE);
        assertThat(r.test()).isGreaterThanOrEqualTo(0.95);
    }
}
