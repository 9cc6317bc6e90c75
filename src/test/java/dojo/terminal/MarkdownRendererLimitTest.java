package dojo.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The terminal renderer at the nesting limit lint allows (dojo.questions.DepthGuard): no error, every level shown. */
class MarkdownRendererLimitTest {
    @Test
    void sixteen_levels_of_quotes_emphasis_and_a_link_render_on_a_narrow_terminal() {
        String md = "> ".repeat(8) + "****" + "**".repeat(2) + "[deep](https://example.org)" + "**".repeat(2) + "****";
        for (int width : new int[] {8, 20, 80}) {
            for (boolean color : new boolean[] {false, true}) {
                assertThat(String.join("\n", new MarkdownRenderer(color, width).render(md))).contains("deep");
            }
        }
    }

    @Test
    void sixteen_nested_list_levels_render_on_a_narrow_terminal() {
        StringBuilder md = new StringBuilder();
        for (int i = 0; i < 16; i++) md.append("  ".repeat(i)).append("- level ").append(i + 1).append('\n');
        assertThat(String.join("\n", new MarkdownRenderer(false, 12).render(md.toString()))).contains("level 16");
    }
}
