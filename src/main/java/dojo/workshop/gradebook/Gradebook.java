package dojo.workshop.gradebook;

import dojo.grading.ExerciseReport;
import dojo.workshop.Learner;
import dojo.workshop.SubmissionResult;
import dojo.workshop.WorkshopConfig;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The gradebook of a workshop: one row per learner of the roster, in roster order, from the grade files.
 *
 * @param config the workshop
 * @param rows one per learner
 */
public record Gradebook(WorkshopConfig config, List<Row> rows) {

    /**
     * One learner.
     *
     * @param learner the learner
     * @param result their grade (null when grading has not produced one yet)
     * @param rawScore points before the late penalty
     * @param latePenalty points lost for lateness
     * @param score points after the penalty
     * @param daysLate started days after the due date
     * @param similarWith learners whose code is suspiciously similar (from the similarity report)
     */
    public record Row(Learner learner, SubmissionResult result, double rawScore, double latePenalty, double score, long daysLate,
            List<String> similarWith) {

        public Instant submittedAt() {
            return result == null ? null : result.submittedAt();
        }

        public double points(String exercise) {
            if (result == null) {
                return 0;
            }
            return result.exercises().stream().filter(e -> e.id().equals(exercise)).mapToDouble(ExerciseReport::points).sum();
        }

        public String status() {
            return result == null ? "not graded" : result.status().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        }
    }

    public Gradebook {
        rows = List.copyOf(rows);
    }

    /** Builds the rows; {@code similar} maps a learner to the learners flagged with them. */
    public static Gradebook build(WorkshopConfig config, Map<String, SubmissionResult> grades, Map<String, Set<String>> similar) {
        List<Row> rows = new ArrayList<>();
        for (Learner l : config.roster()) {
            SubmissionResult r = grades.get(l.id());
            double raw = r == null ? 0 : r.points();
            Instant at = r == null ? null : r.submittedAt();
            double penalty = config.late().penalty(raw, at, config.dueInstant());
            double score = Math.round((raw - penalty) * 10) / 10.0;
            long days = dojo.workshop.LatePolicy.daysLate(at, config.dueInstant());
            rows.add(new Row(l, r, raw, penalty, score, days,
                    similar.getOrDefault(l.id(), Set.of()).stream().sorted().toList()));
        }
        return new Gradebook(config, rows);
    }
}
