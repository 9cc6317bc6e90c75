package dojo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The number of questions lint counts is the number the quiz can ask and the exports write. */
class QuestionCountAgreementTest {
    static final Path QUESTIONS = Path.of(System.getProperty("dojo.project.dir", ".")).toAbsolutePath().resolve("questions");

    @TempDir
    Path data;

    private final InputStream originalIn = System.in;

    @AfterEach
    void restore() {
        System.setIn(originalIn);
    }

    record Run(int exit, String out, String err) {}

    Run dojo(String... args) {
        System.setIn(new ByteArrayInputStream(new byte[0]));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Dojo.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(exit, out.toString(), err.toString());
    }

    static int number(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as("'%s' in:\n%s", regex, text).isTrue();
        return Integer.parseInt(m.group(1).replace(",", ""));
    }

    int quizPool(Path questions, String lang) {
        Run r = dojo("quiz", "--questions", questions.toString(), "--data-dir", data.toString(), "--lang", lang,
                "--ui-lang", "en", "--count", "100000", "--seed", "1");
        assertThat(r.exit).as(r.err).isZero();
        return number(r.out, "Practice: (\\d+) questions?");
    }

    int exported(Path questions, String lang) throws Exception {
        Run r = dojo("export", "--questions", questions.toString(), "--format", "json", "--lang", lang);
        assertThat(r.exit).as(r.err).isZero();
        JsonNode root = new ObjectMapper().readTree(r.out);
        int n = 0;
        for (JsonNode b : root.get("banks")) n += b.get("questions").size();
        assertThat(root.get("questionCount").asInt()).isEqualTo(n);
        return n;
    }

    @Test
    void lint_quiz_and_export_count_the_same_questions_in_the_shipped_banks() throws Exception {
        Run lint = dojo("lint", QUESTIONS.toString());
        assertThat(lint.exit).as(lint.out).isZero();
        int linted = number(lint.err, "(\\d+) questions, no problems");
        int en = quizPool(QUESTIONS, "en");
        int zh = quizPool(QUESTIONS, "zh");
        assertThat(en + zh).isEqualTo(linted);
        assertThat(exported(QUESTIONS, "en")).isEqualTo(en);
        assertThat(exported(QUESTIONS, "zh")).isEqualTo(zh);
    }

    @Test
    void a_fence_left_open_is_a_lint_error_instead_of_a_smaller_count(@TempDir Path banks) throws Exception {
        String q = """
                ## Q%1$d

                - id: q-%1$d
                - type: truefalse
                - difficulty: 1
                - tags: demo

                Statement %1$d.%2$s

                ### Answer

                true

                ### Explanation

                E.

                """;
        String text = "---\nbank: b\ntitle: B\nlang: en\n---\n\n" + q.formatted(1, "") + q.formatted(2, "\n\n```") + q.formatted(3, "");
        Files.writeString(banks.resolve("b.md"), text);
        Run lint = dojo("lint", banks.toString());
        assertThat(lint.exit).isEqualTo(1);
        assertThat(lint.out).contains("b.md:33:1: error: code fence opened here is never closed: everything after it up to the end of the file is part of it (5 heading lines swallowed)");
        assertThat(number(lint.err, "in (\\d+) file")).isEqualTo(1);
        Files.writeString(banks.resolve("b.md"), text.replace("\n\n```", ""));
        Run clean = dojo("lint", banks.toString());
        assertThat(number(clean.err, "(\\d+) questions, no problems")).isEqualTo(3).isEqualTo(quizPool(banks, "en"))
                .isEqualTo(exported(banks, "en"));
    }
}
