package dojo.workshop.gradebook;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dojo.grading.ExerciseReport;
import dojo.grading.TestOutcome;
import dojo.grading.TestStatus;
import dojo.workshop.Csv;
import dojo.workshop.GradeStore;
import dojo.workshop.SubmissionResult;
import dojo.workshop.WorkshopConfig;
import dojo.workshop.WorkshopExercise;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The gradebook as nbgrader-style CSV, as JSON, and as one Gradescope results.json per learner. */
public final class GradebookRenderers {
    /** nbgrader's gradebook columns, in its order. */
    public static final List<String> NBGRADER = List.of("assignment", "duedate", "timestamp", "student_id", "last_name",
            "first_name", "email", "raw_score", "late_submission_penalty", "score", "max_score");

    private GradebookRenderers() {}

    /** nbgrader's columns, then points per exercise, team, days late, similarity flag and grading status. */
    public static String csv(Gradebook g) {
        return csv(g, java.util.Map.of());
    }

    /**
     * As {@link #csv(Gradebook)}, with a last column {@code live_points} (points from the live quizzes in
     * {@code live/}, see {@code dojo.workshop.live.LiveOutputs#pointsByLearner}) when {@code live} is not empty.
     */
    public static String csv(Gradebook g, java.util.Map<String, Integer> live) {
        WorkshopConfig c = g.config();
        List<String> header = new ArrayList<>(NBGRADER);
        c.exercises().forEach(e -> header.add(e.id()));
        header.addAll(List.of("team", "days_late", "similarity_flag", "grading_status"));
        if (!live.isEmpty()) header.add("live_points");
        StringBuilder b = new StringBuilder(String.join(",", header)).append("\r\n");
        for (Gradebook.Row r : g.rows()) {
            List<String> f = new ArrayList<>();
            f.add(c.assignment());
            f.add(c.due().toOffsetDateTime().toString());
            f.add(r.submittedAt() == null ? "" : r.submittedAt().toString());
            f.add(r.learner().id());
            f.add(r.learner().lastName());
            f.add(r.learner().firstName());
            f.add(r.learner().email());
            f.add(num(r.rawScore()));
            f.add(num(r.latePenalty()));
            f.add(num(r.score()));
            f.add(String.valueOf(c.maxPoints()));
            for (WorkshopExercise e : c.exercises()) {
                f.add(num(r.points(e.id())));
            }
            f.add(r.learner().team());
            f.add(String.valueOf(r.daysLate()));
            f.add(r.similarWith().isEmpty() ? "" : "similar to " + String.join(" ", r.similarWith()));
            f.add(r.status());
            if (!live.isEmpty()) f.add(String.valueOf(live.getOrDefault(r.learner().id(), 0)));
            b.append(String.join(",", f.stream().map(Csv::field).toList())).append("\r\n");
        }
        return b.toString();
    }

    public static String json(Gradebook g) {
        return json(g, java.util.Map.of());
    }

    /** As {@link #json(Gradebook)}, with {@code live_points} per learner when {@code live} is not empty. */
    public static String json(Gradebook g, java.util.Map<String, Integer> live) {
        WorkshopConfig c = g.config();
        ObjectNode root = GradeStore.json().createObjectNode();
        root.put("workshop", c.name());
        root.put("assignment", c.assignment());
        root.put("due", c.due().toOffsetDateTime().toString());
        root.put("timezone", c.due().getZone().getId());
        root.put("max_score", c.maxPoints());
        ArrayNode learners = root.putArray("learners");
        for (Gradebook.Row r : g.rows()) {
            ObjectNode n = learners.addObject();
            n.put("student_id", r.learner().id());
            n.put("first_name", r.learner().firstName());
            n.put("last_name", r.learner().lastName());
            n.put("email", r.learner().email());
            n.put("team", r.learner().team());
            n.put("timestamp", r.submittedAt() == null ? null : r.submittedAt().toString());
            n.put("raw_score", r.rawScore());
            n.put("late_submission_penalty", r.latePenalty());
            n.put("days_late", r.daysLate());
            n.put("score", r.score());
            n.put("max_score", c.maxPoints());
            n.put("grading_status", r.status());
            if (!live.isEmpty()) n.put("live_points", live.getOrDefault(r.learner().id(), 0));
            ArrayNode sim = n.putArray("similar_to");
            r.similarWith().forEach(sim::add);
            ArrayNode ex = n.putArray("exercises");
            if (r.result() != null) {
                for (ExerciseReport e : r.result().exercises()) {
                    ObjectNode en = ex.addObject();
                    en.put("id", e.id());
                    en.put("status", e.status().name().toLowerCase(Locale.ROOT));
                    en.put("points", e.points());
                    en.put("max_points", e.maxPoints());
                    en.put("passed", e.passed());
                    en.put("total", e.total());
                }
            }
        }
        try {
            return GradeStore.json().writeValueAsString(root) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Gradescope's results.json for one learner: one entry per test, each worth its exercise's points divided by the
     * exercise's test count; hidden tests get the workshop's visibility (after_due_date for hidden-until-due).
     */
    public static String gradescope(Gradebook.Row row, WorkshopConfig c, java.time.Instant now) {
        ObjectNode root = GradeStore.json().createObjectNode();
        SubmissionResult r = row.result();
        root.put("score", row.score());
        root.put("execution_time", r == null ? 0 : Math.round(r.millis() / 100.0) / 10.0);
        StringBuilder output = new StringBuilder();
        output.append(String.format(Locale.ROOT, "%s/%d points", num(row.rawScore()), c.maxPoints()));
        if (row.latePenalty() > 0) {
            output.append(String.format(Locale.ROOT, ", late penalty %s (%d day(s) late)", num(row.latePenalty()), row.daysLate()));
        }
        if (r != null && r.message() != null) {
            output.append(". Grading note: ").append(r.learnerMessage(c.hiddenDetailsVisible(now)));
        }
        root.put("output", output.toString());
        root.put("visibility", "visible");
        root.put("stdout_visibility", "hidden");
        ArrayNode tests = root.putArray("tests");
        if (r != null) {
            int exNo = 0;
            for (ExerciseReport e : r.exercises()) {
                exNo++;
                List<TestOutcome> counted = e.tests().stream().filter(t -> t.status() != TestStatus.SKIPPED).toList();
                int testNo = 0;
                for (TestOutcome t : counted) {
                    testNo++;
                    ObjectNode tn = tests.addObject();
                    double max = counted.isEmpty() ? 0 : (double) e.maxPoints() / counted.size();
                    boolean passed = t.status() == TestStatus.PASSED;
                    tn.put("score", passed ? round3(max) : 0);
                    tn.put("max_score", round3(max));
                    tn.put("status", passed ? "passed" : "failed");
                    tn.put("name", e.id() + ": " + t.name());
                    tn.put("number", exNo + "." + testNo);
                    if (t.message() != null) {
                        tn.put("output", t.message());
                    }
                    tn.putArray("tags").add(e.id()).add(t.hidden() ? "hidden" : "public");
                    tn.put("visibility", t.hidden() ? c.hiddenTests().gradescope() : "visible");
                }
            }
        }
        root.putArray("leaderboard");
        try {
            return GradeStore.json().writeValueAsString(root) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String num(double d) {
        return String.format(Locale.ROOT, "%.1f", d);
    }

    private static double round3(double d) {
        return Math.round(d * 1000) / 1000.0;
    }

}
