package dojo.quiz;

/**
 * Tests answer choice questions by their keys in the file ({@code b}, {@code a,c}); the quiz shows the
 * choices shuffled, so these helpers turn file keys into the keys shown for one presentation.
 */
public final class ShownAnswers {
    private ShownAnswers() {}

    /**
     * {@code fileAnswer} with every letter that is a file choice key replaced by its shown key (half- or
     * full-width kept); unchanged for questions without choices.
     */
    public static String asShown(Presented p, String fileAnswer) {
        int n = p.question().choices().size();
        if (n == 0) return fileAnswer;
        StringBuilder b = new StringBuilder();
        for (char c : fileAnswer.toCharArray()) {
            if (c >= 'a' && c < 'a' + n) {
                b.append(p.shownKey(String.valueOf(c)));
            } else if (c >= '\uFF41' && c < '\uFF41' + n) {
                b.append((char) (p.shownKey(String.valueOf((char) ('a' + c - '\uFF41'))).charAt(0) - 'a' + '\uFF41'));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** {@code fileAnswer} in the keys a session with {@code seed} shows {@code q}'s choices under. */
    public static String asShown(dojo.questions.Question q, long seed, String fileAnswer) {
        if (q.choices().isEmpty()) return fileAnswer;
        return asShown(new Presented(q.withChoiceOrder(dojo.questions.ChoiceOrder.forSession(seed, q)), java.util.List.of(),
                dojo.questions.ChoiceOrder.forSession(seed, q)), fileAnswer);
    }

    /** Answers the current question with {@code fileAnswer} translated to the shown keys. */
    public static Submission answer(Session s, String fileAnswer) {
        return s.answer(asShown(s.current().orElseThrow(), fileAnswer));
    }
}
