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
    @DisplayName("a wrap between a Chinese character and a Latin word stays a space, so the two scripts never glue")
    void keepsSpaceBetweenChineseAndLatin() {
        assertThat(html.block("注意力的复杂度是\nO(n²)")).isEqualTo("<p>注意力的复杂度是\nO(n²)</p>");
        assertThat(html.block("用 softmax\n归一化")).isEqualTo("<p>用 softmax\n归一化</p>");
    }

    @Test
    @DisplayName("a wrap next to Chinese punctuation disappears also when the other side is inline code")
    void joinsAtChinesePunctuationNextToCode() {
        assertThat(html.block("屏蔽的是行而不是键。\n`causal + pad` 会报错"))
                .isEqualTo("<p>屏蔽的是行而不是键。<code>causal + pad</code> 会报错</p>");
        assertThat(html.block("结果为\n`[B, L]`\n，在头的维度上广播"))
                .isEqualTo("<p>结果为\n<code>[B, L]</code>，在头的维度上广播</p>");
        assertThat(html.block("see\n`causal + pad`")).isEqualTo("<p>see\n<code>causal + pad</code></p>");
    }

    @Test
    @DisplayName("CJK detection covers Han, kana, hangul and full-width punctuation, not Latin or Greek")
    void detection() {
        assertThat("注意力ひカ한，。（）！".codePoints()).allMatch(CjkSoftBreaks::isCjk);
        assertThat("aZ9,.;α√ü".codePoints()).noneMatch(CjkSoftBreaks::isCjk);
        assertThat("。，；：？！、（）「」《》".codePoints()).allMatch(CjkSoftBreaks::isCjkPunctuation);
        assertThat("注ａ１,.;“".codePoints()).noneMatch(CjkSoftBreaks::isCjkPunctuation);
    }
}
