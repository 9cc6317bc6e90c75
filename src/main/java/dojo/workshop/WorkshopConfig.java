package dojo.workshop;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;

/**
 * A workshop, as read from {@code workshop.yaml}.
 *
 * @param name the workshop (a study group, a course run)
 * @param assignment the assignment name (nbgrader's assignment column)
 * @param due due date in the workshop's time zone
 * @param late late policy
 * @param limits resource limits for grading
 * @param hiddenTests when hidden test details are shown
 * @param exercises graded exercises with their points, in index order
 * @param roster learners
 */
public record WorkshopConfig(String name, String assignment, ZonedDateTime due, LatePolicy late, Limits limits,
        Visibility hiddenTests, List<WorkshopExercise> exercises, List<Learner> roster) {

    public static final String FILE_NAME = "workshop.yaml";

    public WorkshopConfig {
        exercises = List.copyOf(exercises);
        roster = List.copyOf(roster);
    }

    public Instant dueInstant() {
        return due.toInstant();
    }

    public List<String> exerciseIds() {
        return exercises.stream().map(WorkshopExercise::id).toList();
    }

    public int maxPoints() {
        return exercises.stream().mapToInt(WorkshopExercise::points).sum();
    }

    public Optional<Learner> learner(String id) {
        return roster.stream().filter(l -> l.id().equals(id)).findFirst();
    }

    public List<String> teams() {
        return roster.stream().map(Learner::team).filter(t -> t != null && !t.isEmpty()).distinct().sorted().toList();
    }

    /** True when hidden test details may be shown to learners at {@code now}. */
    public boolean hiddenDetailsVisible(Instant now) {
        return switch (hiddenTests) {
            case VISIBLE -> true;
            case HIDDEN -> false;
            case HIDDEN_UNTIL_DUE -> !now.isBefore(dueInstant());
        };
    }
}
