package dojo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dojo.grading.ExerciseIndex;
import dojo.grading.ExerciseReport;
import dojo.grading.ExerciseStatus;
import dojo.grading.GradeReport;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class NextExerciseTest {
    static final ExerciseIndex INDEX = ExerciseIndex.load(
            Path.of(System.getProperty("dojo.project.dir", ".")).toAbsolutePath());

    static ExerciseReport r(String id, ExerciseStatus s) {
        return new ExerciseReport(id, id, s, s == ExerciseStatus.PASSED ? 10 : 0, 10, 0, 1, List.of(), null, 0, 3);
    }

    static GradeReport report(ExerciseReport... rs) {
        return new GradeReport("exercises", List.of(rs));
    }

    @Test
    void theExerciseListNamesTheFirstExerciseThatDoesNotPassNotAlwaysTheFirst() {
        GradeReport fresh = report(r("ex01_softmax", ExerciseStatus.NOT_STARTED), r("ex02_attention", ExerciseStatus.NOT_STARTED));
        assertThat(NextExercise.firstUnfinished(INDEX, fresh)).map(e -> e.id()).contains("ex01_softmax");
        assertThat(NextExercise.nothingStarted(fresh)).isTrue();
        GradeReport oneDone = report(r("ex01_softmax", ExerciseStatus.PASSED), r("ex02_attention", ExerciseStatus.FAILED),
                r("ex03_masking", ExerciseStatus.NOT_STARTED));
        assertThat(NextExercise.firstUnfinished(INDEX, oneDone)).map(e -> e.id()).contains("ex02_attention");
        assertThat(NextExercise.nothingStarted(oneDone)).isFalse();
    }

    @Test
    void aPassingGradeNamesTheNextExercise() {
        assertThat(NextExercise.afterGrading(INDEX, report(r("ex02_attention", ExerciseStatus.PASSED)), List.of("ex02_attention")))
                .contains("Passed. Next: exercises/ex03_masking/README.md   then ./dojo grade ex03_masking");
        assertThat(NextExercise.afterGrading(INDEX, report(r("ex02_attention", ExerciseStatus.FAILED)), List.of("ex02_attention")))
                .isEmpty();
        String last = INDEX.ids().get(INDEX.ids().size() - 1);
        assertThat(NextExercise.afterGrading(INDEX, report(r(last, ExerciseStatus.PASSED)), List.of(last)))
                .contains("Passed. That was the last exercise; './dojo exercises' shows the whole course.");
    }
}
