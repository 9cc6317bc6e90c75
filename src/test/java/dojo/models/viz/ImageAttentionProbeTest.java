package dojo.models.viz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dojo.exercise.api.ImageClassifierConfig;
import dojo.exercise.api.ImageClassifierExercise;
import dojo.exercise.api.ImageClassifierModel;
import dojo.models.ExerciseModels;
import dojo.models.ImageClassifierExperiment;
import dojo.models.SolutionModels;
import dojo.models.data.ImageExample;
import dojo.models.data.SameRowImages;
import dojo.tensor.Generator;
import dojo.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ImageAttentionProbeTest {

    private static ExerciseModels.Loaded solution;
    private static final ImageClassifierConfig CONFIG = new ImageClassifierConfig(1, 16, 4, 16, 4, 32, 2, 2);

    @BeforeAll
    static void load() {
        solution = SolutionModels.load(ImageClassifierExperiment.EXERCISE);
    }

    @AfterAll
    static void close() {
        solution.close();
    }

    private static ImageClassifierModel model() {
        return ((ImageClassifierExercise) solution.implementation()).build(CONFIG, new Generator(5));
    }

    private static final ImageExample IMAGE = SameRowImages.generate(3, 2, 0, 0).train().get(1);

    @Test
    void everyLayerAndHeadGivesAMapOverClsAndTheSixteenPatchesWhoseRowsSumToOne() {
        PatchAttentionView v = ImageAttentionProbe.imageClassifier(model(), CONFIG, "image-classifier", "test example 1", IMAGE, true, -1, -1,
                SameRowImages.CLASSES);
        assertThat(v.attention().maps()).hasSize(CONFIG.layers() * CONFIG.heads());
        assertThat(v.attention().tokens()).hasSize(17).startsWith("[CLS]", "r0c0", "r0c1");
        for (AttentionMap m : v.attention().maps()) {
            for (int q = 0; q < 17; q++) {
                double sum = 0;
                for (int k = 0; k < 17; k++) sum += m.weight(q, k);
                assertThat(sum).isCloseTo(1.0, within(1e-9));
            }
        }
        assertThat(v.attention().trueLabel()).isEqualTo(IMAGE.label());
    }

    @Test
    void theProbabilitiesAreTheModelsOwnSoftmaxAndTheModelIsLeftAsItWas() {
        ImageClassifierModel m = model();
        double[] expected = m.forward(Tensor.of(IMAGE.pixels(), 1, 1, 16, 16)).softmax(-1).toArray();
        PatchAttentionView v = ImageAttentionProbe.imageClassifier(m, CONFIG, "t", "s", IMAGE, false, 1, 2, SameRowImages.CLASSES);
        assertThat(v.attention().probabilities()).containsExactly(expected, within(1e-12));
        assertThat(v.attention().maps()).singleElement().satisfies(map -> {
            assertThat(map.layer()).isEqualTo(1);
            assertThat(map.head()).isEqualTo(2);
        });
        assertThat(v.attention().trueLabel()).isEqualTo(-1);
        assertThat(m.isTraining()).isTrue();
    }

    @Test
    void layersAndHeadsThatDoNotExistAreRejected() {
        assertThatThrownBy(() -> ImageAttentionProbe.imageClassifier(model(), CONFIG, "t", "s", IMAGE, true, 2, -1, SameRowImages.CLASSES))
                .hasMessageContaining("layer 2 does not exist (0..1)");
        assertThatThrownBy(() -> ImageAttentionProbe.imageClassifier(model(), CONFIG, "t", "s", IMAGE, true, -1, 4, SameRowImages.CLASSES))
                .hasMessageContaining("head 4 does not exist (0..3)");
        assertThatThrownBy(() -> ImageAttentionProbe.imageClassifier(model(), CONFIG, "t", "s", IMAGE, true, -1, -1, List.of("one")))
                .hasMessageContaining("1 class names for 2 classes");
    }
}
