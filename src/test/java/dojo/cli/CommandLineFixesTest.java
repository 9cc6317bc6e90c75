package dojo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Command-line items of issue 8: usage errors, suggestions, language tags, the data directory. */
class CommandLineFixesTest {
    @TempDir
    Path data;

    private final InputStream originalIn = System.in;

    @AfterEach
    void restoreStdin() {
        System.setIn(originalIn);
    }

    QuizCommandTest.Run dojo(String stdin, String... args) {
        System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Dojo.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new QuizCommandTest.Run(exit, out.toString(), err.toString());
    }

    @Test
    void bareDojoPrintsTheUsageOnStderrAndExitsTwo() {
        QuizCommandTest.Run r = dojo("");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("Usage: dojo", "quiz", "dojo: error: no command given");
    }

    @Test
    void anUnknownCommandGetsADidYouMean() {
        QuizCommandTest.Run r = dojo("", "quix");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).startsWith("dojo: error: unknown command 'quix'; did you mean 'quiz'?");
    }

    @Test
    void anUnknownTagGetsADidYouMeanInsteadOfEveryTag() {
        QuizCommandTest.Run r = dojo("", "quiz", "--questions", QuizCommandTest.PROJECT.resolve("questions").toString(),
                "--data-dir", data.toString(), "--tag", "maskin");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip()).startsWith("dojo: error: unknown tag 'maskin'; did you mean 'masking'?")
                .contains("tags; 'dojo stats --tags all' lists them").doesNotContain("alibi").hasLineCount(1);
    }

    @Test
    void languageTagsWithARegionAreAccepted() {
        for (String tag : new String[] {"zh-CN", "zh_CN", "ZH"}) {
            QuizCommandTest.Run r = dojo("q\n", "quiz", "--questions", QuizCommandTest.GOOD.toString(),
                    "--data-dir", data.toString(), "--lang", tag, "--seed", "1");
            assertThat(r.exit()).as(tag + ": " + r.err()).isZero();
            assertThat(r.out()).as(tag).contains("练习：共");
        }
        QuizCommandTest.Run en = dojo("q\n", "quiz", "--questions", QuizCommandTest.GOOD.toString(),
                "--data-dir", data.toString(), "--lang", "en-US", "--seed", "1");
        assertThat(en.exit()).as(en.err()).isZero();
        assertThat(en.out()).contains("Practice:");
    }

    @Test
    void statsNamesAMissingDataDirectoryAndQuizCreatesIt() {
        Path missing = data.resolve("typo");
        QuizCommandTest.Run stats = dojo("", "stats", "--questions", QuizCommandTest.GOOD.toString(),
                "--data-dir", missing.toString());
        assertThat(stats.exit()).isEqualTo(2);
        assertThat(stats.err()).contains("no progress directory " + missing);

        QuizCommandTest.Run quiz = dojo("q\n", "quiz", "--questions", QuizCommandTest.GOOD.toString(),
                "--data-dir", missing.toString(), "--ui-lang", "en", "--seed", "1");
        assertThat(quiz.exit()).isZero();
        assertThat(quiz.err()).contains("dojo: note: " + missing + " did not exist");
        assertThat(Files.isDirectory(missing)).isTrue();
    }

    @Test
    void theCommandNamesUsedToPickOneCommandMatchEachCommandsAnnotation() {
        assertThat(Dojo.NAMES).hasSameSizeAs(Dojo.COMMANDS);
        for (int i = 0; i < Dojo.NAMES.size(); i++) {
            picocli.CommandLine.Command c = Dojo.COMMANDS.get(i).getAnnotation(picocli.CommandLine.Command.class);
            assertThat(c.name()).as("command %d", i).isEqualTo(Dojo.NAMES.get(i));
            assertThat(c.aliases()).as("aliases of %s (the dispatcher does not know them)", c.name()).isEmpty();
        }
    }
}
