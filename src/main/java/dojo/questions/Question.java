package dojo.questions;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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
 * @param shuffle     whether choices may be shown in another order ({@code shuffle: false} keeps file order)
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
        SourcePos pos,
        boolean shuffle) {

    public Question {
        tags = List.copyOf(tags);
        choices = List.copyOf(choices);
        hints = List.copyOf(hints);
        references = List.copyOf(references);
    }

    /** A question whose choices may be shuffled (the default). */
    public Question(String id, String bank, String lang, QuestionType type, String title, int difficulty,
            List<String> tags, String prompt, List<Choice> choices, Answer answer, String explanation,
            List<String> hints, List<String> references, Optional<String> seedSource, SourcePos pos) {
        this(id, bank, lang, type, title, difficulty, tags, prompt, choices, answer, explanation, hints, references,
                seedSource, pos, true);
    }

    /**
     * The question with its choices shown in another order: {@code order.get(i)} is the file index of the
     * choice shown i-th. Shown choices are keyed a, b, c... again and the correct keys follow them.
     */
    public Question withChoiceOrder(List<Integer> order) {
        if (order.size() != choices.size()) {
            throw new IllegalArgumentException("order has " + order.size() + " entries, " + id + " has "
                    + choices.size() + " choices");
        }
        List<Choice> shown = new ArrayList<>(choices.size());
        Set<String> correct = new HashSet<>();
        for (int i = 0; i < order.size(); i++) {
            Choice c = choices.get(order.get(i));
            String key = ChoiceOrder.key(i);
            shown.add(new Choice(key, c.markdown(), c.correct()));
            if (c.correct()) correct.add(key);
        }
        Answer a = answer instanceof Answer.Choices ? new Answer.Choices(correct) : answer;
        return new Question(id, bank, lang, type, title, difficulty, tags, prompt, shown, a, explanation, hints,
                references, seedSource, pos, shuffle);
    }
}
