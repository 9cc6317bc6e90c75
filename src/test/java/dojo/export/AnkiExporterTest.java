package dojo.export;

import static dojo.export.ExportFixtures.allTypes;
import static dojo.export.ExportFixtures.nasty;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Anki TSV export")
class AnkiExporterTest {
    final AnkiExporter anki = new AnkiExporter();

    /** Splits one TSV line the way a CSV reader with tab separator and double-quote quoting does. */
    static List<String> fields(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder f = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') { f.append('"'); i++; }
                else if (c == '"') quoted = false;
                else f.append(c);
            } else if (c == '"' && f.length() == 0) {
                quoted = true;
            } else if (c == '\t') {
                out.add(f.toString());
                f.setLength(0);
            } else {
                f.append(c);
            }
        }
        out.add(f.toString());
        return out;
    }

    @Test
    void starts_with_the_header_lines_and_has_one_line_per_note_with_three_columns() {
        String tsv = anki.render(allTypes("en"));
        List<String> lines = tsv.lines().toList();
        assertThat(lines.subList(0, 3)).containsExactly("#separator:tab", "#html:true", "#tags column:3");
        assertThat(lines).hasSize(3 + 7);
        for (String line : lines.subList(3, lines.size())) assertThat(fields(line)).hasSize(3);
    }

    @Test
    void front_back_and_tags_hold_question_answer_and_tags() {
        List<String> f = fields(anki.render(allTypes("en")).lines().toList().get(3));
        assertThat(f.get(0)).startsWith("<b>What does softmax normalise over in attention?</b>")
                .contains("<ol type=\"a\"><li>the queries (down each column)</li>");
        assertThat(f.get(1)).startsWith("<ul><li>b) the keys (along each row)</li></ul><hr>")
                .contains("demo-single-softmax-axis");
        assertThat(f.get(2)).isEqualTo("softmax attention dojo::all-types");
    }

    @Test
    void code_newlines_become_br_tabs_become_entities_and_quotes_are_doubled() {
        String tsv = anki.render(nasty());
        List<String> lines = tsv.lines().toList();
        assertThat(lines).hasSize(3 + 3);
        String raw = lines.get(3);
        assertThat(raw).startsWith("\"<b>");
        List<String> f = fields(raw);
        assertThat(f).hasSize(3);
        assertThat(f.get(0)).contains("// a comment line that GIFT must not eat<br>Map&lt;String, int[]&gt; m = new HashMap&lt;&gt;();<br><br>&#9;m.put(")
                .contains("&lt;script&gt;").doesNotContain("<script").doesNotContain("\t");
        assertThat(f.get(1)).contains("Line one with &quot;quotes&quot;. Line two with&#9;a tab");
        assertThat(f.get(2)).isEqualTo("escaping dojo::nasty");
    }

    @Test
    void chinese_notes_use_chinese_labels() {
        String tsv = anki.render(allTypes("zh"));
        assertThat(tsv).contains("<p><i>判断正误</i></p>", "<p><b>错误</b></p>");
    }
}
