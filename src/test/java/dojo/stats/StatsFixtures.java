package dojo.stats;

import dojo.progress.ReviewEvent;
import dojo.questions.Answer;
import dojo.questions.Bank;
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
        return questionIn("core", id, lang, tags);
    }

    static Question questionIn(String bank, String id, String lang, String... tags) {
        return new Question(id, bank, lang, QuestionType.TRUE_FALSE, "Title of " + id, 1, List.of(tags),
                "Prompt", List.of(), new Answer.TrueFalse(true), "Because.", List.of(), List.of(), Optional.empty(),
                SourcePos.of(Path.of("questions/" + lang + "/" + bank + ".md")));
    }

    /** A bank holding the questions, which must carry its id and language. */
    static Bank bank(String id, String title, String lang, Question... questions) {
        for (Question q : questions) {
            if (!q.bank().equals(id) || !q.lang().equals(lang)) {
                throw new IllegalArgumentException(q.id() + " is in " + q.bank() + "/" + q.lang() + ", not " + id + "/" + lang);
            }
        }
        return new Bank(id, title, lang, Path.of("questions/" + lang + "/" + id + ".md"), List.of(questions));
    }

    static ReviewEvent answer(String id, String time, Rating rating) {
        boolean correct = rating.value() >= 3;
        return new ReviewEvent(id, "core", "en", Instant.parse(time), rating, correct, correct ? 1.0 : 0.0, 3000,
                "practice");
    }
}
