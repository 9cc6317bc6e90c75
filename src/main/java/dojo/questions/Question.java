package dojo.questions;

import java.util.List;
import java.util.Optional;

/**
 * One question as authored. Markdown fields keep their Markdown so each renderer (terminal, HTML,
 * GIFT...) renders it its own way.
 *
 * @param id          stable id, the key of all progress; the same in every language
 * @param bank        id of the bank (file) it belongs to
 * @param lang        language code of the bank, {@code en} or {@code zh}
 * @param title       the heading text
 * @param prompt      the question body in Markdown (may hold code blocks), without choices
 * @param choices     options in file order for single/multiple choice, empty otherwise
 * @param hints       tiered hints, gentlest first
 * @param references  paper + section strings, as written
 * @param seedSource  {@code seed-Q5} or {@code seed-C1} when it covers a seed question or code answer
 * @param pos         where the heading starts
 */
public record Question(
        String id,
        String bank,
        String lang,
        QuestionType type,
        String title,
        int difficulty,
        List<String> tags,
        String prompt,
        List<Choice> choices,
        Answer answer,
        String explanation,
        List<String> hints,
        List<String> references,
        Optional<String> seedSource,
        SourcePos pos) {

    public Question {
        tags = List.copyOf(tags);
        choices = List.copyOf(choices);
        hints = List.copyOf(hints);
        references = List.copyOf(references);
    }
}
