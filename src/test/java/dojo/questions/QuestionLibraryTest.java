package dojo.questions;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("QuestionLibrary")
class QuestionLibraryTest {
    static final Path VALID = Path.of("src/test/resources/banks/valid");

    static String bank(String id, String lang, String... questionIds) {
        StringBuilder sb = new StringBuilder("---\nbank: " + id + "\ntitle: T\nlang: " + lang + "\n---\n");
        for (String q : questionIds) {
            sb.append("\n## Q ").append(q).append("\n\n- id: ").append(q)
                    .append("\n- type: truefalse\n- difficulty: 1\n- tags: t\n\n### Answer\n\ntrue\n\n### Explanation\n\nE.\n");
        }
        return sb.toString();
    }

    static void write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    @Test
    void the_valid_fixtures_load_in_both_languages_without_problems() {
        QuestionLibrary lib = QuestionLibrary.load(List.of(VALID));
        assertThat(lib.diagnostics()).isEmpty();
        assertThat(lib.languages()).containsExactly("en", "zh");
        assertThat(lib.questions("en")).hasSize(7);
        assertThat(lib.questions("zh")).extracting(Question::id)
                .containsExactlyElementsOf(lib.questions("en").stream().map(Question::id).toList());
        assertThat(lib.find("zh", "demo-open-heads-axis")).get().extracting(Question::lang).isEqualTo("zh");
        assertThat(lib.find("en", "no-such-id")).isEmpty();
        assertThat(lib.questions("fr")).isEmpty();
        assertThat(lib.questionCount()).isEqualTo(14);
        assertThat(lib.banks()).extracting(Bank::lang).containsExactly("en", "zh");
    }

    @Test
    void directories_are_walked_recursively_in_sorted_order_skipping_readme_and_hidden_files(@TempDir Path dir)
            throws IOException {
        write(dir.resolve("en/b.md"), bank("b", "en", "q-b"));
        write(dir.resolve("en/a.md"), bank("a", "en", "q-a"));
        write(dir.resolve("en/sub/c.md"), bank("c", "en", "q-c"));
        write(dir.resolve("en/README.md"), "# not a bank\n");
        write(dir.resolve("en/.draft/d.md"), "# not a bank either\n");
        write(dir.resolve("en/notes.txt"), "ignored");
        QuestionLibrary lib = QuestionLibrary.load(List.of(dir));
        assertThat(lib.diagnostics()).isEmpty();
        assertThat(lib.banks()).extracting(Bank::id).containsExactly("a", "b", "c");
        assertThat(lib.questions("en")).extracting(Question::id).containsExactly("q-a", "q-b", "q-c");
    }

    @Test
    void a_file_given_twice_is_loaded_once(@TempDir Path dir) throws IOException {
        write(dir.resolve("en/a.md"), bank("a", "en", "q-a"));
        QuestionLibrary lib = QuestionLibrary.load(List.of(dir, dir.resolve("en/a.md")));
        assertThat(lib.banks()).hasSize(1);
        assertThat(lib.diagnostics()).isEmpty();
    }

    @Test
    void a_missing_path_is_a_diagnostic_and_is_listed_as_unreadable(@TempDir Path dir) {
        Path missing = dir.resolve("missing");
        QuestionLibrary lib = QuestionLibrary.load(List.of(missing));
        assertThat(lib.unreadable()).containsExactly(missing);
        assertThat(lib.diagnostics()).singleElement()
                .hasToString(missing + ":1:1: error: no such file or directory");
    }

    @Test
    void an_id_used_in_two_files_keeps_the_first_and_reports_the_second(@TempDir Path dir) throws IOException {
        write(dir.resolve("en/a.md"), bank("a", "en", "same"));
        write(dir.resolve("en/b.md"), bank("b", "en", "same", "other"));
        QuestionLibrary lib = QuestionLibrary.load(List.of(dir));
        assertThat(lib.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.pos()).isEqualTo(new SourcePos(dir.resolve("en/b.md"), 9, 7));
            assertThat(d.message()).isEqualTo("duplicate id 'same': also used in en/a.md:9 (ids are unique across all banks of a language)");
        });
        assertThat(lib.questions("en")).extracting(Question::id).containsExactly("same", "other");
        assertThat(lib.bank("en", "b").orElseThrow().questions()).extracting(Question::id).containsExactly("other");
    }

    @Test
    void the_same_id_in_two_languages_is_not_a_duplicate(@TempDir Path dir) throws IOException {
        write(dir.resolve("en/a.md"), bank("a", "en", "q1"));
        write(dir.resolve("zh/a.md"), bank("a", "zh", "q1"));
        QuestionLibrary lib = QuestionLibrary.load(List.of(dir));
        assertThat(lib.diagnostics()).isEmpty();
        assertThat(lib.find("en", "q1")).isPresent();
        assertThat(lib.find("zh", "q1")).isPresent();
    }

    @Test
    void agreement_is_only_checked_when_both_languages_are_loaded(@TempDir Path dir) throws IOException {
        write(dir.resolve("en/a.md"), bank("a", "en", "q1", "q2"));
        write(dir.resolve("zh/a.md"), bank("a", "zh", "q1"));
        assertThat(QuestionLibrary.load(List.of(dir.resolve("en"))).diagnostics()).isEmpty();
        assertThat(QuestionLibrary.load(List.of(dir)).diagnostics()).extracting(Diagnostic::message)
                .containsExactly("id 'q2' is in en but not in zh (every question needs both languages)");
    }
}
