package dojo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ExportFiltersTest {
    static final String VALID = QuizCommandTest.PROJECT.resolve("src/test/resources/banks/valid").toString();

    QuizCommandTest.Run dojo(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Dojo.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new QuizCommandTest.Run(exit, out.toString(), err.toString());
    }

    @Test
    void theAnswerKeyIsOneLinePerQuestionWithTheLettersTheHandoutShows() {
        QuizCommandTest.Run r = dojo("export", "--format", "key", "--questions", VALID);
        assertThat(r.exit()).as(r.err()).isZero();
        // all-types fixture: choices in the fixed export order (single: file b shown as a; multiple: file a, c as a, b)
        assertThat(r.out().lines().toList()).containsExactly(
                "# Every question type",
                "1. demo-single-softmax-axis  a",
                "2. demo-multiple-scaling  a, b",
                "3. demo-truefalse-heads-params  False",
                "4. demo-short-padding-mask  key padding mask",
                "5. demo-numeric-projection-params  2,359,296 parameters",
                "6. demo-ordering-sdpa-steps  B, D, E, A, C",
                "7. demo-open-heads-axis  (Model answer)");
    }

    @Test
    void exportsFilterByTagDifficultyAndIdLikeQuiz() {
        QuizCommandTest.Run byId = dojo("export", "--format", "key", "--questions", VALID, "--id", "demo-short-padding-mask");
        assertThat(byId.out().lines().filter(l -> !l.startsWith("#")).toList())
                .containsExactly("1. demo-short-padding-mask  key padding mask");
        QuizCommandTest.Run byTag = dojo("export", "--format", "anki", "--questions", VALID, "--tag", "softmax");
        assertThat(byTag.out().lines().filter(l -> !l.startsWith("#")).toList()).isNotEmpty()
                .allSatisfy(l -> assertThat(l).contains("softmax"));
        QuizCommandTest.Run byDifficulty = dojo("export", "--format", "html", "--questions", VALID, "--difficulty", "3");
        assertThat(byDifficulty.exit()).isZero();
        QuizCommandTest.Run none = dojo("export", "--format", "key", "--questions", VALID, "--tag", "softmx");
        assertThat(none.exit()).isEqualTo(2);
        assertThat(none.err()).contains("unknown tag 'softmx'; did you mean 'softmax'?");
    }
}
