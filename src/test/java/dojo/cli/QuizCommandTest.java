package dojo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dojo.progress.LogRead;
import dojo.progress.ProgressLog;
import dojo.progress.ReviewEvent;
import dojo.questions.Question;
import dojo.questions.QuestionLibrary;
import dojo.quiz.Mode;
import dojo.quiz.Presented;
import dojo.quiz.QuizEngine;
import dojo.quiz.QuizFilter;
import dojo.quiz.Session;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End to end: {@code Dojo.run} with stdin replaced, on the fixture banks in src/test/resources/quiz. */
class QuizCommandTest {
    static final Path PROJECT = Path.of(System.getProperty("dojo.project.dir", ".")).toAbsolutePath();
    static final Path GOOD = PROJECT.resolve("src/test/resources/quiz/good");
    static final Path BAD = PROJECT.resolve("src/test/resources/quiz/bad");

    @TempDir
    Path data;

    private final InputStream originalIn = System.in;

    @AfterEach
    void restoreStdin() {
        System.setIn(originalIn);
    }

    record Run(int exit, String out, String err) {
        List<String> lines() {
            return List.of(out.split("\\R"));
        }

        String lastLine() {
            List<String> l = lines();
            return l.get(l.size() - 1);
        }
    }

    Run dojo(String stdin, String... args) {
        System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Dojo.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(exit, out.toString(), err.toString());
    }

    /**
     * {@code quiz} on the fixture banks with {@code extra}; the interface is English unless the test picks
     * a question language (which the interface then follows), whatever the locale of the machine.
     */
    String[] args(String... extra) {
        List<String> a = new ArrayList<>(List.of("--questions", GOOD.toString(), "--data-dir", data.toString()));
        if (!List.of(extra).contains("--lang")) a.addAll(List.of("--ui-lang", "en"));
        a.addAll(List.of(extra));
        a.add(0, "quiz");
        return a.toArray(new String[0]);
    }

    List<ReviewEvent> logged() throws Exception {
        LogRead read = ProgressLog.readOnly(data);
        assertThat(read.problems()).isEmpty();
        return read.events();
    }

    /** The questions and their presentation exactly as the command will ask them for this seed. */
    static List<Presented> asked(String lang, long seed, int count) {
        QuestionLibrary lib = QuestionLibrary.load(List.of(GOOD));
        QuizEngine engine = new QuizEngine(Clock.systemUTC());
        QuizFilter filter = new QuizFilter(lang, java.util.Set.of(), java.util.Set.of(), java.util.Set.of(), count);
        List<Question> qs = engine.select(lib.questions(lang), filter, seed);
        Session s = engine.start(Mode.PRACTICE, qs, seed, Optional.empty());
        List<Presented> out = new ArrayList<>();
        while (!s.isOver()) {
            out.add(s.current().orElseThrow());
            s.skip();
        }
        return out;
    }

    /** {@code fileAnswer} (file keys) in the keys a session with {@code seed} shows fixture question {@code id} under. */
    static String shown(String lang, String id, long seed, String fileAnswer) {
        Question q = QuestionLibrary.load(List.of(GOOD)).questions(lang).stream()
                .filter(x -> x.id().equals(id)).findFirst().orElseThrow();
        return dojo.quiz.ShownAnswers.asShown(q, seed, fileAnswer);
    }

    /** One input line per question, right or deliberately wrong/partial for the given ids. */
    static String answers(List<Presented> asked, Map<String, String> overrides) {
        Map<String, String> right = Map.of("qz-single", "b", "qz-multiple", "a,c", "qz-truefalse", "f",
                "qz-short", "Key Padding Mask", "qz-numeric", "262,144", "qz-open", "3");
        StringBuilder in = new StringBuilder();
        for (Presented p : asked) {
            String id = p.question().id();
            String line = overrides.containsKey(id) ? overrides.get(id)
                    : id.equals("qz-ordering") ? p.correctSequence().stream().map(String::valueOf).collect(Collectors.joining(" "))
                    : right.get(id);
            in.append(dojo.quiz.ShownAnswers.asShown(p, line)).append('\n');
        }
        return in.toString();
    }

    @Test
    void aFullPracticeRunEndsWithTheScoreAndLogsEveryAnswer() throws Exception {
        List<Presented> asked = asked("en", 7, 7);
        Run r = dojo(answers(asked, Map.of()), args("--seed", "7", "--count", "7"));
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.lastLine()).isEqualTo("Score: 7/7");
        assertThat(r.out()).doesNotContain("\u001b");
        assertThat(r.err()).isEmpty();
        List<ReviewEvent> events = logged();
        assertThat(events).extracting(ReviewEvent::questionId)
                .containsExactlyElementsOf(asked.stream().map(p -> p.question().id()).collect(Collectors.toList()));
        assertThat(events).allSatisfy(e -> {
            assertThat(e.correct()).isTrue();
            assertThat(e.mode()).isEqualTo("practice");
            assertThat(e.lang()).isEqualTo("en");
        });
    }

    @Test
    void partialCreditMakesAFractionalScore() throws Exception {
        List<Presented> asked = asked("en", 3, 7);
        Run r = dojo(answers(asked, Map.of("qz-multiple", "a", "qz-truefalse", "true")), args("--seed", "3", "--count", "7"));
        assertThat(r.lastLine()).isEqualTo("Score: 5.5/7");
        assertThat(logged()).filteredOn(e -> e.questionId().equals("qz-multiple"))
                .singleElement().satisfies(e -> assertThat(e.score()).isEqualTo(0.5));
    }

    @Test
    void fullWidthAndChineseAnswersWorkInTheChineseBanks() throws Exception {
        List<Presented> asked = asked("zh", 11, 7);
        Run r = dojo(answers(asked, Map.of("qz-short", "填充 掩码。", "qz-numeric", "２６２，１４４ 个参数",
                "qz-truefalse", "错", "qz-single", "ｂ")), args("--lang", "zh", "--seed", "11", "--count", "7"));
        assertThat(r.lastLine()).isEqualTo("Score: 7/7");
        assertThat(r.out()).contains("注意力中的 softmax 沿哪个轴归一化？").doesNotContain("\u001b");
        assertThat(logged()).allSatisfy(e -> assertThat(e.lang()).isEqualTo("zh"));
    }

    @Test
    void longChineseTextIsWrappedWithinEightyColumns() {
        List<Presented> asked = asked("zh", 11, 7);
        Run r = dojo(answers(asked, Map.of()), args("--lang", "zh", "--seed", "11", "--count", "7"));
        assertThat(r.out()).contains("每个查询在所有键上得到一个概率分布");
        assertThat(r.lines()).filteredOn(l -> !l.startsWith("    ") && !l.startsWith("> "))
                .allSatisfy(l -> assertThat(dojo.terminal.DisplayWidth.of(l)).as(l).isLessThanOrEqualTo(80));
    }

    @Test
    void malformedAnswersAreAskedAgainNotScoredWrong() throws Exception {
        // heads + difficulty 1 selects only the true/false question
        Run r = dojo("maybe\n\nf\n", args("--tag", "heads", "--difficulty", "1", "--bank", "quiz-basics", "--seed", "1"));
        assertThat(r.out()).contains("Question 1/1").contains("· qz-truefalse");
        assertThat(r.out().split("Not understood: answer true or false", -1)).hasSize(3);
        assertThat(r.lastLine()).isEqualTo("Score: 1/1");
        assertThat(logged()).singleElement().satisfies(e -> assertThat(e.correct()).isTrue());
    }

    @Test
    void endOfInputEndsTheSessionCleanly() throws Exception {
        Run r = dojo("", args("--seed", "1"));
        assertThat(r.exit()).isZero();
        assertThat(r.out()).doesNotContain("Score:");
        assertThat(r.lastLine()).isEqualTo("Nothing was answered, so there is no score and nothing was saved.");
        assertThat(logged()).isEmpty();
    }

    @Test
    void quittingKeepsWhatWasAnswered() throws Exception {
        List<Presented> asked = asked("en", 5, 7);
        String first = answers(asked.subList(0, 1), Map.of());
        Run r = dojo(first + "q\nb\n", args("--seed", "5", "--count", "7"));
        assertThat(r.lastLine()).isEqualTo("Score: 1/1");
        assertThat(logged()).hasSize(1);
    }

    @Test
    void anExamGivesFeedbackOnlyAtTheEnd() throws Exception {
        List<Presented> asked = asked("en", 9, 3);
        Run r = dojo(answers(asked.subList(0, 2), Map.of()), args("--mode", "exam", "--time-limit", "20m", "--seed", "9", "--count", "3"));
        int review = r.out().indexOf("Exam review");
        assertThat(review).isPositive();
        assertThat(r.out().substring(0, review)).doesNotContain("Correct.").contains("Answer recorded.");
        assertThat(r.lastLine()).isEqualTo("Score: 2/3");
        assertThat(logged()).hasSize(2).allSatisfy(e -> assertThat(e.mode()).isEqualTo("exam"));
    }

    @Test
    void retryWrongAsksOnlyWhatWasLastAnsweredWrong() throws Exception {
        List<Presented> asked = asked("en", 3, 7);
        dojo(answers(asked, Map.of("qz-single", "a", "qz-short", "causal mask")), args("--seed", "3", "--count", "7"));
        Run r = dojo("b\nq\n", args("--mode", "retry-wrong", "--seed", "1"));
        assertThat(r.out()).contains("Retry: 2 questions you last got wrong.");
        assertThat(r.out()).containsAnyOf("qz-single", "qz-short");
        assertThat(r.out()).doesNotContain("· qz-numeric");
    }

    @Test
    void retryWrongWithNothingWrongSaysSo() {
        Run r = dojo("", args("--mode", "retry-wrong"));
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("Nothing to retry");
    }

    @Test
    void banksWithErrorsAreListedWithTheirPlaceAndNothingStarts() {
        Run r = dojo("b\n", "quiz", "--questions", BAD.toString(), "--data-dir", data.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).containsPattern("broken\\.md:\\d+:\\d+: error: ");
        assertThat(r.out()).doesNotContain("Question 1");
    }

    @Test
    void anUnknownBankIsOneLineNamingTheValidOnes() {
        Run r = dojo("", args("--bank", "nope"));
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("dojo: error: unknown bank 'nope'; banks: quiz-basics");
    }

    @Test
    void anUnknownTagIsOneLineNamingTheValidOnes() {
        Run r = dojo("", args("--tag", "nope"));
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo(
                "dojo: error: unknown tag 'nope'; tags: heads, masking, parameters, scaling, softmax");
    }

    @Test
    void badOptionValuesAreRefusedWithExitTwo() {
        assertThat(dojo("", args("--mode", "cram")).err()).contains("unknown mode 'cram'");
        assertThat(dojo("", args("--time-limit", "20m")).err()).contains("--time-limit only applies to --mode exam");
        assertThat(dojo("", args("--mode", "exam", "--time-limit", "soon")).exit()).isEqualTo(2);
        assertThat(dojo("", args("--difficulty", "4")).exit()).isEqualTo(2);
        assertThat(dojo("", args("--lang", "fr")).err()).contains("no questions in language 'fr'; languages: en, zh");
    }

    @Test
    void aCorruptLogLineIsReportedOnceAndTheSessionGoesOn() throws Exception {
        Files.writeString(data.resolve("reviews.jsonl"), "{not json\n");
        List<Presented> asked = asked("en", 2, 2);
        Run r = dojo(answers(asked, Map.of()), args("--seed", "2", "--count", "2"));
        assertThat(r.err().lines().filter(l -> l.contains("warning")).count()).isEqualTo(1);
        assertThat(r.err()).contains("reviews.jsonl:1:");
        assertThat(r.lastLine()).isEqualTo("Score: 2/2");
        assertThat(ProgressLog.readOnly(data).events()).hasSize(2);
    }

    @Test
    void theSameSeedAsksTheSameQuestionsInTheSameOrder() {
        Run a = dojo("", args("--seed", "42", "--count", "7"));
        Run b = dojo("", args("--seed", "42", "--count", "7"));
        assertThat(a.out()).isEqualTo(b.out());
    }
}
