package dojo.workshop;

import static dojo.workshop.Results.exercise;
import static dojo.workshop.Results.fail;
import static dojo.workshop.Results.pass;
import static dojo.workshop.Results.result;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dojo.workshop.feedback.Feedback;
import dojo.workshop.feedback.HintSchedule;
import dojo.workshop.gradebook.Gradebook;
import dojo.workshop.gradebook.GradebookRenderers;
import dojo.workshop.report.CohortHtml;
import dojo.workshop.report.CohortReport;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkshopOutputsTest {
    private static final String CONFIG = """
            name: G
            assignment: a1
            due: "2027-03-01 23:59"
            timezone: UTC
            late:
              policy: percent-per-day
              percent-per-day: 10
              cap: 30
            exercises:
              - id: ex01_softmax
                points: 10
              - id: ex02_attention
                points: 20
            roster:
              - id: ada
                first: Ada
                last: Lovelace
                email: ada@example.org
                team: red
              - id: bo
                first: Bo
                last: "Chen, Jr"
                team: blue
                language: zh
              - id: cy
            """;
    private static final WorkshopConfig C = WorkshopConfigParser.parse("workshop.yaml", CONFIG, Results.INDEX);
    private static final Instant DUE = Instant.parse("2027-03-01T23:59:00Z");

    private static Map<String, SubmissionResult> grades() {
        SubmissionResult ada = result("ada", DUE.minusSeconds(3600), null,
                exercise("ex01_softmax", 10, pass("ex01_softmax", "p1", false), pass("ex01_softmax", "h1", true)),
                exercise("ex02_attention", 20, pass("ex02_attention", "p1", false), fail("ex02_attention", "keeps rows apart", true,
                        "rows mixed\nat [0, 1]")));
        SubmissionResult bo = result("bo", DUE.plusSeconds(86_400 + 60),
                "the JVM ended with exit code 7 before grading finished while running 'keeps rows apart'",
                exercise("ex01_softmax", 10, fail("ex01_softmax", "sums to one", false, "row 0 sums to 2.0"),
                        pass("ex01_softmax", "h1", true)),
                exercise("ex02_attention", 20, fail("ex02_attention", "keeps rows apart", true, "the grading JVM ended")));
        return Map.of("ada", ada, "bo", bo);
    }

    @Test
    @DisplayName("the CSV has nbgrader's columns first, then exercise points, team, days late, similarity and status")
    void csv() {
        Gradebook g = Gradebook.build(C, grades(), Map.of("ada", Set.of("bo"), "bo", Set.of("ada")));
        List<List<String>> rows = Csv.parse(GradebookRenderers.csv(g));
        assertThat(rows.get(0)).containsExactly("assignment", "duedate", "timestamp", "student_id", "last_name", "first_name",
                "email", "raw_score", "late_submission_penalty", "score", "max_score", "ex01_softmax", "ex02_attention", "team",
                "days_late", "similarity_flag", "grading_status");
        assertThat(rows.get(1)).containsExactly("a1", "2027-03-01T23:59Z", "2027-03-01T22:59:00Z", "ada", "Lovelace", "Ada",
                "ada@example.org", "20.0", "0.0", "20.0", "30", "10.0", "10.0", "red", "0", "similar to bo", "complete");
        // bo: 5.0 points (1 of 2 tests of ex01), two started days late at 10% a day
        assertThat(rows.get(2).subList(3, 11)).containsExactly("bo", "Chen, Jr", "Bo", "", "5.0", "1.0", "4.0", "30");
        assertThat(rows.get(2).get(14)).isEqualTo("2");
        assertThat(rows.get(3).subList(3, 11)).containsExactly("cy", "", "", "", "0.0", "0.0", "0.0", "30");
        assertThat(rows.get(3).get(16)).isEqualTo("not graded");
    }

    @Test
    @DisplayName("live quiz points become a last live_points column (0 for learners who did not play) and a JSON field")
    void livePoints() throws Exception {
        Gradebook g = Gradebook.build(C, grades(), Map.of());
        List<List<String>> rows = Csv.parse(GradebookRenderers.csv(g, Map.of("ada", 1830)));
        assertThat(rows.get(0).get(rows.get(0).size() - 1)).isEqualTo("live_points");
        assertThat(rows.get(1).get(rows.get(1).size() - 1)).isEqualTo("1830");
        assertThat(rows.get(2).get(rows.get(2).size() - 1)).isEqualTo("0");
        com.fasterxml.jackson.databind.JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(GradebookRenderers.json(g, Map.of("ada", 1830)));
        assertThat(json.at("/learners/0/live_points").asInt()).isEqualTo(1830);
    }

    @Test
    @DisplayName("Gradescope results share an exercise's points among its tests and mark hidden tests after_due_date")
    void gradescope() throws Exception {
        Gradebook g = Gradebook.build(C, grades(), Map.of());
        JsonNode n = GradeStore.json().readTree(GradebookRenderers.gradescope(g.rows().get(0), C, DUE.minusSeconds(10)));
        assertThat(n.get("score").asDouble()).isEqualTo(20.0);
        assertThat(n.get("tests")).hasSize(4);
        JsonNode hidden = n.get("tests").get(3);
        assertThat(hidden.get("max_score").asDouble()).isEqualTo(10.0);
        assertThat(hidden.get("score").asDouble()).isZero();
        assertThat(hidden.get("status").asText()).isEqualTo("failed");
        assertThat(hidden.get("visibility").asText()).isEqualTo("after_due_date");
        assertThat(n.get("tests").get(0).get("visibility").asText()).isEqualTo("visible");
    }

    @Test
    @DisplayName("before the due date, feedback counts hidden tests and never names them, not even in the grading note")
    void feedbackBeforeDue() {
        Gradebook g = Gradebook.build(C, grades(), Map.of());
        String md = Feedback.markdown(g.rows().get(1), C, Results.INDEX, Map.of("ex01_softmax", 1), DUE.minusSeconds(10));
        assertThat(md).contains("# 反馈: a1 · Bo Chen, Jr").contains("**sums to one**").contains("row 0 sums to 2.0")
                .contains("隐藏测试：1 / 1 通过").contains("提示 1 / " + Results.INDEX.require("ex01_softmax").hints().size())
                .contains(Results.INDEX.require("ex01_softmax").hints().get(0).substring(0, 30))
                .contains("a hidden test of ex02_attention").doesNotContain("keeps rows apart");
    }

    @Test
    @DisplayName("after the due date, feedback names the failing hidden tests with their messages")
    void feedbackAfterDue() {
        Gradebook g = Gradebook.build(C, grades(), Map.of());
        String md = Feedback.markdown(g.rows().get(0), C, Results.INDEX, Map.of(), DUE.plusSeconds(10));
        assertThat(md).contains("# Feedback: a1 · Ada Lovelace").contains("First failing hidden test: **keeps rows apart**")
                .contains("rows mixed");
    }

    @Test
    @DisplayName("the hint tier advances only when a new submission still fails the exercise")
    void hintSchedule(@TempDir Path dir) {
        HintSchedule s = HintSchedule.load(dir.resolve("hints.json"));
        Map<String, Integer> tiers = Map.of("ex01_softmax", 4, "ex02_attention", 4);
        SubmissionResult bo = grades().get("bo");
        assertThat(s.next(bo, tiers)).containsEntry("ex01_softmax", 1);
        assertThat(s.next(bo, tiers)).containsEntry("ex01_softmax", 1);
        s.save(dir.resolve("hints.json"));
        SubmissionResult again = new SubmissionResult("bo", "20270228T100000Z", bo.submittedAt(), bo.status(), bo.message(),
                bo.exercises(), bo.runs(), bo.millis(), bo.isolation(), bo.gradedAt(), List.of());
        assertThat(HintSchedule.load(dir.resolve("hints.json")).next(again, tiers)).containsEntry("ex01_softmax", 2);
    }

    @Test
    @DisplayName("the cohort report counts pass rates over submitters and puts the hardest test first")
    void cohort() {
        CohortReport r = CohortReport.build(C, grades());
        assertThat(r.submitted()).isEqualTo(2);
        assertThat(r.exercises().get(0).passed()).isEqualTo(1);
        assertThat(r.exercises().get(0).passRate()).isEqualTo(0.5);
        assertThat(r.hardest(1).get(0).name()).isIn("keeps rows apart", "sums to one");
        assertThat(r.hardest(1).get(0).passRate()).isZero();
        assertThat(r.histogram()).containsExactly(0, 1, 0, 0, 0, 0, 1, 0, 0, 0);
        String html = CohortHtml.render(r, Instant.parse("2027-03-02T00:00:00Z"));
        assertThat(html).contains("<svg").contains("2 / 3").contains("keeps rows apart<span class=\"tag\">hidden</span>");
    }
}
