package dojo.workshop.live;

import dojo.questions.ChoiceOrder;
import dojo.questions.Question;
import dojo.quiz.Presented;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * One question of a live session, as every player sees it: the same id in each language it exists in, shown in
 * one order for the whole session. Choices follow {@link ChoiceOrder#forSession} with the session seed (as in
 * {@code dojo quiz}), ordering items one shuffle seeded by the session seed and the question's position, so the
 * letters and item numbers mean the same for every player in every language and the histogram adds them up.
 *
 * @param index    position in the session, from 0
 * @param shown    the question as shown, per language code ({@code en} always; {@code zh} when the bank has it)
 */
public record LiveQuestion(int index, Map<String, Presented> shown) {

    public LiveQuestion {
        shown = Map.copyOf(shown);
        if (!shown.containsKey("en")) throw new IllegalArgumentException("a live question needs its English version");
    }

    /** Shows {@code byLang} (one question id, keyed by language) at {@code index} for a session with {@code seed}. */
    public static LiveQuestion of(int index, Map<String, Question> byLang, long seed) {
        Map<String, Presented> shown = new LinkedHashMap<>();
        for (Map.Entry<String, Question> e : byLang.entrySet()) {
            // a fresh Random per language with the same seed: the same item order in en and zh
            shown.put(e.getKey(), Presented.of(e.getValue(), new Random(seed * 31 + index), seed));
        }
        return new LiveQuestion(index, shown);
    }

    public String id() {
        return shown.get("en").question().id();
    }

    /** The question in {@code lang}, or in English when the bank has no such translation. */
    public Presented in(String lang) {
        Presented p = shown.get(lang);
        return p != null ? p : shown.get("en");
    }

    /** What the progress log records about the order shown (the same in every language). */
    public List<String> shownOrder() {
        return shown.get("en").shownOrder();
    }
}
