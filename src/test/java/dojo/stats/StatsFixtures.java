package dojo.stats;

import dojo.progress.ReviewEvent;
import dojo.questions.Answer;
import dojo.questions.Question;
import dojo.questions.QuestionType;
import dojo.questions.SourcePos;
import dojo.review.Rating;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Small banks and logs for the stats tests. */
final class StatsFixtures {

    private StatsFixtures() {}

    static Question question(String id, String lang, String... tags) {
        return new Question(id, "core", lang, QuestionType.TRUE_FALSE, "Title of " + id, 1, List.of(tags),
                "Prompt", List.of(), new Answer.TrueFalse(true), "Because.", List.of(), List.of(), Optional.empty(),
                SourcePos.of(Path.of("questions/" + lang + "/core.md")));
    }

    static ReviewEvent answer(String id, String time, Rating rating) {
        boolean correct = rating.value() >= 3;
        return new ReviewEvent(id, "core", "en", Instant.parse(time), rating, correct, correct ? 1.0 : 0.0, 3000,
                "practice");
    }
}
