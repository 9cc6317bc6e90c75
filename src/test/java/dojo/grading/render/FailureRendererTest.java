package dojo.grading.render;

import static org.assertj.core.api.Assertions.assertThat;

import dojo.grading.ExerciseReport;
import dojo.grading.ExerciseStatus;
import dojo.grading.GradeReport;
import dojo.grading.TestOutcome;
import dojo.grading.TestStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

class FailureRendererTest {

    private static TestOutcome failed(String name, String message, boolean hidden) {
        return new TestOutcome("ex02_attention", name, name, hidden ? "AttentionHiddenTest" : "AttentionPublicTest",
                TestStatus.FAILED, message, null, 1, hidden);
    }

    private static GradeReport report(TestOutcome... tests) {
        return new GradeReport("exercises", List.of(new ExerciseReport("ex02_attention", "Attention", ExerciseStatus.FAILED,
                1.0, 15, 1, tests.length + 1, List.of(tests), "x", 0, 3)));
    }

    @Test
    void aFailureNamingALikelyCauseIsListedBeforeOneWithout() {
        String out = new FailureRenderer().render(report(
                failed("weights sum to one", "weights: not close", false),
                failed("worked example", "output: not close\n  likely cause: divided by d_k", false)));

        assertThat(out.indexOf("x worked example")).isLessThan(out.indexOf("x weights sum to one"));
    }

    @Test
    void aLikelyCauseAlreadyShownForTheExerciseIsNotRepeated() {
        String out = new FailureRenderer().render(report(
                failed("worked example", "output: not close\n  likely cause: divided by d_k", false),
                failed("random shapes", "weights: not close\n  likely cause: divided by d_k", true)));

        assertThat(out).containsOnlyOnce("likely cause: divided by d_k").contains("likely cause: (as above)");
    }

    @Test
    void eachFailingTestIsListedOnce() {
        String out = new FailureRenderer().render(report(
                failed("worked example", "output: not close", false), failed("random shapes", "weights: NaN", true)));

        assertThat(out).containsOnlyOnce("x worked example").containsOnlyOnce("x random shapes  (hidden test)");
    }

    @Test
    void theFirstFailureOfAnExerciseIsTheMostDiagnosticOne() {
        GradeReport r = report(failed("weights sum to one", "weights: not close", false),
                failed("worked example", "output: not close\n  likely cause: divided by d_k", false));

        assertThat(new FailureRenderer().renderFirst(r.exercises().get(0)))
                .startsWith("  x worked example\n").doesNotContain("weights sum to one");
    }

    @Test
    void aMessageAlreadyShownForTheExerciseIsNotRepeated() {
        String out = new FailureRenderer().render(report(
                failed("worked example", "attend(...) changed its input q at [0, 0]", false),
                failed("random shapes", "attend(...) changed its input q at [0, 0]", true)));

        assertThat(out).containsOnlyOnce("changed its input q").contains("(the same message as above)");
    }

    @Test
    void aMessageShownFurtherUpNamesTheTestItWasShownUnder() {
        String out = new FailureRenderer().render(report(
                failed("a NaN logit is rejected", "Expecting code to raise a throwable.", false),
                failed("a null row is rejected", "Expecting actual throwable to be an instance of IllegalArgumentException", true),
                failed("a +Infinity entry is rejected", "Expecting code to raise a throwable.", true)));

        assertThat(out).containsOnlyOnce("Expecting code to raise a throwable.")
                .contains("x a +Infinity entry is rejected  (hidden test)\n      (the same message as for \"a NaN logit is rejected\")")
                .doesNotContain("as above");
    }
}
