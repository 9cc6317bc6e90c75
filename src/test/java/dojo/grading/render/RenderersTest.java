package dojo.grading.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dojo.grading.ExerciseReport;
import dojo.grading.ExerciseStatus;
import dojo.grading.GradeReport;
import dojo.grading.TestOutcome;
import dojo.grading.TestStatus;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RenderersTest {
    static final TestOutcome PASS = new TestOutcome("ex01_softmax", "rows sum to 1", "rowsSumToOne", "SoftmaxPublicTest",
            TestStatus.PASSED, null, "printed", 1, false);
    static final TestOutcome FAIL = new TestOutcome("ex01_softmax", "large logits do not overflow", "largeLogits", "SoftmaxPublicTest",
            TestStatus.FAILED, "softmax: expected only finite values but found 2 NaN\n  likely cause: exp overflowing", null, 2, false);
    static final TestOutcome HIDDEN_FAIL = new TestOutcome("ex01_softmax", "masked rows give zeros", "maskedRows", "SoftmaxHiddenTest",
            TestStatus.FAILED, "softmax with a fully masked row: 2 NaN", null, null, true);
    static final TestOutcome NOT_STARTED = new TestOutcome("ex02_attention", "weights sum to 1", "weights", "AttentionPublicTest",
            TestStatus.NOT_STARTED, "not started: ScaledDotProductAttention.attend(...) still throws NotImplementedYet", null, null, false);
    static final TestOutcome BROKEN = new TestOutcome("ex03_mask", "causal mask", "causal", "MaskPublicTest",
            TestStatus.DOES_NOT_COMPILE, "does not compile: exercises/ex03_mask/CausalMask.java:12:5: error: ';' expected", null, null, false);

    static GradeReport report() {
        return new GradeReport("exercises", List.of(
                new ExerciseReport("ex01_softmax", "Stable softmax", ExerciseStatus.FAILED, 3.3, 10, 1, 3,
                        List.of(PASS, FAIL, HIDDEN_FAIL), "large logits do not overflow: softmax: expected only finite values but found 2 NaN", 1, 4),
                new ExerciseReport("ex02_attention", "Attention", ExerciseStatus.NOT_STARTED, 0, 20, 0, 1, List.of(NOT_STARTED), null, 0, 3),
                new ExerciseReport("ex03_mask", "Masks", ExerciseStatus.DOES_NOT_COMPILE, 0, 10, 0, 1, List.of(BROKEN),
                        "does not compile: exercises/ex03_mask/CausalMask.java:12:5: error: ';' expected", 3, 3)));
    }

    @Test
    @DisplayName("the scoreboard has one aligned row per exercise, a cut first failure, the next hint tier and a total")
    void scoreboard() {
        String s = new ScoreboardRenderer(40).render(report());
        List<String> lines = s.lines().toList();
        assertThat(lines.get(0)).isEqualTo("Attention Dojo scoreboard (exercises)");
        assertThat(lines.get(1)).startsWith("#  exercise        status            points  first failure").endsWith("next hint");
        assertThat(lines.get(3)).startsWith("1  ex01_softmax    FAILED 1/3        3.3/10  large logits do not overflow: softmax...").endsWith("2/4");
        assertThat(lines.get(4)).contains("ex02_attention", "not started", "0.0/20", " -  ").endsWith("1/3");
        assertThat(lines.get(5)).contains("DOES NOT COMPILE").endsWith("all 3 shown");
        assertThat(lines.get(6)).isEqualTo("total 3.3/40 points: 1 failed, 1 not started, 1 does not compile");
        assertThat(s).contains("next hint: ./dojo hint <exercise> shows that tier.");
    }

    @Test
    @DisplayName("on a narrow terminal the scoreboard fits: the first failure gives way, nothing else; without a width it keeps 60")
    void scoreboardFitsTheTerminal() {
        for (int columns : new int[] {80, 100}) {
            String s = ScoreboardRenderer.forColumns(columns).render(report());
            assertThat(s.lines()).as("%d columns", columns).allSatisfy(l -> assertThat(l.length()).isLessThan(columns));
            assertThat(s).contains("1  ex01_softmax    FAILED 1/3        3.3/10  large logits").contains("DOES NOT COMPILE")
                    .contains("all 3 shown");
        }
        String wide = ScoreboardRenderer.forColumns(-1).render(report());
        assertThat(wide).isEqualTo(new ScoreboardRenderer().render(report()))
                .contains("large logits do not overflow: softmax: expected only fini...  2/4");
        assertThat(wide.lines().mapToInt(String::length).max().orElse(0)).isGreaterThan(100);
    }

    @Test
    @DisplayName("results.json follows Exercism v3 and adds points")
    void resultsJson() throws Exception {
        JsonNode j = new ObjectMapper().readTree(new ResultsJsonRenderer().render(report()));
        assertThat(j.get("version").asInt()).isEqualTo(3);
        assertThat(j.get("status").asText()).isEqualTo("fail");
        assertThat(j.has("message")).isFalse();
        assertThat(j.get("points").asDouble()).isEqualTo(3.3);
        assertThat(j.get("max_points").asInt()).isEqualTo(40);
        JsonNode tests = j.get("tests");
        assertThat(tests).hasSize(5);
        assertThat(tests.get(0).get("name").asText()).isEqualTo("ex01_softmax: rows sum to 1");
        assertThat(tests.get(0).get("test_code").asText()).isEqualTo("rowsSumToOne");
        assertThat(tests.get(0).get("status").asText()).isEqualTo("pass");
        assertThat(tests.get(0).has("message")).isFalse();
        assertThat(tests.get(0).get("output").asText()).isEqualTo("printed");
        assertThat(tests.get(0).get("task_id").asInt()).isEqualTo(1);
        assertThat(tests.get(1).get("status").asText()).isEqualTo("fail");
        assertThat(tests.get(1).get("message").asText()).startsWith("softmax: expected only finite values");
        assertThat(tests.get(2).get("visibility").asText()).isEqualTo("hidden");
        assertThat(tests.get(2).has("task_id")).isFalse();
        assertThat(tests.get(3).get("status").asText()).isEqualTo("fail");
        assertThat(tests.get(4).get("status").asText()).isEqualTo("error");
        JsonNode ex = j.get("exercises");
        assertThat(ex.get(0).get("status").asText()).isEqualTo("failed");
        assertThat(ex.get(0).get("points").asDouble()).isEqualTo(3.3);
        assertThat(ex.get(2).get("status").asText()).isEqualTo("does_not_compile");
    }

    @Test
    @DisplayName("results.json says error, with a message, when nothing could run")
    void resultsJsonError() throws Exception {
        GradeReport r = new GradeReport("exercises", List.of(report().exercises().get(2)));
        JsonNode j = new ObjectMapper().readTree(new ResultsJsonRenderer().render(r));
        assertThat(j.get("status").asText()).isEqualTo("error");
        assertThat(j.get("message").asText()).isEqualTo("ex03_mask: does not compile: exercises/ex03_mask/CausalMask.java:12:5: error: ';' expected");
    }

    @Test
    @DisplayName("report.md has a summary table and every failing test's full message")
    void markdown() {
        String md = new MarkdownReportRenderer().render(report());
        assertThat(md).startsWith("# Attention Dojo: grade report\n")
                .contains("| 1 | ex01_softmax: Stable softmax | FAILED 1/3 | 3.3/10 | 1/3 | `./dojo hint ex01_softmax` (2/4) |")
                .contains("### failed: large logits do not overflow\n\n`SoftmaxPublicTest.largeLogits`, task 2\n\n```text\n"
                        + "softmax: expected only finite values but found 2 NaN\n  likely cause: exp overflowing\n```")
                .contains("### failed: masked rows give zeros (hidden test)")
                .contains("Every test reports *not started*")
                .contains("```text\ndoes not compile: exercises/ex03_mask/CausalMask.java:12:5: error: ';' expected\n```");
    }

    @Test
    @DisplayName("points: proportional, rounded to 0.1, full only when every test passes")
    void points() {
        assertThat(ExerciseReport.points(10, 2, 3)).isEqualTo(6.7);
        assertThat(ExerciseReport.points(10, 199, 200)).isEqualTo(9.9);
        assertThat(ExerciseReport.points(10, 3, 3)).isEqualTo(10);
        assertThat(ExerciseReport.points(10, 0, 3)).isZero();
        assertThat(ExerciseReport.points(5, 1, 8)).isEqualTo(0.6);
    }
}
