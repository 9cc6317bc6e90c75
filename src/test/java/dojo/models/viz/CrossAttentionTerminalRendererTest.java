package dojo.models.viz;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rectangular (cross-attention) maps in the terminal: caption words down the side, patch cells across. */
class CrossAttentionTerminalRendererTest {

    /** The lines of the first block titled {@code title}, up to the next blank line or block title. */
    private static List<String> block(String text, String title) {
        List<String> lines = text.lines().toList();
        int at = lines.indexOf(title);
        assertThat(at).as("a block titled '%s' in%n%s", title, text).isNotNegative();
        List<String> out = new ArrayList<>();
        for (int i = at + 1; i < lines.size() && !lines.get(i).isBlank() && !lines.get(i).startsWith("layer "); i++) out.add(lines.get(i));
        return out;
    }

    @Test
    void aCrossAttentionMapHasTheCaptionWordsAsRowsAndThePatchCellsAsColumns() {
        String text = new TerminalAttentionRenderer(false, 40).render(Views.cross(2, 1, -1));
        List<String> b = block(text, "layer 1 · head 0 · cross-attention");
        // 4 header lines (the cell labels written downwards over their columns), then one line per caption position
        assertThat(b).hasSize(4 + 5);
        List<String> columns = new ArrayList<>();
        for (int k = 0; k < 4; k++) {
            StringBuilder label = new StringBuilder();
            for (int y = 0; y < 4; y++) label.append(b.get(y).charAt(6 + 1 + 1 + 3 * k));
            columns.add(label.toString());
        }
        assertThat(columns).containsExactly("r0c0", "r0c1", "r1c0", "r1c1");
        List<String> rows = new ArrayList<>();
        for (int q = 0; q < 5; q++) rows.add(b.get(4 + q).substring(0, 6).strip());
        assertThat(rows).containsExactly("the", "square", "is", "awful", "pad");
    }

    @Test
    void everyRowOfACrossAttentionMapHasOneShadedCellPerKey() {
        String text = new TerminalAttentionRenderer(false, 40).render(Views.cross(1, 1, -1));
        List<String> b = block(text, "layer 1 · head 0 · cross-attention");
        // Views.cross: row q puts 0.7 on key q mod 4, 0.1 on each other key
        assertThat(b.get(4)).isEqualTo("   the  ██ ░░ ░░ ░░");
        assertThat(b.get(5)).isEqualTo("square  ░░ ██ ░░ ░░");
        assertThat(b.get(8)).as("a padded query row is drawn and labelled pad").isEqualTo("   pad  ██ ░░ ░░ ░░");
    }

    @Test
    void aPaddedKeyOfARectangularMapIsShownAsPaddingInEveryRow() {
        String text = new TerminalAttentionRenderer(false, 40).render(Views.cross(1, 1, 2));
        List<String> b = block(text, "layer 1 · head 0 · cross-attention");
        assertThat(b.get(3)).as("the bottom header line marks the padded column").isEqualTo("        0  1  ·· 1");
        for (int q = 0; q < 5; q++) assertThat(b.get(4 + q).substring(7 + 3 * 2, 7 + 3 * 3)).isEqualTo(" ··");
    }

    @Test
    void theHeaderListsEveryLayerWithItsShapeAndTheHeadlinesNameTheLayer() {
        AttentionView v = Views.cross(2, 1, -1);
        String text = new TerminalAttentionRenderer(false, 100).render(v);
        assertThat(text).contains("layers (queries x keys):\n"
                        + "  0  5 x 5  caption self-attn  text_encoder.layers.0.self_attn\n"
                        + "  1  5 x 4  cross-attention    cross_attn\n",
                "layer 0 · head 0 · caption self-attn", "layer 1 · head 1 · cross-attention");
    }

    @Test
    void onlyTheLayerAskedForIsDrawnButEveryLayerIsListed() {
        AttentionView all = Views.cross(2, 1, -1);
        AttentionView one = new AttentionView(all.title(), all.source(), all.tokens(), all.padding(), all.layers(), all.heads(),
                all.maps().stream().filter(m -> m.layer() == 1 && m.head() == 1).toList(), all.classes(), all.probabilities(),
                all.trueLabel(), all.described());
        String text = new TerminalAttentionRenderer(false, 100).render(one);
        assertThat(text).contains("  0  5 x 5  caption self-attn", "layer 1 · head 1 · cross-attention")
                .doesNotContain("layer 0 · head", "layer 1 · head 0");
    }

    @Test
    void aTooNarrowTerminalCutsTheWideMapsKeysAndSaysWhichLayerItCut() {
        String text = new TerminalAttentionRenderer(false, 20).render(Views.cross(2, 1, -1));
        String maps = text.substring(text.indexOf("\n\nlayer 0 · head") + 2, text.lastIndexOf("\n\n("));
        for (String l : maps.lines().toList()) assertThat(l.length()).as(l).isLessThanOrEqualTo(20);
        // the caption map (7 + 5 x 3 columns) does not fit 20 columns, the cross-attention map (7 + 4 x 3) does
        assertThat(text).contains("(layer 0: each map shows its first 3 of 5 keys to fit 20 columns; --format html shows all of them)")
                .doesNotContain("(layer 1: each map");
        assertThat(maps.lines().filter(l -> l.startsWith("layer ")).count()).isEqualTo(4);
    }

    @Test
    void withColourACrossAttentionMapUsesTheSameBackgroundsAndLabels() {
        String text = new TerminalAttentionRenderer(true, 100).render(Views.cross(1, 0, -1));
        assertThat(text).contains("\u001b[48;5;", "layer 1 · head 0 · cross-attention");
    }

    @Test
    void aSpaceInAKeyLabelWrittenDownwardsShowsAsADotNotABlankLine() {
        List<String> cells = List.of("r0c0 disc", "r0c1 ring");
        boolean[] none = new boolean[2];
        List<String> words = List.of("a", "b");
        AttentionView v = new AttentionView("m", "s", words, none, 1, 1,
                List.of(new AttentionMap(0, 0, new double[][] {{0.5, 0.5}, {0.9, 0.1}})), List.of(), new double[0], -1,
                List.of(new AttentionView.Layer("cross_attn", "cross-attention", words, none, cells, none)));
        List<String> b = block(new TerminalAttentionRenderer(false, 60).render(v), "layer 0 · head 0 · cross-attention");
        List<String> header = b.subList(0, 8);
        assertThat(header).noneMatch(String::isBlank);
        assertThat(header.get(4)).contains("·  ·");
    }

    @Test
    void longKeyLabelsAreWrittenDownwardsFromTheFirstLineAndCutAtEightCharacters() {
        String text = new TerminalAttentionRenderer(false, 60).render(Views.of(List.of("the", "triangle-shaped", "is", "pad"), 1, 1, 1));
        List<String> b = block(text, "layer 0 · head 0");
        assertThat(b).hasSize(8 + 4);
        List<String> columns = new ArrayList<>();
        for (int k = 0; k < 4; k++) {
            StringBuilder label = new StringBuilder();
            for (int y = 0; y < 8; y++) {
                int at = 8 + 1 + 1 + 3 * k;                         // row labels are 8 wide (the longest, cut), then " X " per key
                label.append(at < b.get(y).length() ? b.get(y).charAt(at) : ' ');
            }
            columns.add(label.toString());
        }
        assertThat(columns).containsExactly("the     ", "triangl…", "is      ", "       ·");
        assertThat(b.get(7)).endsWith(" ··");
        assertThat(b.subList(8, 12)).extracting(l -> l.substring(0, 8)).containsExactly("     the", "triangl…", "      is", "     pad");
    }
}
