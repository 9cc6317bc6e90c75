package dojo.grading.render;

import static org.assertj.core.api.Assertions.assertThat;

import dojo.grading.ExerciseInfo;
import dojo.grading.ExerciseReport;
import dojo.grading.ExerciseStatus;
import dojo.grading.GradeReport;
import dojo.grading.TestOutcome;
import dojo.grading.TestStatus;
import dojo.grading.watch.WatchRound;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class WatchScreenRendererTest {
    private static final ExerciseInfo EX02 = new ExerciseInfo("ex02_attention", "Scaled dot-product attention", 15,
            "dojo.exercise.api.Attention", "ex02_attention.ScaledDotProductAttention", List.of("o"), List.of("h1", "h2"),
            List.of(), List.of(), 0);

    private static ExerciseReport passed(String id) {
        return new ExerciseReport(id, id, ExerciseStatus.PASSED, 10, 10, 1, 1,
                List.of(new TestOutcome(id, "t", "t", "S", TestStatus.PASSED, null, null, 1, false)), null, 0, 2);
    }

    private static ExerciseReport failed(String id, String message) {
        return new ExerciseReport(id, id, ExerciseStatus.FAILED, 5, 10, 1, 3, List.of(
                new TestOutcome(id, "worked example", "w", "S", TestStatus.FAILED, message, null, 1, false),
                new TestOutcome(id, "random shapes", "r", "S", TestStatus.FAILED, "weights: NaN", null, 1, true),
                new TestOutcome(id, "t", "t", "S", TestStatus.PASSED, null, null, 1, false)), "x", 1, 3);
    }

    private static WatchRound round(List<String> graded, List<String> justPassed, ExerciseInfo next, ExerciseReport... r) {
        return new WatchRound(2, graded, graded, new GradeReport("exercises", List.of(r)), null, Duration.ofMillis(420),
                justPassed, next);
    }

    @Test
    void aFailingRoundShowsTheFirstFailureWithItsCauseAndTheNextHintCommand() {
        String out = new WatchScreenRenderer().render(round(List.of("ex02_attention"), List.of(), EX02,
                failed("ex02_attention", "output: not close\n  likely cause: divided by d_k")), "exercises");

        assertThat(out).contains("Attention Dojo scoreboard").contains("x worked example")
                .contains("likely cause: divided by d_k").contains("(and 1 more failing test: ./dojo grade ex02_attention lists them)")
                .contains("stuck? ./dojo hint ex02_attention  (hint 2 of 3)").doesNotContain("random shapes");
    }

    @Test
    void anExerciseThatJustPassedNamesTheNextExercise() {
        String out = new WatchScreenRenderer().render(round(List.of("ex01_softmax"), List.of("ex01_softmax"), EX02,
                passed("ex01_softmax")), "exercises");

        assertThat(out).contains("ex01_softmax passes: 10.0/10 points.")
                .contains("Next: start ex02_attention (Scaled dot-product attention):\n  read exercises/ex02_attention/README.md\n"
                        + "  edit exercises/ex02_attention/ScaledDotProductAttention.java\n");
    }

    @Test
    void theHeaderSaysWhatChangedAndHowLongGradingTook() {
        String out = new WatchScreenRenderer().render(round(List.of("ex01_softmax"), List.of(), EX02, passed("ex01_softmax")),
                "exercises");

        assertThat(out).startsWith("dojo watch: exercises · round 2 · changed: ex01_softmax · graded ex01_softmax in 0.42 s");
    }
}
