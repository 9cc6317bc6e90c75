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
    void starts_with_the_header_lines_and_has_one_line_per_note_with_four_columns() {
        String tsv = anki.render(allTypes("en"));
        List<String> lines = tsv.lines().toList();
        assertThat(lines.subList(0, H)).containsExactly("#separator:tab", "#html:true", "#notetype:Basic",
                "#deck:Attention Dojo", "#guid column:1", "#tags column:4");
        assertThat(lines).hasSize(H + 7);
        for (String line : lines.subList(H, lines.size())) assertThat(fields(line)).hasSize(4);
    }

    /** Header lines before the first note. */
    static final int H = 6;

    @Test
    void front_back_and_tags_hold_question_answer_and_tags() {
        List<String> f = fields(anki.render(allTypes("en")).lines().toList().get(H));
        assertThat(f.get(0)).isEqualTo("dojo-en-demo-single-softmax-axis");
        // choices in the fixed export order of the id: file b, c, a
        assertThat(f.get(1)).startsWith("<b>What does softmax normalise over in attention?</b>")
                .contains("<ol type=\"a\"><li>the keys (along each row)</li><li>the heads</li>");
        assertThat(f.get(2)).startsWith("<ul><li>a) the keys (along each row)</li></ul><hr>")
                .contains("demo-single-softmax-axis");
        assertThat(f.get(3)).isEqualTo("softmax attention dojo::all-types");
    }

    @Test
    void the_guid_column_is_stable_across_exports_and_distinct_per_language() {
        List<String> en = anki.render(allTypes("en")).lines().skip(H).map(l -> fields(l).get(0)).toList();
        List<String> again = anki.render(allTypes("en")).lines().skip(H).map(l -> fields(l).get(0)).toList();
        List<String> zh = anki.render(allTypes("zh")).lines().skip(H).map(l -> fields(l).get(0)).toList();
        assertThat(en).isEqualTo(again).doesNotHaveDuplicates().allSatisfy(g -> assertThat(g).startsWith("dojo-en-"));
        assertThat(zh).allSatisfy(g -> assertThat(g).startsWith("dojo-zh-")).doesNotContainAnyElementsOf(en);
    }

    @Test
    void code_newlines_become_br_tabs_become_entities_and_quotes_are_doubled() {
        String tsv = anki.render(nasty());
        List<String> lines = tsv.lines().toList();
        assertThat(lines).hasSize(H + 3);
        String raw = lines.get(H);
        assertThat(raw).contains("\t\"<b>");
        List<String> f = fields(raw).subList(1, 4);
        assertThat(fields(raw)).hasSize(4);
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
