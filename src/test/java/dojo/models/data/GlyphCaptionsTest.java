package dojo.models.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GlyphCaptionsTest {

    private static final Split<CaptionPair> DATA = GlyphCaptions.generate(5, 600, 100, 200);

    private static List<CaptionedImage> all() {
        List<CaptionedImage> out = new ArrayList<>();
        out.addAll(GlyphCaptions.flatten(DATA.train()));
        out.addAll(GlyphCaptions.flatten(DATA.validation()));
        out.addAll(GlyphCaptions.flatten(DATA.test()));
        return out;
    }

    @Test
    void theSameSeedGivesTheSameSplitsAndAnotherSeedOthers() {
        Split<CaptionPair> again = GlyphCaptions.generate(5, 600, 100, 200);
        assertThat(again.train()).isEqualTo(DATA.train());
        assertThat(again.test()).isEqualTo(DATA.test());
        assertThat(GlyphCaptions.generate(6, 600, 100, 200).test()).isNotEqualTo(DATA.test());
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
        for (CaptionedImage c : all()) {
            assertThat(seen.add(Arrays.toString(c.composition()))).as("composition %s seen twice", c.describe()).isTrue();
        }
    }

    @Test
    void theCaptionNamesEveryGlyphWithItsCellAndNothingElse() {
        for (CaptionedImage c : all()) {
            int[] t = c.caption();
            assertThat(t.length).isIn(4, 6).isLessThanOrEqualTo(GlyphCaptions.MAX_LEN);
            int[] fromCaption = new int[GlyphCaptions.CELLS];
            Arrays.fill(fromCaption, -1);
            for (int i = 0; i < t.length; i += 2) {
                assertThat(t[i]).as("shape token").isBetween(1, GlyphCaptions.SHAPES);
                assertThat(t[i + 1]).as("cell token").isBetween(GlyphCaptions.SHAPES + 1, GlyphCaptions.VOCAB - 1);
                fromCaption[t[i + 1] - GlyphCaptions.SHAPES - 1] = t[i] - 1;
            }
            assertThat(fromCaption).as(c.toString()).containsExactly(c.composition());
        }
    }

    @Test
    void theImageDrawsEachGlyphInItsCellAndLeavesEmptyCellsBlack() {
        for (CaptionedImage c : all()) {
            int[] comp = c.composition();
            for (int cell = 0; cell < GlyphCaptions.CELLS; cell++) {
                int r0 = (cell / GlyphCaptions.GRID) * GlyphCaptions.PATCH, c0 = (cell % GlyphCaptions.GRID) * GlyphCaptions.PATCH;
                for (int r = 0; r < GlyphCaptions.PATCH; r++) {
                    for (int q = 0; q < GlyphCaptions.PATCH; q++) {
                        double v = c.pixel(r0 + r, c0 + q);
                        if (comp[cell] >= 0 && SameShapeImages.glyph(comp[cell], r, q)) assertThat(v).isBetween(0.5, 1.0);
                        else assertThat(v).isZero();
                    }
                }
            }
        }
    }

    @Test
    void eachPairIsAHardNegativeTheSameWordsAndPatchesWithTwoGlyphsExchanged() {
        for (CaptionPair p : DATA.test()) {
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
        assertThat(GlyphCaptions.patchLabels(comp)).hasSize(GlyphCaptions.CELLS).contains("disc@centre", "square@bottom-right", "-@top-left");
        assertThat(GlyphCaptions.tokenLabels(new int[] {2, 13, 0})).containsExactly("disc", "centre", "<pad>");
    }

    @Test
    void tokensReadAsWords() {
        assertThat(GlyphCaptions.words(new int[] {GlyphCaptions.shapeToken(0), GlyphCaptions.cellToken(4), 0})).isEqualTo("square centre <pad>");
    }
}
