package dojo.workshop.live;

import dojo.questions.Answer;
import dojo.questions.Question;
import dojo.questions.QuestionType;
import dojo.quiz.Presented;
import dojo.quiz.QuizEngine;
import dojo.quiz.QuizFilter;
import dojo.quiz.Scoring;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Draws a live session's questions from the banks, with the quiz's own selection. */
public final class LiveQuestions {
    private LiveQuestions() {}

    /**
     * The English questions matching {@code filter} (its language must be en), chosen and ordered exactly as
     * {@code dojo quiz --seed} does ({@link QuizEngine#select}), each paired with its Chinese version by id.
     * Open (self-rated) questions are left out: a competition cannot let players rate themselves.
     */
    public static List<LiveQuestion> select(List<Question> en, List<Question> zh, QuizFilter filter, long seed, Clock clock) {
        List<Question> gradable = en.stream().filter(q -> q.type() != QuestionType.OPEN).toList();
        Map<String, Question> zhById = zh.stream().collect(Collectors.toMap(Question::id, Function.identity(), (a, b) -> a));
        List<LiveQuestion> out = new ArrayList<>();
        for (Question q : new QuizEngine(clock).select(gradable, filter, seed)) {
            Map<String, Question> byLang = new LinkedHashMap<>();
            byLang.put("en", q);
            Question z = zhById.get(q.id());
            // the translation is used only when it has the same shape (choices, items), so keys mean the same
            if (z != null && z.type() == q.type() && z.choices().size() == q.choices().size() && items(z) == items(q)) {
                byLang.put("zh", z);
            }
            out.add(LiveQuestion.of(out.size(), byLang, seed));
        }
        return out;
    }

    private static int items(Question q) {
        return q.answer() instanceof Answer.Ordering o ? o.items().size() : 0;
    }

    /** The right answer as shown: choice keys, true/false, the number with its unit, the first accepted text, item numbers. */
    public static String correctAnswer(Presented p) {
        Question q = p.question();
        Answer a = q.answer();
        if (a instanceof Answer.Choices c) return c.correctKeys().stream().sorted().collect(Collectors.joining(", "));
        if (a instanceof Answer.TrueFalse t) return String.valueOf(t.value());
        if (a instanceof Answer.Numeric n) {
            return Scoring.formatNumber(n.value()) + (n.unit() == null || n.unit().isEmpty() ? "" : " " + n.unit());
        }
        if (a instanceof Answer.Short s) return s.accepted().isEmpty() ? "" : s.accepted().get(0);
        if (a instanceof Answer.Ordering) return p.correctSequence().stream().map(String::valueOf).collect(Collectors.joining(" "));
        if (a instanceof Answer.Open o) return o.modelAnswer();
        return "";
    }
}
