package dojo.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dojo.cli.Dojo;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("dojo export")
class ExportCommandTest {
    static final String VALID = "src/test/resources/banks/valid";

    record Run(int exit, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Dojo.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void json_goes_to_stdout_with_every_language_and_project_relative_paths() throws Exception {
        Run r = run("export", "--format", "json", "--questions", VALID);
        assertThat(r.exit).isZero();
        assertThat(r.err).isEmpty();
        JsonNode root = new ObjectMapper().readTree(r.out);
        assertThat(root.get("languages")).extracting(JsonNode::asText).containsExactly("en", "zh");
        assertThat(root.get("banks").get(1).get("file").asText()).isEqualTo(VALID + "/zh/all-types.md");
    }

    @Test
    void html_with_answers_is_written_to_the_out_file(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("sub/handout.html");
        Run r = run("export", "--format", "html", "--answers", "--lang", "zh", "--questions", VALID, "--out", out.toString());
        assertThat(r.exit).isZero();
        assertThat(r.out).isEmpty();
        assertThat(r.err.strip()).isEqualTo("export: 7 questions from 1 bank written to " + out + " (html)");
        String html = Files.readString(out);
        assertThat(html).contains("<html lang=\"zh\">", "<div class=\"key\">");
    }

    @Test
    void gift_and_anki_default_to_english() {
        Run gift = run("export", "--format", "gift", "--questions", VALID);
        assertThat(gift.exit).isZero();
        assertThat(gift.out).contains("::demo-single-softmax-axis::").doesNotContain("注意力");
        Run anki = run("export", "--format", "ANKI", "--questions", VALID, "--lang", "zh");
        assertThat(anki.exit).isZero();
        assertThat(anki.out).startsWith("#separator:tab\n").contains("注意力");
    }

    @Test
    void bank_filter_keeps_only_the_named_banks_and_rejects_unknown_ones() {
        assertThat(run("export", "--format", "gift", "--questions", VALID, "--bank", "all-types").exit).isZero();
        Run r = run("export", "--format", "gift", "--questions", VALID, "--bank", "nope");
        assertThat(r.exit).isEqualTo(2);
        assertThat(r.err.strip()).isEqualTo("dojo: error: no bank 'nope' in en (banks: all-types)");
    }

    @Test
    void bad_usage_exits_2_with_one_line() {
        Run fmt = run("export", "--format", "pdf", "--questions", VALID);
        assertThat(fmt.exit).isEqualTo(2);
        assertThat(fmt.err.strip()).isEqualTo("dojo: error: unknown format 'pdf' (expected html, key, gift, anki or json)");
        Run answers = run("export", "--format", "gift", "--answers", "--questions", VALID);
        assertThat(answers.exit).isEqualTo(2);
        assertThat(answers.err).contains("--answers only applies to --format html");
        Run missing = run("export", "--format", "json", "--questions", "no/such/dir");
        assertThat(missing.exit).isEqualTo(2);
        assertThat(missing.err.strip()).isEqualTo("dojo: error: no such file or directory: no/such/dir");
        Run noFormat = run("export");
        assertThat(noFormat.exit).isEqualTo(2);
        assertThat(noFormat.err).contains("Missing required option: '--format=FORMAT'");
        Run lang = run("export", "--format", "html", "--lang", "fr", "--questions", VALID);
        assertThat(lang.exit).isEqualTo(2);
        assertThat(lang.err.strip()).isEqualTo("dojo: error: unknown language 'fr' (expected en or zh)");
    }

    @Test
    void questions_with_errors_are_left_out_with_a_warning() {
        Run r = run("export", "--format", "json", "--questions", "src/test/resources/lint/no-correct-answer.md");
        assertThat(r.exit).isZero();
        assertThat(r.err.strip()).isEqualTo("export: warning: the banks have errors; 1 question was left out (run 'dojo lint' to see them)");
        assertThat(r.out).contains("\"questionCount\" : 0");
    }
}
