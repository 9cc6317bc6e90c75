package dojo.models;

import static org.assertj.core.api.Assertions.assertThat;

import dojo.grading.ExerciseIndex;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ExperimentCatalogTest {

    private final ExperimentCatalog catalog = ExperimentCatalog.standard();

    @Test
    void everyModelIsFoundByNameAndByItsExerciseId() {
        for (String name : catalog.names()) {
            Experiment e = catalog.find(name).orElseThrow();
            assertThat(catalog.find(e.exerciseId())).contains(e);
        }
        assertThat(catalog.find("ex11_text_classifier").orElseThrow().name()).isEqualTo("text-classifier");
        assertThat(catalog.find("ex99_nothing")).isEmpty();
    }

    @Test
    void theNineModelsOfTheOriginalDocumentAreTheExercisesEx11ToEx19InPathOrder() {
        ExerciseIndex index = ExerciseIndex.load(Path.of("").toAbsolutePath());
        assertThat(catalog.names()).hasSize(9);
        assertThat(catalog.names().stream().map(n -> catalog.find(n).orElseThrow().exerciseId()).toList())
                .containsExactly("ex11_text_classifier", "ex12_image_classifier", "ex13_multimodal_classifier", "ex14_text_generator",
                        "ex15_speech_ctc", "ex16_image_segmenter", "ex17_retriever", "ex18_multitask", "ex19_multimodal_sentiment")
                .allSatisfy(id -> assertThat(index.find(id)).as(id + " in exercises/index.yaml").isPresent());
    }

    @Test
    void everyModelCanBeDrawnByViz() {
        for (String name : catalog.names()) {
            assertThat(catalog.find(name).orElseThrow().vizExamples()).as(name).isPositive();
        }
    }
}
