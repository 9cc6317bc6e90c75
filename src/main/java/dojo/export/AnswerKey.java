package dojo.export;

import dojo.questions.Answer;
import dojo.questions.Bank;
import dojo.questions.Choice;
import dojo.questions.ChoiceOrder;
import dojo.questions.Question;
import dojo.quiz.NumericFormat;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A compact answer key to print beside the handout: one line per question, numbered as the handout numbers
 * them, with the letters as the handout shows them (the same fixed choice and item order per id).
 */
public final class AnswerKey {

    public String render(List<Bank> banks) {
        StringBuilder k = new StringBuilder();
        int n = 0;
        for (Bank b : banks) {
            Labels l = Labels.of(b.lang());
            k.append("# ").append(b.title()).append('\n');
            for (Question source : b.questions()) {
                Question q = ChoiceOrder.forExport(source);
                k.append(++n).append(". ").append(q.id()).append("  ").append(answer(q, l)).append('\n');
            }
        }
        return k.toString();
    }

    private static String answer(Question q, Labels l) {
        Answer a = q.answer();
        if (a instanceof Answer.Choices) {
            return q.choices().stream().filter(Choice::correct).map(Choice::key).collect(Collectors.joining(", "));
        }
        if (a instanceof Answer.TrueFalse tf) return tf.value() ? l.trueWord() : l.falseWord();
        if (a instanceof Answer.Short s) return s.accepted().isEmpty() ? "(" + l.pattern() + ")" : s.accepted().get(0);
        if (a instanceof Answer.Numeric num) {
            String tol = NumericFormat.tolerance(num);
            return NumericFormat.value(num) + (num.unit().isBlank() ? "" : " " + num.unit()) + (tol.isEmpty() ? "" : " (" + tol + ")");
        }
        if (a instanceof Answer.Ordering o) {
            List<Integer> shown = Shuffle.order(q.id(), o.items().size());
            StringBuilder letters = new StringBuilder();
            for (int i = 0; i < o.items().size(); i++) letters.append(i > 0 ? ", " : "").append(Shuffle.letter(shown.indexOf(i)));
            return letters.toString();
        }
        return "(" + l.modelAnswer() + ")";
    }
}
