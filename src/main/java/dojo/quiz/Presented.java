package dojo.quiz;

import dojo.questions.Answer;
import dojo.questions.ChoiceOrder;
import dojo.questions.Question;
import dojo.questions.QuestionType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * A question as the learner sees it. Ordering questions show their items shuffled: {@code order.get(i)} is
 * the index, in the correct order, of the item shown as number {@code i + 1}. Empty for other types.
 * Choice questions show their choices shuffled: {@link #question()} is then the question as shown (keys
 * a, b, c... in shown order, the correct keys following them) and {@code choiceOrder.get(i)} is the file
 * index of the choice shown i-th; empty for other types.
 */
public record Presented(Question question, List<Integer> order, List<Integer> choiceOrder) {

    /** A question shown as authored (choices in file order). */
    public Presented(Question question, List<Integer> order) {
        this(question, order, ChoiceOrder.identity(question.choices().size()));
    }

    public Presented {
        order = List.copyOf(order);
        choiceOrder = List.copyOf(choiceOrder);
        if (choiceOrder.size() != question.choices().size()) {
            throw new IllegalArgumentException("choice order has " + choiceOrder.size() + " entries, the question has "
                    + question.choices().size() + " choices (" + question.id() + ")");
        }
        int n = question.answer() instanceof Answer.Ordering o ? o.items().size() : 0;
        if (order.size() != n) {
            throw new IllegalArgumentException("order has " + order.size() + " entries, the question has " + n
                    + " items to order (" + question.id() + ")");
        }
    }

    /**
     * Shows the question; ordering items are shuffled with {@code rng} and never shown already in order;
     * choices are shown in the order of {@link ChoiceOrder#forSession} for {@code seed} unless the question
     * opts out ({@code shuffle: false}).
     */
    public static Presented of(Question question, Random rng, long seed) {
        if (!question.choices().isEmpty()) {
            List<Integer> co = ChoiceOrder.forSession(seed, question);
            return new Presented(question.withChoiceOrder(co), List.of(), co);
        }
        return of(question, rng);
    }

    /** Shows the question; ordering items are shuffled with {@code rng}, choices stay in file order. */
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

    /**
     * What the progress log records about the order shown: the file keys of the choices in shown order
     * ({@code c a d b}) for choice questions, the correct-order indices of the shown items for ordering
     * questions; empty when nothing was reordered.
     */
    public List<String> shownOrder() {
        if (!order.isEmpty()) return order.stream().map(String::valueOf).toList();
        if (choiceOrder.equals(ChoiceOrder.identity(choiceOrder.size()))) return List.of();
        return choiceOrder.stream().map(ChoiceOrder::key).toList();
    }

    /** The key a choice is shown under, given its key in the file ({@code b} may be shown as {@code d}). */
    public String shownKey(String fileKey) {
        int file = fileKey.charAt(0) - 'a';
        int shownAt = choiceOrder.indexOf(file);
        if (fileKey.length() != 1 || shownAt < 0) {
            throw new IllegalArgumentException("no choice '" + fileKey + "' in " + question.id());
        }
        return ChoiceOrder.key(shownAt);
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
