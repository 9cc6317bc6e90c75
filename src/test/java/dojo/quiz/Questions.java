package dojo.quiz;

import dojo.questions.Answer;
import dojo.questions.Choice;
import dojo.questions.Question;
import dojo.questions.QuestionType;
import dojo.questions.SourcePos;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import com.google.re2j.Pattern;

/** Builds model questions for tests without going through the Markdown parser. */
final class Questions {
    private Questions() {}

    static Question question(String id, QuestionType type, List<Choice> choices, Answer answer) {
        return question(id, "basics", "en", type, 1, List.of("attention"), choices, answer, List.of());
    }

    static Question question(String id, String bank, String lang, QuestionType type, int difficulty,
            List<String> tags, List<Choice> choices, Answer answer, List<String> hints) {
        return new Question(id, bank, lang, type, "Title of " + id, difficulty, tags, "Prompt of " + id, choices,
                answer, "Because.", hints, List.of(), Optional.empty(), SourcePos.of(Path.of(bank + ".md")));
    }

    /** Choices a, b, c... ; {@code correct} lists the correct keys. */
    static List<Choice> choices(int n, String... correct) {
        List<Choice> list = new ArrayList<>();
        Set<String> c = Set.of(correct);
        for (int i = 0; i < n; i++) {
            String key = String.valueOf((char) ('a' + i));
            list.add(new Choice(key, "option " + key, c.contains(key)));
        }
        return list;
    }

    static Question single(String id, int n, String correct) {
        return question(id, QuestionType.SINGLE, choices(n, correct), new Answer.Choices(Set.of(correct)));
    }

    static Question multiple(String id, int n, String... correct) {
        return question(id, QuestionType.MULTIPLE, choices(n, correct), new Answer.Choices(Set.of(correct)));
    }

    static Question trueFalse(String id, boolean value) {
        return question(id, QuestionType.TRUE_FALSE, List.of(), new Answer.TrueFalse(value));
    }

    static Question shortAnswer(String id, List<String> accepted, String... regexes) {
        List<Pattern> ps = new ArrayList<>();
        for (String r : regexes) ps.add(Pattern.compile(r));
        return question(id, QuestionType.SHORT, List.of(), new Answer.Short(accepted, ps));
    }

    static Question numeric(String id, double value, double tolerance, boolean relative, String unit) {
        return question(id, QuestionType.NUMERIC, List.of(), new Answer.Numeric(value, tolerance, relative, unit));
    }

    static Question ordering(String id, String... items) {
        return question(id, QuestionType.ORDERING, List.of(), new Answer.Ordering(List.of(items)));
    }

    static Question open(String id) {
        return question(id, QuestionType.OPEN, List.of(), new Answer.Open("Model answer.", List.of("point one")));
    }
}
