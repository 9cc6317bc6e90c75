package dojo.quiz;

import dojo.questions.Question;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The questions a review session asks: due ones first (most overdue first), then new ones.
 *
 * @param nextDue when the earliest question not yet due becomes due (for "nothing due, next due in 3h")
 */
public record ReviewQueue(List<Question> questions, int due, int fresh, Optional<Instant> nextDue) {
    public ReviewQueue {
        questions = List.copyOf(questions);
    }

    public boolean isEmpty() {
        return questions.isEmpty();
    }
}
