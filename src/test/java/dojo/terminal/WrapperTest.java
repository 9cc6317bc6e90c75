package dojo.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class WrapperTest {

    private static List<String> wrap(String text, int width) {
        return Wrapper.wrap(new StyledText().append(text), width).stream()
                .map(l -> StyledText.toAnsi(l, false)).collect(Collectors.toList());
    }

    @Test
    void latinTextBreaksAtSpacesWithinTheWidth() {
        assertThat(wrap("the quick brown fox jumps over the lazy dog", 15))
                .containsExactly("the quick brown", "fox jumps over", "the lazy dog");
    }

    @Test
    void chineseCharactersTakeTwoColumnsAndMayBreakAnywhere() {
        List<String> lines = wrap("缩放点积注意力把分数除以根号维度", 10);
        assertThat(lines).containsExactly("缩放点积注", "意力把分数", "除以根号维", "度");
        assertThat(lines).allMatch(l -> DisplayWidth.of(l) <= 10);
    }

    @Test
    void closingPunctuationNeverStartsALine() {
        // 10 columns hold 5 characters; the comma would start line 2, so it stays with its character
        List<String> lines = wrap("一二三四五，六七八九十。", 10);
        assertThat(lines).noneMatch(l -> l.startsWith("，") || l.startsWith("。"));
        assertThat(String.join("", lines)).isEqualTo("一二三四五，六七八九十。");
        assertThat(lines).allMatch(l -> DisplayWidth.of(l) <= 10);
    }

    @Test
    void openingBracketsNeverEndALine() {
        List<String> lines = wrap("一二三四（五六）", 10);
        assertThat(lines).noneMatch(l -> l.endsWith("（"));
    }

    @Test
    void mixedChineseAndLatinKeepsLatinWordsWhole() {
        List<String> lines = wrap("使用 softmax 计算注意力权重", 12);
        assertThat(lines).allMatch(l -> DisplayWidth.of(l) <= 12);
        assertThat(String.join("|", lines)).contains("softmax");
        assertThat(lines).noneMatch(l -> l.startsWith(" ") || l.endsWith(" "));
    }

    @Test
    void aWordLongerThanTheLineIsCutAtTheColumn() {
        assertThat(wrap("abcdefghij", 4)).containsExactly("abcd", "efgh", "ij");
    }

    @Test
    void hardBreaksAreKept() {
        assertThat(wrap("one\ntwo", 40)).containsExactly("one", "two");
    }

    @Test
    void stylesSurviveAcrossLineBreaks() {
        StyledText t = new StyledText().append("plain ").append("bold words here", Style.PLAIN.bold());
        List<List<StyledText.Piece>> lines = Wrapper.wrap(t, 11);
        assertThat(lines).hasSize(2);
        assertThat(StyledText.toAnsi(lines.get(1), true)).isEqualTo("\u001b[1mwords here\u001b[0m");
    }

    @Test
    void displayWidthIgnoresEscapeCodesAndCountsWideCharactersTwice() {
        assertThat(DisplayWidth.of("\u001b[1;36mab\u001b[0m")).isEqualTo(2);
        assertThat(DisplayWidth.of("注意 KV")).isEqualTo(7);
        assertThat(DisplayWidth.of("ＡＢ")).isEqualTo(4);
    }
}
