package dojo.questions;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("BankParser")
class BankParserTest {
    static final Path FILE = Path.of("bank.md");
    final BankParser parser = new BankParser();

    static String bank(String body) {
        return "---\nbank: demo\ntitle: Demo\nlang: en\n---\n\n" + body;
    }

    static final String SINGLE = """
            ## Pick one

            - id: pick
            - type: single
            - difficulty: 1
            - tags: demo

            - [ ] no
            - [x] yes

            ### Explanation

            Because.
            """;

    static List<String> messages(ParsedBank p) {
        return p.diagnostics().stream().map(d -> d.pos().line() + ":" + d.pos().column() + " " + d.message()).toList();
    }

    @Test
    void choices_right_after_the_metadata_list_are_split_from_it() {
        ParsedBank p = parser.parse(FILE, bank(SINGLE));
        assertThat(p.diagnostics()).isEmpty();
        Question q = p.bank().orElseThrow().questions().get(0);
        assertThat(q.choices()).extracting(Choice::markdown).containsExactly("no", "yes");
        assertThat(q.answer()).isEqualTo(new Answer.Choices(Set.of("b")));
        assertThat(q.prompt()).isEmpty();
    }

    @Test
    void choices_shuffle_unless_the_metadata_says_shuffle_false() {
        assertThat(parser.parse(FILE, bank(SINGLE)).bank().orElseThrow().questions().get(0).shuffle()).isTrue();
        ParsedBank p = parser.parse(FILE, bank(SINGLE.replace("- tags: demo", "- tags: demo\n- shuffle: false")));
        assertThat(p.diagnostics()).isEmpty();
        assertThat(p.bank().orElseThrow().questions().get(0).shuffle()).isFalse();
    }

    @Test
    void shuffle_takes_only_true_or_false_and_only_on_choice_questions() {
        ParsedBank bad = parser.parse(FILE, bank(SINGLE.replace("- tags: demo", "- tags: demo\n- shuffle: no")));
        assertThat(messages(bad)).containsExactly("13:12 shuffle must be true or false, found 'no'");
        String tf = SINGLE.replace("type: single", "type: truefalse").replace("- [ ] no\n- [x] yes\n", "")
                .replace("### Explanation", "### Answer\n\ntrue\n\n### Explanation")
                .replace("- tags: demo", "- tags: demo\n- shuffle: false");
        assertThat(messages(parser.parse(FILE, bank(tf))))
                .containsExactly("13:3 'shuffle' is only for single and multiple choice questions (this one is 'truefalse')");
    }

    @Test
    void windows_line_ends_and_a_byte_order_mark_parse_like_plain_lf() {
        ParsedBank lf = parser.parse(FILE, bank(SINGLE));
        ParsedBank crlf = parser.parse(FILE, "\uFEFF" + bank(SINGLE).replace("\n", "\r\n"));
        assertThat(crlf.diagnostics()).isEmpty();
        assertThat(crlf.bank()).isEqualTo(lf.bank());
    }

    @Test
    void a_prompt_list_directly_before_the_choices_stays_in_the_prompt() {
        String md = SINGLE.replace("- tags: demo\n", "- tags: demo\n\nGiven:\n\n- item one\n- item two\n");
        ParsedBank p = parser.parse(FILE, bank(md));
        assertThat(p.diagnostics()).isEmpty();
        Question q = p.bank().orElseThrow().questions().get(0);
        assertThat(q.prompt()).isEqualTo("Given:\n\n- item one\n- item two");
        assertThat(q.choices()).hasSize(2);
    }

    @Test
    void code_inside_a_hint_keeps_its_relative_indentation() {
        String md = SINGLE + """

                ### Hints

                1. Look at this:
                   ```java
                   for (int i = 0; i < n; i++) {
                       sum += x[i];
                   }
                   ```
                2. Second hint
                """;
        ParsedBank p = parser.parse(FILE, bank(md));
        assertThat(p.diagnostics()).isEmpty();
        assertThat(p.bank().orElseThrow().questions().get(0).hints()).containsExactly(
                "Look at this:\n```java\nfor (int i = 0; i < n; i++) {\n    sum += x[i];\n}\n```", "Second hint");
    }

    @Test
    void a_table_and_inline_markup_in_the_prompt_survive_exactly() {
        String md = SINGLE.replace("- tags: demo\n", """
                - tags: demo

                | n | cost |
                |---|------|
                | 8 | *n²* |
                """).replace("## Pick one", "## Pick `one` **now**");
        ParsedBank p = parser.parse(FILE, bank(md));
        assertThat(p.diagnostics()).isEmpty();
        Question q = p.bank().orElseThrow().questions().get(0);
        assertThat(q.title()).isEqualTo("Pick `one` **now**");
        assertThat(q.prompt()).isEqualTo("| n | cost |\n|---|------|\n| 8 | *n²* |");
    }

    @Test
    void a_question_with_an_error_is_reported_and_left_out_but_the_others_are_kept() {
        String bad = SINGLE.replace("- [x] yes", "- [ ] yes").replace("id: pick", "id: broken");
        ParsedBank p = parser.parse(FILE, bank(bad + "\n" + SINGLE));
        assertThat(messages(p)).containsExactly("14:1 no correct choice: mark the right one with [x]");
        assertThat(p.bank().orElseThrow().questions()).extracting(Question::id).containsExactly("pick");
    }

    @Test
    void several_problems_of_one_question_are_all_reported() {
        String md = """
                ## Broken

                - id: Bad_Id
                - type: single
                - difficulty: 7
                - tags: demo

                - [ ] a
                - [ ] b
                """;
        ParsedBank p = parser.parse(FILE, bank(md));
        assertThat(messages(p)).containsExactly(
                "7:1 missing '### Explanation' section: say why the answer is right",
                "9:7 bad id 'Bad_Id': use lowercase letters, digits and single '-' between them",
                "11:15 difficulty must be 1, 2 or 3, found '7'",
                "14:1 no correct choice: mark the right one with [x]");
        assertThat(p.bank().orElseThrow().questions()).isEmpty();
    }

    @Test
    void a_regex_error_points_at_the_character_that_breaks_it() {
        String md = """
                ## Name it

                - id: name-it
                - type: short
                - difficulty: 1
                - tags: demo

                ### Answer

                - `regex: (unclosed`

                ### Explanation

                E.
                """;
        ParsedBank p = parser.parse(FILE, bank(md));
        assertThat(messages(p)).containsExactly("16:11 bad regex: missing closing ) at '(unclosed'");
    }

    @Test
    void malformed_yaml_is_reported_at_its_line_and_column() {
        ParsedBank p = parser.parse(FILE, "---\nbank: demo\ntitle: a: b\nlang: en\n---\n\n" + SINGLE);
        assertThat(messages(p)).containsExactly("3:9 malformed front matter: mapping values are not allowed here");
    }

    @Test
    void an_unclosed_front_matter_is_reported_and_the_questions_are_still_read() {
        ParsedBank p = parser.parse(FILE, "---\nbank: demo\ntitle: Demo\nlang: en\n\n" + SINGLE);
        assertThat(messages(p)).containsExactly("1:1 front matter is not closed: end it with a '---' line");
        assertThat(p.bank().orElseThrow().questions()).extracting(Question::id).containsExactly("pick");
    }

    @Test
    void a_file_without_front_matter_has_no_bank_but_its_questions_are_checked() {
        ParsedBank p = parser.parse(FILE, SINGLE.replace("- [x] yes", "- [ ] yes"));
        assertThat(messages(p)).containsExactly(
                "1:1 missing front matter: start the file with '---', 'bank: <id>', 'title: <title>', 'lang: en|zh', '---'",
                "8:1 no correct choice: mark the right one with [x]");
        assertThat(p.bank()).isEmpty();
    }

    @Test
    void a_missing_file_gives_a_diagnostic_not_an_exception(@TempDir Path dir) {
        ParsedBank p = parser.parse(dir.resolve("nope.md"));
        assertThat(p.bank()).isEmpty();
        assertThat(p.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.severity()).isEqualTo(Diagnostic.Severity.ERROR);
            assertThat(d.message()).isEqualTo("no such file");
        });
    }

    @Test
    void invalid_utf8_is_reported_at_the_bad_byte(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("bad.md");
        byte[] head = bank("## Q\n\nab").getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[head.length + 2];
        System.arraycopy(head, 0, bytes, 0, head.length);
        bytes[head.length] = (byte) 0xC3;
        bytes[head.length + 1] = (byte) 0x28;
        Files.write(f, bytes);
        ParsedBank p = parser.parse(f);
        assertThat(messages(p)).containsExactly("9:3 the file is not valid UTF-8 (bad byte at offset " + head.length + ")");
    }

    @Test
    void separators_and_comments_between_questions_are_ignored() {
        String md = SINGLE + "\n---\n\n<!-- next one -->\n\n" + SINGLE.replace("id: pick", "id: pick-two");
        ParsedBank p = parser.parse(FILE, bank(md));
        assertThat(p.diagnostics()).isEmpty();
        assertThat(p.bank().orElseThrow().questions()).hasSize(2);
        assertThat(p.bank().orElseThrow().questions().get(0).explanation()).isEqualTo("Because.");
    }

    @Test
    void a_relative_tolerance_is_stored_as_a_fraction() {
        String md = """
                ## How much?

                - id: how-much
                - type: numeric
                - difficulty: 2
                - tags: demo

                ### Answer

                - value: 1.5e3
                - tolerance: 2%

                ### Explanation

                E.
                """;
        ParsedBank p = parser.parse(FILE, bank(md));
        assertThat(p.diagnostics()).isEmpty();
        assertThat(p.bank().orElseThrow().questions().get(0).answer()).isEqualTo(new Answer.Numeric(1500, 0.02, true, ""));
    }
}
