package dojo.models.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class GlyphCaptionsTest {

    private static final Split<CaptionedImage> DATA = GlyphCaptions.generate(7, 800, 200, 400);

    private static Stream<CaptionedImage> all() {
        return Stream.of(DATA.train(), DATA.validation(), DATA.test()).flatMap(List::stream);
    }

    @Test
    void theSameSeedGivesTheSameSplitsAndAnotherSeedDoesNot() {
        Split<CaptionedImage> again = GlyphCaptions.generate(7, 800, 200, 400);
        assertThat(again.train()).isEqualTo(DATA.train());
        assertThat(again.validation()).isEqualTo(DATA.validation());
        assertThat(again.test()).isEqualTo(DATA.test());
        assertThat(GlyphCaptions.generate(8, 800, 200, 400).train()).isNotEqualTo(DATA.train());
    }

    @Test
    void everySplitHasWholeQuadruplesAndIsExactlyBalanced() {
        for (List<CaptionedImage> part : List.of(DATA.train(), DATA.validation(), DATA.test())) {
            assertThat(part.size() % 4).isZero();
            assertThat(part.stream().filter(e -> e.label() == 1).count()).isEqualTo(part.size() / 2);
        }
        assertThat(DATA.validation()).hasSize(200);
        assertThat(GlyphCaptions.generate(7, 10, 1, 1).train()).hasSize(12);
    }

    @Test
    void labelsFollowTheDefinitionReadBackFromThePixels() {
        all().forEach(e -> assertThat(e.label()).as(e.toString()).isEqualTo(GlyphCaptions.labelOf(e.tokens(), e.pixels())));
    }

    @Test
    void captionsAreTwoToFourTokensWithOneGlyphNameAndOnePlace() {
        all().forEach(e -> {
            assertThat(e.length()).isBetween(2, GlyphCaptions.MAX_TEXT);
            int[] t = e.tokens();
            assertThat(Arrays.stream(t).filter(x -> x >= 1 && x <= GlyphCaptions.GLYPHS).count()).isEqualTo(1);
            assertThat(Arrays.stream(t).filter(x -> x >= GlyphCaptions.LEFT && x <= GlyphCaptions.BOTTOM).count()).isEqualTo(1);
            assertThat(t[t.length - 1]).isBetween(GlyphCaptions.LEFT, GlyphCaptions.BOTTOM);
        });
        assertThat(GlyphCaptions.describe(new int[] {GlyphCaptions.THE, 2, GlyphCaptions.IS, GlyphCaptions.LEFT})).isEqualTo("the disc is left");
    }

    @Test
    void imagesShowThreeDistinctGlyphsInThreeCells() {
        all().forEach(e -> {
            Set<Integer> shapes = new HashSet<>();
            int lit = 0;
            for (int cell = 0; cell < GlyphCaptions.GRID * GlyphCaptions.GRID; cell++) {
                boolean any = false;
                for (int s = 0; s < GlyphCaptions.GLYPHS; s++) {
                    if (GlyphCaptions.cellShows(e.pixels(), cell, s)) {
                        shapes.add(s);
                        any = true;
                    }
                }
                if (any) lit++;
            }
            assertThat(lit).isEqualTo(3);
            assertThat(shapes).hasSize(3);
        });
    }

    @Test
    void noImageLayoutOfValidationOrTestOccursInTraining() {
        Set<String> train = new HashSet<>();
        DATA.train().forEach(e -> train.add(layout(e)));
        Stream.of(DATA.validation(), DATA.test()).flatMap(List::stream).forEach(e -> assertThat(train).doesNotContain(layout(e)));
    }

    /**
     * The property that makes attention necessary: group examples by what a bag can see (the multiset of caption
     * tokens and the multiset of patches); every group holds as many true as false captions. The same holds for
     * every image alone and every caption alone.
     */
    @Test
    void neitherModalityAloneNorABagOfTokensAndPatchesCarriesTheLabel() {
        Map<String, int[]> byBag = new HashMap<>(), byImage = new HashMap<>(), byCaption = new HashMap<>();
        all().forEach(e -> {
            count(byBag, bagKey(e), e.label());
            count(byImage, Arrays.toString(e.pixels()), e.label());
            count(byCaption, Arrays.toString(e.tokens()), e.label());
        });
        for (Map<String, int[]> groups : List.of(byBag, byImage)) {
            assertThat(groups.values()).allSatisfy(c -> assertThat(c[0]).isEqualTo(c[1]));
        }
        // a caption recurs across scenes: balanced within each split as a whole, and close to balanced per caption
        assertThat(byCaption.values()).allSatisfy(c -> assertThat(Math.abs(c[0] - c[1])).isLessThanOrEqualTo(Math.max(6, (c[0] + c[1]) / 3)));
        assertThat(byImage).hasSize((int) all().count() / 2);
    }

    private static void count(Map<String, int[]> m, String key, int label) {
        m.computeIfAbsent(key, k -> new int[2])[label]++;
    }

    private static String bagKey(CaptionedImage e) {
        int[] t = e.tokens();
        Arrays.sort(t);
        List<String> patches = new java.util.ArrayList<>();
        int g = GlyphCaptions.GRID, c = GlyphCaptions.CELL, s = GlyphCaptions.SIZE;
        for (int cell = 0; cell < g * g; cell++) {
            double[] p = new double[c * c];
            for (int r = 0; r < c; r++) {
                for (int col = 0; col < c; col++) p[r * c + col] = e.pixel((cell / g) * c + r, (cell % g) * c + col);
            }
            patches.add(Arrays.toString(p));
        }
        patches.sort(null);
        return Arrays.toString(t) + patches;
    }

    private static String layout(CaptionedImage e) {
        StringBuilder sb = new StringBuilder();
        for (int cell = 0; cell < GlyphCaptions.GRID * GlyphCaptions.GRID; cell++) {
            int shown = -1;
            for (int s = 0; s < GlyphCaptions.GLYPHS; s++) if (GlyphCaptions.cellShows(e.pixels(), cell, s)) shown = s;
            sb.append(shown).append(',');
        }
        return sb.toString();
    }
}
