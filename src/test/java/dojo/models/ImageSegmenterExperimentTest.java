package dojo.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dojo.exercise.api.ImageSegmenterModel;
import dojo.models.data.SegmentationExample;
import dojo.models.data.Split;
import dojo.nn.Module;
import java.time.Clock;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ImageSegmenterExperimentTest {

    final ImageSegmenterExperiment experiment = new ImageSegmenterExperiment();

    @Test
    @DisplayName("the experiment is image-segmenter of ex16, scored by mIoU against 0.8, early exit above the target, in the catalog")
    void identity() {
        assertThat(experiment.name()).isEqualTo("image-segmenter");
        assertThat(experiment.exerciseId()).isEqualTo("ex16_image_segmenter");
        assertThat(experiment.metricName()).isEqualTo("mIoU");
        assertThat(experiment.target()).isEqualTo(0.8);
        assertThat(experiment.defaultConfig().target()).isGreaterThan(experiment.target());
        assertThat(ExperimentCatalog.standard().find("image-segmenter")).containsInstanceOf(ImageSegmenterExperiment.class);
    }

    @Test
    @DisplayName("the data: 4000 / 300 / 1000 images of 16x16 from the fixed data seed")
    void data() {
        Split<SegmentationExample> d = ImageSegmenterExperiment.data();
        assertThat(d.train()).hasSize(4000);
        assertThat(d.validation()).hasSize(300);
        assertThat(d.test()).hasSize(1000);
        assertThat(d.test().get(0).height()).isEqualTo(16);
    }

    @Test
    @DisplayName("build takes the exercise's implementation (the solution here) and gives a segmenter of the reference size")
    void buildsFromTheImplementation() {
        try (ExerciseModels.Loaded solution = SolutionModels.load("ex16_image_segmenter")) {
            Module m = experiment.build(solution.implementation(), 1);
            assertThat(m).isInstanceOf(ImageSegmenterModel.class);
            assertThat(m.stateDict().get("position.weight").shape()).containsExactly(16, 32);
            assertThat(m.stateDict().get("head.weight").shape()).containsExactly(3 * 16, 32);
        }
    }

    @Test
    @DisplayName("build refuses an object that is not the exercise's implementation, naming the interface")
    void buildRefusesOtherObjects() {
        assertThatThrownBy(() -> experiment.build("not a segmenter", 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ImageSegmenterExercise").hasMessageContaining("ex16_image_segmenter");
    }

    @Test
    @DisplayName("a short baseline run trains on the data and reports a test mIoU in [0, 1]")
    void shortRun() {
        TrainResult r = experiment.train(experiment.buildBaseline(1), experiment.defaultConfig().withSteps(5).withoutEarlyExit(),
                Clock.systemUTC(), TrainListener.NONE);
        assertThat(r.steps()).isEqualTo(5);
        assertThat(r.test()).isBetween(0.0, 1.0);
    }
}
