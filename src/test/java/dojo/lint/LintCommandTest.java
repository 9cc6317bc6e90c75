package dojo.lint;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dojo.cli.Dojo;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("dojo lint")
class LintCommandTest {
    static final String LINT = "src/test/resources/lint/";

    record Run(int exit, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Dojo.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void clean_banks_exit_0_with_a_summary_on_stderr_only() {
        Run r = run("lint", "src/test/resources/banks/valid");
        assertThat(r.exit).isZero();
        assertThat(r.out).isEmpty();
        assertThat(r.err.strip()).isEqualTo("lint: 2 files, 14 questions, no problems");
    }

    @Test
    void errors_are_printed_relative_to_the_working_directory_and_exit_1() {
        Run r = run("lint", LINT + "bad-id.md");
        assertThat(r.exit).isEqualTo(1);
        assertThat(r.out.strip()).isEqualTo(LINT
                + "bad-id.md:9:7: error: bad id 'Softmax_Axis': use lowercase letters, digits and single '-' between them");
        assertThat(r.err.strip()).isEqualTo("lint: 1 error, 0 warnings in 1 file");
    }

    @Test
    void problems_of_several_files_are_sorted_by_file_then_line_and_checked_across_files() {
        // both fixtures declare bank 'demo' with question 'q-one': the file loaded second gets the
        // cross-file errors, and the output is still sorted by path
        Run r = run("lint", LINT + "unknown-metadata.md", LINT + "bad-tags.md");
        assertThat(r.exit).isEqualTo(1);
        assertThat(r.out.lines().map(l -> l.substring(LINT.length(), l.indexOf(": "))))
                .containsExactly("bad-tags.md:2:7", "bad-tags.md:9:7", "bad-tags.md:12:18", "bad-tags.md:12:30",
                        "bad-tags.md:12:31", "unknown-metadata.md:13:3", "unknown-metadata.md:14:9",
                        "unknown-metadata.md:15:3");
        assertThat(r.out).contains("bad-tags.md:2:7: error: bank id 'demo' is also used by lint/unknown-metadata.md:2");
        assertThat(r.err.strip()).isEqualTo("lint: 8 errors, 0 warnings in 2 files");
    }

    @Test
    void warnings_alone_keep_exit_code_0() {
        Run r = run("lint", LINT + "metadata-differs");
        assertThat(r.exit).isZero();
        assertThat(r.out.lines()).hasSize(2).allMatch(l -> l.contains(": warning: "));
        assertThat(r.err.strip()).isEqualTo("lint: 0 errors, 2 warnings in 2 files");
    }

    @Test
    void a_missing_path_is_bad_usage_exit_2_without_a_stack_trace() {
        Run r = run("lint", "no/such/dir");
        assertThat(r.exit).isEqualTo(2);
        assertThat(r.out).isEmpty();
        assertThat(r.err.strip()).isEqualTo("dojo: error: no such file or directory: no/such/dir");
    }

    @Test
    void a_directory_without_banks_exits_2(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("notes.txt"), "x");
        Run r = run("lint", dir.toString());
        assertThat(r.exit).isEqualTo(2);
        assertThat(r.err).startsWith("dojo: error: no question banks (*.md) found in ");
    }

    @Test
    void an_unreadable_file_exits_2(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("locked.md");
        Files.writeString(f, "---\n");
        boolean locked = f.toFile().setReadable(false) && !Files.isReadable(f);
        org.junit.jupiter.api.Assumptions.assumeTrue(locked, "running as a user that can read any file");
        Run r = run("lint", f.toString());
        assertThat(r.exit).isEqualTo(2);
        assertThat(r.out).contains("locked.md:1:1: error: cannot read file");
    }

    @Test
    void json_output_holds_the_counts_and_every_diagnostic() throws IOException {
        Run r = run("lint", "--json", LINT + "bad-tolerance.md");
        assertThat(r.exit).isEqualTo(1);
        JsonNode root = new ObjectMapper().readTree(r.out);
        assertThat(root.get("files").asInt()).isEqualTo(1);
        assertThat(root.get("questions").asInt()).isEqualTo(2);
        assertThat(root.get("errors").asInt()).isEqualTo(2);
        JsonNode first = root.get("diagnostics").get(0);
        assertThat(first.get("file").asText()).isEqualTo(LINT + "bad-tolerance.md");
        assertThat(first.get("line").asInt()).isEqualTo(17);
        assertThat(first.get("column").asInt()).isEqualTo(14);
        assertThat(first.get("severity").asText()).isEqualTo("error");
        assertThat(first.get("message").asText()).isEqualTo("tolerance must not be negative, found '-1'");
    }
}
