package dojo.models.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LayoutCaptionsTest {

    private static final Split<LayoutPair> DATA = LayoutCaptions.generate(5, 600, 100, 200);

    private static List<LayoutImage> all() {
        List<LayoutImage> out = new ArrayList<>();
        out.addAll(LayoutCaptions.flatten(DATA.train()));
        out.addAll(LayoutCaptions.flatten(DATA.validation()));
        out.addAll(LayoutCaptions.flatten(DATA.test()));
        return out;
    }

    @Test
    void theSameSeedGivesTheSameSplitsAndAnotherSeedOthers() {
        Split<LayoutPair> again = LayoutCaptions.generate(5, 600, 100, 200);
        assertThat(again.train()).isEqualTo(DATA.train());
        assertThat(again.test()).isEqualTo(DATA.test());
        assertThat(LayoutCaptions.generate(6, 600, 100, 200).test()).isNotEqualTo(DATA.test());
    }

    @Test
    void splitsHaveTheRequestedNumberOfPairs() {
        assertThat(DATA.train()).hasSize(600);
        assertThat(DATA.validation()).hasSize(100);
        assertThat(DATA.test()).hasSize(200);
    }

    @Test
    void noCompositionRepeatsWithinOrAcrossSplitsSoEveryCaptionHasOneImage() {
        Set<String> seen = new HashSet<>();
        for (LayoutImage c : all()) {
            assertThat(seen.add(Arrays.toString(c.composition()))).as("composition %s seen twice", c.describe()).isTrue();
        }
    }

    @Test
    void theCaptionNamesEveryGlyphWithItsCellAndNothingElse() {
        for (LayoutImage c : all()) {
            int[] t = c.caption();
            assertThat(t.length).isIn(4, 6).isLessThanOrEqualTo(LayoutCaptions.MAX_LEN);
            int[] fromCaption = new int[LayoutCaptions.CELLS];
            Arrays.fill(fromCaption, -1);
            for (int i = 0; i < t.length; i += 2) {
                assertThat(t[i]).as("shape token").isBetween(1, LayoutCaptions.SHAPES);
                assertThat(t[i + 1]).as("cell token").isBetween(LayoutCaptions.SHAPES + 1, LayoutCaptions.VOCAB - 1);
                fromCaption[t[i + 1] - LayoutCaptions.SHAPES - 1] = t[i] - 1;
            }
            assertThat(fromCaption).as(c.toString()).containsExactly(c.composition());
        }
    }

    @Test
    void theImageDrawsEachGlyphInItsCellAndLeavesEmptyCellsBlack() {
        for (LayoutImage c : all()) {
            int[] comp = c.composition();
            for (int cell = 0; cell < LayoutCaptions.CELLS; cell++) {
                int r0 = (cell / LayoutCaptions.GRID) * LayoutCaptions.PATCH, c0 = (cell % LayoutCaptions.GRID) * LayoutCaptions.PATCH;
                for (int r = 0; r < LayoutCaptions.PATCH; r++) {
                    for (int q = 0; q < LayoutCaptions.PATCH; q++) {
                        double v = c.pixel(r0 + r, c0 + q);
                        if (comp[cell] >= 0 && Glyphs.glyph(comp[cell], r, q)) assertThat(v).isBetween(0.5, 1.0);
                        else assertThat(v).isZero();
                    }
                }
            }
        }
    }

    @Test
    void eachPairIsAHardNegativeTheSameWordsAndPatchesWithTwoGlyphsExchanged() {
        for (LayoutPair p : DATA.test()) {
            int[] a = p.first().caption(), b = p.second().caption();
            Arrays.sort(a);
            Arrays.sort(b);
            assertThat(a).as("bag of words of %s and %s", p.first(), p.second()).containsExactly(b);
            int[] x = p.first().composition(), y = p.second().composition();
            int differ = 0;
            for (int cell = 0; cell < x.length; cell++) {
                assertThat(x[cell] >= 0).as("the same cells are filled").isEqualTo(y[cell] >= 0);
                if (x[cell] != y[cell]) differ++;
            }
            assertThat(differ).as("cells whose glyph changed").isEqualTo(2);
            int[] sx = Arrays.stream(x).filter(s -> s >= 0).sorted().toArray(), sy = Arrays.stream(y).filter(s -> s >= 0).sorted().toArray();
            assertThat(sx).as("the same glyphs (the same bag of patches up to brightness)").containsExactly(sy);
        }
    }

    @Test
    void aboutOneCompositionInSevenHasTwoGlyphsTheRestThree() {
        long two = all().stream().filter(c -> c.caption().length == 4).count();
        assertThat((double) two / all().size()).isBetween(0.10, 0.20);
    }

    @Test
    void attentionMapsGetOneLabelPerCaptionPositionAndPerPatch() {
        int[] comp = {-1, -1, -1, -1, 1, -1, -1, -1, 0};
        assertThat(LayoutCaptions.patchLabels(comp)).hasSize(LayoutCaptions.CELLS).contains("disc@centre", "square@bottom-right", "-@top-left");
        assertThat(LayoutCaptions.tokenLabels(new int[] {2, 13, 0})).containsExactly("disc", "centre", "<pad>");
    }

    @Test
    void tokensReadAsWords() {
        assertThat(LayoutCaptions.words(new int[] {LayoutCaptions.shapeToken(0), LayoutCaptions.cellToken(4), 0})).isEqualTo("square centre <pad>");
    }
}
