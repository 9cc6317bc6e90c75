package dojo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dojo.grading.ExerciseIndex;
import dojo.grading.ExerciseReport;
import dojo.grading.ExerciseStatus;
import dojo.grading.GradeReport;
import dojo.terminal.DisplayWidth;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** dojo exercises' table on terminals of any width. */
class ExercisesTableTest {
    static final ExerciseIndex INDEX = ExerciseIndex.load(
            Path.of(System.getProperty("dojo.project.dir", ".")).toAbsolutePath());

    static GradeReport fresh() {
        return new GradeReport("exercises", INDEX.exercises().stream()
                .map(e -> new ExerciseReport(e.id(), e.id(), ExerciseStatus.NOT_STARTED, 0, e.points(), 0, 1, List.of(), null, 0, 3))
                .toList());
    }

    @Test
    @DisplayName("on a narrow terminal every line fits: titles are cut with an ellipsis, ids, statuses and points never")
    void fitsTheTerminal() {
        for (int width : new int[] {79, 99, 119}) {
            String t = ExercisesCommand.table(INDEX, fresh(), width);
            assertThat(t.lines()).as("width %d", width).allSatisfy(l -> assertThat(DisplayWidth.of(l)).isLessThanOrEqualTo(width));
            assertThat(t).contains("Start with: exercises/ex01_softmax/README.md").contains("Grade: ./dojo grade ex01_softmax");
            List<String> rows = t.lines().limit(1 + INDEX.exercises().size()).toList();
            assertThat(rows).as("width %d", width).allSatisfy(l -> assertThat(DisplayWidth.of(l)).isLessThanOrEqualTo(width));
            assertThat(rows).anySatisfy(l -> assertThat(l).contains("…"));
            for (int i = 0; i < INDEX.exercises().size(); i++) {
                assertThat(rows.get(i + 1)).contains(INDEX.exercises().get(i).id()).contains("not started")
                        .endsWith("0.0/" + INDEX.exercises().get(i).points());
            }
        }
    }

    @Test
    @DisplayName("in a pipe (no width) the titles are whole")
    void wholeTitlesWithoutAWidth() {
        String t = ExercisesCommand.table(INDEX, fresh(), Integer.MAX_VALUE);
        assertThat(t).doesNotContain("…");
        INDEX.exercises().forEach(e -> assertThat(t).contains(e.title()));
    }
}
