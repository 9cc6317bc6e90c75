package dojo.questions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Mangles the all-types fixtures in many seeded ways (lines dropped, duplicated, swapped, truncated,
 * characters inserted) and checks the two promises of the parser: it never throws, and a question that
 * is left out of the model always has an error reported between its heading and the next one.
 */
@DisplayName("The parser survives mangled banks and never drops a question silently")
class ParserRobustnessTest {
    static final String[] JUNK = {"#", "##", "###", "- ", "- [x] ", "```", "---", ":", "：", "`", "[", "]", "{", "\t",
        "regex:", "- id: ", "- type: single", "|", "<!--", "\u0000", "\uFEFF", "\r", "*", "1. ", "> "};

    static String mangle(String text, Random rnd) {
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        int edits = 1 + rnd.nextInt(6);
        for (int e = 0; e < edits && !lines.isEmpty(); e++) {
            int i = rnd.nextInt(lines.size());
            switch (rnd.nextInt(6)) {
                case 0 -> lines.remove(i);
                case 1 -> lines.add(i, lines.get(rnd.nextInt(lines.size())));
                case 2 -> {
                    int j = rnd.nextInt(lines.size());
                    String t = lines.get(i);
                    lines.set(i, lines.get(j));
                    lines.set(j, t);
                }
                case 3 -> lines.set(i, lines.get(i).substring(0, rnd.nextInt(lines.get(i).length() + 1)));
                case 4 -> {
                    String l = lines.get(i);
                    int at = rnd.nextInt(l.length() + 1);
                    lines.set(i, l.substring(0, at) + JUNK[rnd.nextInt(JUNK.length)] + l.substring(at));
                }
                default -> lines = new ArrayList<>(lines.subList(0, i));
            }
        }
        return String.join("\n", lines);
    }

    @Test
    void a_thousand_mangled_banks_parse_without_exceptions_and_report_every_left_out_question() throws IOException {
        BankParser parser = new BankParser();
        Random rnd = new Random(20240601L);
        for (String lang : List.of("en", "zh")) {
            Path file = Path.of("src/test/resources/banks/valid/" + lang + "/all-types.md");
            String original = Files.readString(file);
            for (int round = 0; round < 500; round++) {
                String text = mangle(original, rnd);
                BankFile[] result = new BankFile[1];
                assertThatCode(() -> result[0] = parser.parseFile(file, text)).as("round %d:%n%s", round, text)
                        .doesNotThrowAnyException();
                BankFile bf = result[0];
                List<QuestionDraft> drafts = bf.drafts();
                for (int i = 0; i < drafts.size(); i++) {
                    QuestionDraft d = drafts.get(i);
                    if (d.question().isPresent()) continue;
                    int from = d.pos().line();
                    int to = i + 1 < drafts.size() ? drafts.get(i + 1).pos().line() : Integer.MAX_VALUE;
                    assertThat(bf.diagnostics()).as("round %d, question at line %d:%n%s", round, from, text)
                            .anyMatch(x -> x.severity() == Diagnostic.Severity.ERROR
                                    && x.pos().line() >= from && x.pos().line() < to);
                }
                int built = (int) drafts.stream().filter(d -> d.question().isPresent()).count();
                int inBank = bf.bank().map(b -> b.questions().size()).orElse(built);
                assertThat(inBank).isEqualTo(built);
            }
        }
    }

    @Test
    void empty_and_degenerate_files_give_diagnostics_not_exceptions() {
        BankParser parser = new BankParser();
        Path f = Path.of("x.md");
        for (String text : List.of("", "\n", "---", "---\n---", "## ", "###", "- [x]", "```", "\uFEFF", "---\n: :\n---\n",
                "---\nbank: a\ntitle: t\nlang: en\n---\n## Q\n- id: a\n- type: single\n- difficulty: 1\n- tags: t\n- [x]\n- [ ]")) {
            assertThatCode(() -> parser.parse(f, text)).as(text).doesNotThrowAnyException();
            assertThat(parser.parse(f, text).diagnostics()).as(text).isNotEmpty();
        }
    }
}
