package dojo.questions;

import static org.assertj.core.api.Assertions.assertThat;

import dojo.export.MarkdownHtml;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CjkSoftBreaksTest {

    private final MarkdownHtml html = new MarkdownHtml();

    @Test
    @DisplayName("a source line wrap between Chinese characters disappears; between Latin words it stays a break")
    void joinsChineseKeepsLatin() {
        assertThat(html.block("是合理的设计。\n检索要排序，\nsoftmax 在键上\n做归一化。"))
                .isEqualTo("<p>是合理的设计。检索要排序，softmax 在键上做归一化。</p>");
        assertThat(html.block("keys and\nvalues")).isEqualTo("<p>keys and\nvalues</p>");
    }

    @Test
    @DisplayName("CJK detection covers Han, kana, hangul and full-width punctuation, not Latin or Greek")
    void detection() {
        assertThat("注意力ひカ한，。（）！".codePoints()).allMatch(CjkSoftBreaks::isCjk);
        assertThat("aZ9,.;α√ü".codePoints()).noneMatch(CjkSoftBreaks::isCjk);
    }
}
