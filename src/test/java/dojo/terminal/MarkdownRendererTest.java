package dojo.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MarkdownRendererTest {
    static final String ESC = "\u001b";

    final MarkdownRenderer plain = new MarkdownRenderer(false, 40);
    final MarkdownRenderer color = new MarkdownRenderer(true, 40);

    private static String joined(List<String> lines) {
        return String.join("\n", lines);
    }

    @Test
    void emphasisAndInlineCodeAreStyledWithColours() {
        String out = joined(color.render("Use **softmax** over *keys*, i.e. `dim=-1`."));
        assertThat(out).contains(ESC + "[1msoftmax" + ESC + "[0m")
                .contains(ESC + "[3mkeys" + ESC + "[0m")
                .contains(ESC + "[36mdim=-1" + ESC + "[0m");
    }

    @Test
    void withoutColoursThereAreNoEscapeCodesAndInlineCodeKeepsItsBackticks() {
        String out = joined(plain.render("Use **softmax** over *keys*, i.e. `dim=-1`.\n\n```python\nx = 1\n```\n\n- a\n- b\n\n> quoted\n\n---\n"));
        assertThat(out).doesNotContain(ESC);
        assertThat(out).contains("Use softmax over keys, i.e. `dim=-1`.");
    }

    @Test
    void codeBlocksAreFramedInColourAndIndentedInPlainText() {
        String md = "Before\n\n```python\nscores = q @ k.T\nweights = scores.softmax(-1)\n```\n";
        assertThat(plain.render(md)).containsExactly("Before", "", "    scores = q @ k.T", "    weights = scores.softmax(-1)");
        List<String> c = color.render(md);
        assertThat(c.get(2)).contains("┌─ python");
        assertThat(c.get(3)).contains("│").contains("scores = q @ k.T");
        assertThat(c.get(5)).contains("└─");
    }

    @Test
    void codeLinesAreNeverWrapped() {
        String longLine = "x".repeat(60);
        assertThat(plain.render("```\n" + longLine + "\n```")).containsExactly("    " + longLine);
    }

    @Test
    void longCodeLinesContinueInsideTheFrameInColour() {
        String longLine = "y = " + "x".repeat(70);
        List<String> c = color.render("```\n" + longLine + "\n```");
        assertThat(c).hasSize(4);
        assertThat(c.get(1)).contains("│");
        assertThat(c.get(2)).contains("┆");
        assertThat(c).allSatisfy(l -> assertThat(DisplayWidth.of(l)).isLessThanOrEqualTo(40));
    }

    @Test
    void listsGetMarkersAndHangingIndents() {
        List<String> out = plain.render("1. first item that is long enough to wrap around\n2. second\n\n- bullet");
        assertThat(out).containsExactly("1. first item that is long enough to", "   wrap around", "2. second", "", "- bullet");
    }

    @Test
    void paragraphsWrapToTheWidth() {
        List<String> out = plain.render("word ".repeat(30));
        assertThat(out).allMatch(l -> DisplayWidth.of(l) <= 40).hasSizeGreaterThan(2);
    }

    @Test
    void softLineBreaksJoinChineseWithoutASpaceButKeepOneBetweenLatinWords() {
        String out = joined(new MarkdownRenderer(false, 200).render(
                "是合理的设计。\n检索要为一个查询排序，\nsoftmax 在键上\n做归一化。\n\nkeys and\nvalues"));
        assertThat(out).contains("是合理的设计。检索要为一个查询排序，softmax 在键上做归一化。")
                .contains("keys and values");
    }

    @Test
    void chineseParagraphsWrapByDisplayWidth() {
        List<String> out = new MarkdownRenderer(false, 20).render("多头注意力把模型维度拆成若干个头，每个头在各自的子空间里计算缩放点积注意力。");
        assertThat(out).hasSizeGreaterThan(3).allMatch(l -> DisplayWidth.of(l) <= 20);
        assertThat(out).noneMatch(l -> l.startsWith("，") || l.startsWith("。"));
    }

    @Test
    void tablesAlignColumnsByDisplayWidth() {
        List<String> out = plain.render("| 名称 | shape |\n| --- | --- |\n| 查询 Q | [b, h, n, d] |\n| K | [b, h, n, d] |\n");
        assertThat(out).hasSize(4);
        assertThat(out.get(0)).startsWith("名称   | shape");
        assertThat(out.get(1)).startsWith("-------|-");
        int bar = DisplayWidth.of(out.get(2).substring(0, out.get(2).indexOf('|')));
        assertThat(DisplayWidth.of(out.get(3).substring(0, out.get(3).indexOf('|')))).isEqualTo(bar);
    }

    @Test
    void tablesTooWideBecomeHeaderValueLines() {
        String wide = "| a | b |\n| - | - |\n| " + "x".repeat(30) + " | " + "y".repeat(30) + " |\n";
        List<String> out = plain.render(wide);
        assertThat(out).contains("- a: " + "x".repeat(30), "  b: " + "y".repeat(30));
    }

    @Test
    void prefixesHangUnderTheFirstLine() {
        List<String> out = plain.render("an option that is long enough to need a second line", "a) ", "   ");
        assertThat(out.get(0)).startsWith("a) an option");
        assertThat(out.get(1)).startsWith("   ").doesNotStartWith("    ");
    }
}
