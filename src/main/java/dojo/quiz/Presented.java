package dojo.quiz;

import dojo.questions.Answer;
import dojo.questions.Question;
import dojo.questions.QuestionType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * A question as the learner sees it. Ordering questions show their items shuffled: {@code order.get(i)} is
 * the index, in the correct order, of the item shown as number {@code i + 1}. Empty for other types.
 */
public record Presented(Question question, List<Integer> order) {

    public Presented {
        order = List.copyOf(order);
        int n = question.answer() instanceof Answer.Ordering o ? o.items().size() : 0;
        if (order.size() != n) {
            throw new IllegalArgumentException("order has " + order.size() + " entries, the question has " + n
                    + " items to order (" + question.id() + ")");
        }
    }

    /** Shows the question; ordering items are shuffled with {@code rng} and never shown already in order. */
    public static Presented of(Question question, Random rng) {
        if (question.type() != QuestionType.ORDERING || !(question.answer() instanceof Answer.Ordering o)) {
            return new Presented(question, List.of());
        }
        int n = o.items().size();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) order.add(i);
        if (n > 1) {
            do {
                Collections.shuffle(order, rng);
            } while (isIdentity(order));
        }
        return new Presented(question, order);
    }

    /** The items in the order shown, numbered from 1 by the renderer. */
    public List<String> shownItems() {
        if (!(question.answer() instanceof Answer.Ordering o)) return List.of();
        List<String> shown = new ArrayList<>(order.size());
        for (int i : order) shown.add(o.items().get(i));
        return shown;
    }

    /** The shown numbers (1-based) in the correct order, e.g. {@code 3 1 2 4}. */
    public List<Integer> correctSequence() {
        Integer[] seq = new Integer[order.size()];
        for (int shown = 0; shown < order.size(); shown++) seq[order.get(shown)] = shown + 1;
        return List.of(seq);
    }

    private static boolean isIdentity(List<Integer> order) {
        for (int i = 0; i < order.size(); i++) if (order.get(i) != i) return false;
        return true;
    }
}
