package dojo.export;

import static dojo.export.ExportFixtures.allTypes;
import static dojo.export.ExportFixtures.count;
import static dojo.export.ExportFixtures.nasty;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("GIFT export")
class GiftExporterTest {
    final GiftExporter gift = new GiftExporter();

    /** What Moodle's GIFT importer does to escaped text (qformat_gift escapedchar_pre + _post). */
    static String moodleUnescape(String s) {
        String t = s.replace("\\\\", "&&092;");
        String[] esc = {"\\:", "\\#", "\\=", "\\{", "\\}", "\\~", "\\n"};
        String[] chr = {":", "#", "=", "{", "}", "~", "\n"};
        for (int i = 0; i < esc.length; i++) t = t.replace(esc[i], "\u0000" + i + "\u0000");
        t = t.replace("&&092;", "\\");
        for (int i = 0; i < esc.length; i++) t = t.replace("\u0000" + i + "\u0000", chr[i]);
        return t;
    }

    @Test
    void escapes_every_special_character_so_moodle_reads_the_original_back() {
        String nasty = "a ~ b = c # d { e } f : g \\ h\nnew line \\n not a newline \\{";
        String escaped = GiftExporter.escape(nasty);
        assertThat(escaped).isEqualTo("a \\~ b \\= c \\# d \\{ e \\} f \\: g \\\\ h\\nnew line \\\\n not a newline \\\\\\{");
        assertThat(escaped).doesNotContain("\n");
        assertThat(moodleUnescape(escaped)).isEqualTo(nasty);
    }

    @Test
    void every_question_is_exported_once_with_its_category() {
        String g = gift.render(allTypes("en"));
        assertThat(count(g, "\n::demo-")).isEqualTo(7);
        assertThat(g).contains("$CATEGORY: $course$/top/Attention Dojo/all-types\n");
        assertThat(count(g, "####")).isEqualTo(7);
    }

    @Test
    void single_choice_has_exactly_one_equals_answer() {
        String q = block(gift.render(allTypes("en")), "demo-single-softmax-axis");
        // choices in the fixed export order of the id (ChoiceOrder.forId): file b, c, a
        assertThat(q).contains("{\n=the keys (along each row)\n~the heads\n~the queries (down each column)\n####");
    }

    @Test
    void multiple_choice_gets_partial_credit_weights_from_moodles_list() {
        String q = block(gift.render(allTypes("en")), "demo-multiple-scaling");
        assertThat(q).contains("~%50%Without it", "~%-50%It prevents", "~%50%It keeps", "~%-50%It makes");
        assertThat(GiftExporter.weight(100.0 / 3)).isEqualTo("33.33333");
        assertThat(GiftExporter.weight(-100.0 / 6)).isEqualTo("-16.66667");
        assertThat(GiftExporter.weight(100)).isEqualTo("100");
        assertThat(GiftExporter.weight(12.5)).isEqualTo("12.5");
    }

    @Test
    void true_false_short_and_numeric_use_their_gift_forms() {
        String g = gift.render(allTypes("en"));
        assertThat(block(g, "demo-truefalse-heads-params")).contains("{FALSE####");
        assertThat(block(g, "demo-short-padding-mask")).contains("{\n=key padding mask\n=padding mask\n####")
                .contains("// regex answers have no GIFT form and are left out: (key )?padding mask(ing)?");
        assertThat(block(g, "demo-numeric-projection-params")).contains("{#2359296:0####");
    }

    @Test
    void ordering_and_open_become_essays_with_the_answer_in_the_general_feedback() {
        String g = gift.render(allTypes("en"));
        String ordering = block(g, "demo-ordering-sdpa-steps");
        assertThat(ordering).contains("// exported as an essay question (GIFT has no ordering type)", "{####<p><strong>Correct order</strong>");
        String open = block(g, "demo-open-heads-axis");
        assertThat(open).contains("// exported as an essay question (GIFT has no open type)", "{####<p><strong>Model answer</strong>");
    }

    @Test
    void nasty_text_stays_on_one_line_and_code_comments_cannot_become_gift_comments() {
        String g = gift.render(nasty());
        for (String line : g.split("\n")) {
            if (line.startsWith("//") || line.startsWith("$CATEGORY") || line.isEmpty()) continue;
            assertThat(line).matches("(::|[=~]|####|\\{|\\}).*");
        }
        String q = block(g, "nasty-single");
        String text = q.substring(q.indexOf("::nasty-single::"), q.indexOf("{\n"));
        assertThat(text).doesNotContain("\n");
        String html = moodleUnescape(text.substring("::nasty-single::[html]".length()));
        assertThat(html).contains("<strong>Braces {x}, equals =, tilde ~, hash #, colon : and back\\slash</strong>",
                "<pre><code class=\"language-java\">// a comment line that GIFT must not eat\n"
                        + "Map&lt;String, int[]&gt; m = new HashMap&lt;&gt;();\n\n\tm.put(&quot;k&quot;, new int[] {1, 2});");
        assertThat(q).contains("=<code>a \\=\\= b</code> and \\{c\\} \\~ d \\# e\\: f\n");
    }

    @Test
    void a_relative_tolerance_becomes_absolute_and_short_answer_stars_are_literal() {
        String g = gift.render(nasty());
        assertThat(block(g, "nasty-numeric")).contains("{#0.5:0.05####").contains("<p>(ratio \\{x\\})</p>");
        assertThat(block(g, "nasty-short")).contains("\n=a\\*b\n");
    }

    /** The lines of one question: from its comment to the closing brace. */
    static String block(String gift, String id) {
        int start = gift.indexOf("// " + id + " (");
        assertThat(start).as("question " + id).isGreaterThanOrEqualTo(0);
        int end = gift.indexOf("}\n\n", start);
        return gift.substring(start, end + 1);
    }

    @Test
    void the_fixture_lists_are_not_empty() {
        assertThat(List.of(allTypes("en"), nasty())).allMatch(l -> !l.isEmpty());
    }
}
