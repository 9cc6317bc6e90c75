package dojo.export;

import static dojo.export.ExportFixtures.allTypes;
import static dojo.export.ExportFixtures.count;
import static dojo.export.ExportFixtures.nasty;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("HTML handout")
class HtmlHandoutTest {
    final HtmlHandout handout = new HtmlHandout();

    @Test
    void is_one_self_contained_printable_document() {
        String html = handout.render(allTypes("en"), "en", false, "");
        assertThat(html).startsWith("<!DOCTYPE html>\n<html lang=\"en\">").endsWith("</html>\n");
        assertThat(html).contains("<style>", "@media print", "break-inside: avoid", "page-break-inside: avoid", "@page");
        assertThat(html).doesNotContain("<script", "<link", "src=", "http://", "https://", "@import", "url(");
        assertThat(count(html, "<article class=\"q ")).isEqualTo(7);
        assertThat(html).contains("<title>Attention Dojo · Handout</title>");
    }

    @Test
    void without_answers_it_has_boxes_and_lines_to_fill_and_no_answer() {
        String html = handout.render(allTypes("en"), "en", false, "Week 1");
        assertThat(html).contains("<h1>Week 1</h1>", "class=\"student\"");
        assertThat(html).doesNotContain("class=\"key\"", "mark on", "class=\"correct\"", "Each query gets a probability");
        assertThat(count(html, "<span class=\"mark\"></span>")).isEqualTo(3 + 4 + 2);
        assertThat(count(html, "<div class=\"write\">")).isEqualTo(3); // short, numeric, ordering
        assertThat(count(html, "<div class=\"line\"></div>")).isEqualTo(6); // open
        assertThat(html).contains("<span>parameters</span>");
    }

    @Test
    void with_answers_it_marks_the_correct_choices_and_shows_answers_and_explanations() {
        String html = handout.render(allTypes("en"), "en", true, "");
        assertThat(count(html, "<li class=\"correct\">")).isEqualTo(1 + 2);
        assertThat(count(html, "<span class=\"mark on\">✓</span>")).isEqualTo(1 + 2 + 1);
        assertThat(count(html, "<div class=\"key\">")).isEqualTo(7);
        assertThat(count(html, "<div class=\"expl\">")).isEqualTo(7);
        assertThat(html).contains("key padding mask / padding mask", "<code>(key )?padding mask(ing)?</code>",
                "<b>Answer:</b> 2,359,296 parameters", "<b>Model answer:</b>", "<b>Answer:</b> a, b"); // file a, c shown as a, b
        assertThat(html).doesNotContain("class=\"student\"");
    }

    @Test
    void ordering_items_are_shown_shuffled_and_the_key_gives_the_letters() {
        String html = handout.render(allTypes("en"), "en", true, "");
        int a = html.indexOf("<ol class=\"items\">");
        String shown = html.substring(a, html.indexOf("</ol>", a));
        assertThat(shown.indexOf("Compute the scores")).isGreaterThan(shown.indexOf("Softmax over the keys"));
        // shown order: A Softmax, B Compute, C Multiply, D Divide, E Add the mask
        assertThat(html).contains("<b>Correct order:</b> B, D, E, A, C");
    }

    @Test
    void code_blocks_are_kept_monospace_and_exact() {
        String html = handout.render(allTypes("en"), "en", false, "");
        assertThat(html).contains("<pre><code class=\"language-python\">weights = torch.softmax(scores, dim=-1)  # scores: (batch, n_q, n_k)\n</code></pre>");
        assertThat(html).contains("pre, code { font-family: \"DejaVu Sans Mono\"");
    }

    @Test
    void raw_html_and_unsafe_links_in_banks_are_escaped() {
        String html = handout.render(nasty(), "en", true, "<b>t</b>");
        assertThat(html).contains("Raw &lt;b&gt;html&lt;/b&gt; &amp; &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
        assertThat(html).contains("<h1>&lt;b&gt;t&lt;/b&gt;</h1>");
        assertThat(html).contains("Map&lt;String, int[]&gt; m = new HashMap&lt;&gt;();\n\n\tm.put(");
        assertThat(html).doesNotContain("<script", "javascript:", "<b>html</b>");
        assertThat(html).contains("<b>Answer:</b> 0.5 (tolerance ± 10%) ratio {x}");
    }

    @Test
    void chinese_handouts_use_chinese_labels() {
        String html = handout.render(allTypes("zh"), "zh", true, "");
        assertThat(html).startsWith("<!DOCTYPE html>\n<html lang=\"zh\">");
        assertThat(html).contains("<title>Attention Dojo · 讲义 · 含答案</title>", "<b>答案：</b> 错误", "<b>解析</b>",
                "<b>参考答案：</b>", "所有题型", "Noto Serif CJK SC");
    }

    @Test
    void numeric_questions_state_the_precision_they_ask_for_in_both_languages() {
        dojo.questions.Answer.Numeric twoPlaces = new dojo.questions.Answer.Numeric(88.72, 0.01, false, "");
        dojo.questions.Answer.Numeric percent = new dojo.questions.Answer.Numeric(8.4e22, 0.01, true, "FLOPs");
        dojo.questions.Answer.Numeric whole = new dojo.questions.Answer.Numeric(64, 0, false, "parameters");
        assertThat(HtmlHandout.precision(dojo.quiz.NumericFormat.precision(twoPlaces), false, "en")).isEqualTo("To 2 decimal places.");
        assertThat(HtmlHandout.precision(dojo.quiz.NumericFormat.precision(twoPlaces), false, "zh")).isEqualTo("保留 2 位小数。");
        assertThat(HtmlHandout.precision(dojo.quiz.NumericFormat.precision(percent), true, "en"))
                .isEqualTo("Within 1% of the exact value.");
        assertThat(HtmlHandout.precision(dojo.quiz.NumericFormat.precision(whole), true, "en")).isEmpty();
        // the all-types fixture's numeric question is a whole number of parameters: its unit says enough
        assertThat(handout.render(allTypes("en"), "en", false, "")).contains("parameters").doesNotContain("decimal place");
    }
}
