package dojo.models.viz;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TerminalAttentionRendererTest {

    private final AttentionView view = Views.of(List.of("3", "7", "12", "5", "3", "pad", "pad"), 2, 2, 4);

    @Test
    void withoutColourTheOutputHasNoEscapeCodes() {
        String text = new TerminalAttentionRenderer(false, 100).render(view);
        assertThat(text).doesNotContain("\u001b");
    }

    @Test
    void withoutColourEveryTokenLabelsARowAndAColumnOfEveryMap() {
        String text = new TerminalAttentionRenderer(false, 100).render(view);
        List<String> lines = text.lines().toList();
        int titles = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).startsWith("layer ")) continue;
            titles += lines.get(i).split("layer ").length - 1;
            String header = lines.get(i + 1).substring(0, 4 + 7 * 3);
            assertThat(header.split("\\s+")).containsSubsequence("3", "7", "12", "5", "3", "··", "··");
            List<String> rowLabels = new ArrayList<>();
            for (int q = 0; q < 7; q++) rowLabels.add(lines.get(i + 2 + q).substring(0, 3).strip());
            assertThat(rowLabels).containsExactly("3", "7", "12", "5", "3", "pad", "pad");
        }
        assertThat(titles).isEqualTo(8);
    }

    @Test
    void theHeaderNamesThePredictedClassItsProbabilityAndTheLabel() {
        String text = new TerminalAttentionRenderer(false, 100).render(view);
        assertThat(text).contains("prediction: 1 \"repeats\" p = 0.9000", "(0 \"no repeat\" p = 0.1000)", "correct",
                "tokens: 3 7 12 5 3  + 2 padding positions");
    }

    @Test
    void withManyClassesTheHeaderShowsTheTwoRunnersUpAndHowManyAreLeft() {
        AttentionView base = Views.of(List.of("3", "7", "12"), 0, 1, 1);
        List<String> digits = new java.util.ArrayList<>();
        for (int d = 0; d < 10; d++) digits.add("digit " + d);
        double[] p = {0.01, 0.02, 0.005, 0.9, 0.03, 0.005, 0.01, 0.01, 0.005, 0.005};
        AttentionView ten = new AttentionView(base.title(), base.source(), base.tokens(), base.padding(), 1, 1, base.maps(),
                digits, p, 4);
        String header = new TerminalAttentionRenderer(false, 200).render(ten).lines()
                .filter(l -> l.startsWith("prediction:")).findFirst().orElseThrow();
        assertThat(header).isEqualTo("prediction: 3 \"digit 3\" p = 0.9000   (4 \"digit 4\" p = 0.0300)"
                + "   (1 \"digit 1\" p = 0.0200)   (7 others, each p <= 0.0100)   WRONG");
    }

    @Test
    void headerLinesWrapAtSpacesToTheWidth() {
        assertThat(TerminalAttentionRenderer.wrap("short line", 20)).isEqualTo("short line");
        assertThat(TerminalAttentionRenderer.wrap("prediction: 0 \"negative\" p = 0.9932   (1 \"neutral\" p = 0.0001)", 30))
                .isEqualTo("prediction: 0 \"negative\" p =\n  0.9932   (1 \"neutral\" p =\n  0.0001)");
        assertThat(TerminalAttentionRenderer.wrap("abcdefghijklmnopqrstuvwxyz", 10)).isEqualTo("abcdefghij\n  klmnopqr\n  stuvwxyz");
        AttentionView v = Views.cross(2, 1, -1);
        String text = new TerminalAttentionRenderer(false, 40).render(v);
        List<String> header = text.lines().takeWhile(l -> !l.startsWith("rows = query")).toList();
        assertThat(header).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(40));
        assertThat(String.join(" ", header)).contains("prediction: 0 \"negative\" p = 0.8000");
    }

    @Test
    void weightsAreShadedAndPaddedKeysShownAsPadding() {
        String text = new TerminalAttentionRenderer(false, 100).render(view);
        String firstRow = text.lines().filter(l -> l.startsWith("  3 ")).findFirst().orElseThrow();
        assertThat(firstRow.substring(0, 4 + 7 * 3)).isEqualTo("  3  ▓▓ ░░ ░░ ░░ ░░ ·· ··");
    }

    @Test
    void withColourCellsUse256ColourBackgrounds() {
        String text = new TerminalAttentionRenderer(true, 100).render(view);
        assertThat(text).contains("\u001b[48;5;").contains("\u001b[0m");
    }

    @Test
    void aMapWiderThanTheTerminalShowsItsFirstKeysAndSaysHowManyItHides() {
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 40; i++) tokens.add(Integer.toString(1 + i % 16));
        String text = new TerminalAttentionRenderer(false, 60).render(Views.of(tokens, 0, 1, 1));
        String[] mapLines = text.substring(text.indexOf("layer 0")).split("\n");
        assertThat(mapLines.length).isGreaterThan(42);
        for (String l : java.util.Arrays.copyOf(mapLines, 42)) assertThat(l.length()).as(l).isLessThanOrEqualTo(60);
        assertThat(text).contains("each map shows its first 18 of 40 keys to fit 60 columns");
        assertThat(mapLines[2]).endsWith("…");
    }

    @Test
    void mapsSitSideBySideAsFarAsTheWidthAllows() {
        String narrow = new TerminalAttentionRenderer(false, 40).render(view);
        String wide = new TerminalAttentionRenderer(false, 100).render(view);
        assertThat(narrow.lines().filter(l -> l.startsWith("layer ")).count()).isEqualTo(8);
        assertThat(wide.lines().filter(l -> l.startsWith("layer ")).findFirst().orElseThrow()).contains("head 0", "head 1", "head 2");
    }

    @Test
    void aLabelWithControlCharactersCannotSendEscapeCodes() {
        String text = new TerminalAttentionRenderer(false, 100).render(Views.of(List.of("3", "\u001b[2J", "3"), 0, 1, 1));
        assertThat(text).doesNotContain("\u001b").contains("tokens: 3 ?[2J 3");
    }
}
