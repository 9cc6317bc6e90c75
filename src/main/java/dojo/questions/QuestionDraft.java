package dojo.questions;

import java.util.List;
import java.util.Optional;

/**
 * Everything the parser could read about one {@code ##} question, even when it has errors. Cross-file
 * checks (duplicate ids, en/zh agreement) work on drafts, so a question with a missing explanation is
 * still compared with its translation. {@link #question()} is present only when the question has no
 * error: that is the record the quiz, stats and export see.
 *
 * @param id          the id as written, when there is one
 * @param type        the type, when known
 * @param difficulty  1..3, or 0 when missing or invalid
 * @param tags        tags as written
 * @param answer      the answer, when its own part of the question parsed cleanly
 * @param choiceCount number of choices (0 for types without choices)
 * @param pos         the {@code ##} heading
 * @param idPos       the id value (the heading when there is no id)
 * @param question    the finished question, present only when it has no error
 */
public record QuestionDraft(
        Optional<String> id,
        Optional<QuestionType> type,
        int difficulty,
        List<String> tags,
        Optional<Answer> answer,
        int choiceCount,
        SourcePos pos,
        SourcePos idPos,
        Optional<Question> question) {

    public QuestionDraft {
        tags = List.copyOf(tags);
    }

    /** The same draft, left out of the model because of an error found later (e.g. a duplicate id). */
    public QuestionDraft rejected() {
        return new QuestionDraft(id, type, difficulty, tags, answer, choiceCount, pos, idPos, Optional.empty());
    }
}
