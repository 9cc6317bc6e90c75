package dojo.models.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class SentimentCaptionsTest {

    /** The sizes of the experiment. */
    private static final Split<SentimentExample> DATA = SentimentCaptions.generate(20261206L, 3000, 500, 1000);

    private static Stream<SentimentExample> all() {
        return Stream.of(DATA.train(), DATA.validation(), DATA.test()).flatMap(List::stream);
    }

    @Test
    void theSameSeedGivesTheSameSplitsAndAnotherSeedDoesNot() {
        Split<SentimentExample> again = SentimentCaptions.generate(20261206L, 3000, 500, 1000);
        assertThat(again.train()).isEqualTo(DATA.train());
        assertThat(again.validation()).isEqualTo(DATA.validation());
        assertThat(again.test()).isEqualTo(DATA.test());
        assertThat(SentimentCaptions.generate(5, 3000, 500, 1000).train()).isNotEqualTo(DATA.train());
    }

    @Test
    void everySplitIsExactlyBalancedOverTheThreeClasses() {
        for (List<SentimentExample> part : List.of(DATA.train(), DATA.validation(), DATA.test())) {
            for (int label = 0; label < SentimentCaptions.CLASSES; label++) {
                int l = label;
                assertThat(part.stream().filter(e -> e.label() == l).count()).as("label " + l)
                        .isBetween((long) part.size() / 3, (long) part.size() / 3 + 1);
            }
        }
    }

    @Test
    void noExampleRepeatsWithinOrAcrossSplits() {
        Set<String> keys = new HashSet<>();
        all().forEach(e -> assertThat(keys.add(SentimentCaptions.key(e))).as("repeated " + e).isTrue());
    }

    @Test
    void labelsFollowTheRuleAndCaptionsAndPicturesAreWellFormed() {
        all().forEach(e -> {
            assertThat(e.label()).isEqualTo(SentimentCaptions.labelOf(e.tokens(), e.glyphShapes(), e.glyphCells()));
            assertThat(e.length()).isBetween(SentimentCaptions.MIN_LEN, SentimentCaptions.MAX_LEN);
            assertThat(Arrays.stream(e.tokens()).boxed()).allSatisfy(t -> assertThat(t).isBetween(1, SentimentCaptions.VOCAB - 1));
            assertThat(Arrays.stream(e.pixels()).boxed()).allSatisfy(p -> assertThat(p).isBetween(0.0, 1.0));
            assertThat(e.glyphCells()[0]).as("first glyph in the upper row").isLessThan(SentimentCaptions.PATCHES / 2);
            assertThat(e.glyphCells()[1]).as("second glyph in the lower row").isGreaterThanOrEqualTo(SentimentCaptions.PATCHES / 2);
            assertThat(e.glyphShapes()[0]).isNotEqualTo(e.glyphShapes()[1]);
        });
    }

    @Test
    void theGlyphsAreDrawnWhereTheLayoutSays() {
        SentimentExample e = DATA.train().get(0);
        for (int i = 0; i < 2; i++) {
            int cell = e.glyphCells()[i];
            int r0 = cell / SentimentCaptions.GRID * SentimentCaptions.PATCH;
            int c0 = cell % SentimentCaptions.GRID * SentimentCaptions.PATCH;
            for (int r = 0; r < SentimentCaptions.PATCH; r++) {
                for (int c = 0; c < SentimentCaptions.PATCH; c++) {
                    boolean on = e.pixels()[(r0 + r) * SentimentCaptions.SIZE + c0 + c] > 0;
                    assertThat(on).as("glyph " + i + " pixel " + r + "," + c).isEqualTo(Glyphs.glyph(e.glyphShapes()[i], r, c));
                }
            }
        }
    }

    /** Accuracy on the test split of the majority label per key, learnt on the training split. */
    private static double lookupAccuracy(Function<SentimentExample, String> key) {
        Map<String, int[]> counts = new HashMap<>();
        for (SentimentExample e : DATA.train()) counts.computeIfAbsent(key.apply(e), k -> new int[3])[e.label()]++;
        int correct = 0;
        for (SentimentExample e : DATA.test()) {
            int[] c = counts.getOrDefault(key.apply(e), new int[3]);
            int best = 0;
            for (int i = 1; i < 3; i++) if (c[i] > c[best]) best = i;
            if (best == e.label()) correct++;
        }
        return (double) correct / DATA.test().size();
    }

    @Test
    void theCaptionAloneIsAtChance() {
        assertThat(lookupAccuracy(e -> Arrays.toString(e.tokens()))).isLessThan(0.40);
    }

    @Test
    void thePictureAloneIsAtChance() {
        assertThat(lookupAccuracy(e -> Arrays.toString(e.glyphShapes()) + Arrays.toString(e.glyphCells()))).isLessThan(0.40);
    }

    @Test
    void aBagOfWordsAndShapesWithoutPositionsFindsNeutralButNotTheFlip() {
        // everything a bag of both modalities can know that matters: the object, the adjective's polarity
        // and which shapes are in the picture (not where)
        Function<SentimentExample, String> bag = e -> {
            int[] t = e.tokens();
            int object = t[1];
            boolean positiveWord = t[t.length - 1] < SentimentCaptions.FIRST_ADJECTIVE + SentimentCaptions.ADJECTIVES / 2;
            int[] s = e.glyphShapes();
            Arrays.sort(s);
            return object + " " + positiveWord + Arrays.toString(s);
        };
        assertThat(lookupAccuracy(bag)).as("at most 1/3 + 2/3 x 1/2").isBetween(0.60, 0.72);
    }

    @Test
    void swappingTheRowsOfTheTwoGlyphsFlipsEveryNonNeutralLabel() {
        all().forEach(e -> {
            int[] cells = e.glyphCells();
            int half = SentimentCaptions.PATCHES / 2;
            int[] swappedCells = {cells[1] - half, cells[0] + half};
            int[] swappedShapes = {e.glyphShapes()[1], e.glyphShapes()[0]};
            int flipped = SentimentCaptions.labelOf(e.tokens(), swappedShapes, swappedCells);
            assertThat(flipped).as(e.toString()).isEqualTo(2 - e.label());
        });
    }

    @Test
    void wordsAndClassNamesReadBack() {
        SentimentExample e = SentimentCaptions.example(new java.util.SplittableRandom(3), SentimentCaptions.POSITIVE);
        assertThat(SentimentCaptions.word(e.tokens()[0])).isEqualTo("the");
        assertThat(SentimentCaptions.className(SentimentCaptions.NEUTRAL)).isEqualTo("neutral");
        assertThatThrownBy(() -> SentimentCaptions.example(new java.util.SplittableRandom(3), 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SentimentCaptions.word(SentimentCaptions.VOCAB)).isInstanceOf(IllegalArgumentException.class);
    }
}
