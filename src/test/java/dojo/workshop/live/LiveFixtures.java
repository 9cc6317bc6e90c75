package dojo.workshop.live;

import dojo.questions.Answer;
import dojo.questions.Choice;
import dojo.questions.Question;
import dojo.questions.QuestionType;
import dojo.questions.SourcePos;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Questions and a settable clock for the live quiz tests. */
final class LiveFixtures {
    private LiveFixtures() {}

    /** A clock the test moves by hand. */
    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    static final Instant T0 = Instant.parse("2027-03-01T10:00:00Z");

    static Question question(String id, String lang, QuestionType type, List<Choice> choices, Answer answer, boolean shuffle) {
        String bank = "live-test";
        return new Question(id, bank, lang, type, lang + " title of " + id, 1, List.of("attention"), lang + " prompt of " + id,
                choices, answer, lang + " because.", List.of(), List.of(), Optional.empty(), SourcePos.of(Path.of(bank + ".md")), shuffle);
    }

    static List<Choice> choices(String lang, int n, String... correct) {
        List<Choice> list = new ArrayList<>();
        Set<String> c = Set.of(correct);
        for (int i = 0; i < n; i++) {
            String key = String.valueOf((char) ('a' + i));
            list.add(new Choice(key, lang + " option " + key, c.contains(key)));
        }
        return list;
    }

    /** Single choice, file order kept: the correct key is shown as {@code correct}. */
    static Map<String, Question> single(String id, int n, String correct) {
        Map<String, Question> m = new LinkedHashMap<>();
        for (String lang : List.of("en", "zh")) {
            m.put(lang, question(id, lang, QuestionType.SINGLE, choices(lang, n, correct), new Answer.Choices(Set.of(correct)), false));
        }
        return m;
    }

    static Map<String, Question> multiple(String id, int n, String... correct) {
        Map<String, Question> m = new LinkedHashMap<>();
        for (String lang : List.of("en", "zh")) {
            m.put(lang, question(id, lang, QuestionType.MULTIPLE, choices(lang, n, correct), new Answer.Choices(Set.of(correct)), false));
        }
        return m;
    }

    static Map<String, Question> trueFalse(String id, boolean value) {
        Map<String, Question> m = new LinkedHashMap<>();
        for (String lang : List.of("en", "zh")) {
            m.put(lang, question(id, lang, QuestionType.TRUE_FALSE, List.of(), new Answer.TrueFalse(value), true));
        }
        return m;
    }

    static Map<String, Question> numeric(String id, double value) {
        Map<String, Question> m = new LinkedHashMap<>();
        for (String lang : List.of("en", "zh")) {
            m.put(lang, question(id, lang, QuestionType.NUMERIC, List.of(), new Answer.Numeric(value, 0, false, ""), true));
        }
        return m;
    }

    /** q0 single (b right of 4), q1 multiple (a c right of 4), q2 true/false (true), q3 numeric (64). */
    static List<LiveQuestion> fourQuestions() {
        List<Map<String, Question>> qs = List.of(single("q-single", 4, "b"), multiple("q-multi", 4, "a", "c"),
                trueFalse("q-tf", true), numeric("q-num", 64));
        List<LiveQuestion> out = new ArrayList<>();
        for (int i = 0; i < qs.size(); i++) out.add(LiveQuestion.of(i, qs.get(i), 42));
        return out;
    }

    /** Points by the documented rule, written out independently of the engine. */
    static int expectedPoints(double score, long leftMs, long limitMs) {
        return (int) Math.round(score * 500 * (1 + (double) leftMs / limitMs));
    }
}
