package dojo.models.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class LastTokenRepeatsTest {

    private static final Split<TextExample> DATA = LastTokenRepeats.generate(7, 600, 100, 300);

    @Test
    void theSameSeedGivesTheSameSplitsAndAnotherSeedDoesNot() {
        Split<TextExample> again = LastTokenRepeats.generate(7, 600, 100, 300);
        assertThat(again.train()).isEqualTo(DATA.train());
        assertThat(again.validation()).isEqualTo(DATA.validation());
        assertThat(again.test()).isEqualTo(DATA.test());
        assertThat(LastTokenRepeats.generate(8, 600, 100, 300).train()).isNotEqualTo(DATA.train());
    }

    @Test
    void everySplitIsExactlyBalanced() {
        for (List<TextExample> part : List.of(DATA.train(), DATA.validation(), DATA.test())) {
            assertThat(part.stream().filter(e -> e.label() == 1).count()).isEqualTo(part.size() / 2);
        }
    }

    @Test
    void labelsFollowTheDefinitionAndTokensAreInRange() {
        Stream.of(DATA.train(), DATA.validation(), DATA.test()).flatMap(List::stream).forEach(e -> {
            assertThat(e.label()).isEqualTo(LastTokenRepeats.labelOf(e.tokens()));
            assertThat(e.length()).isBetween(LastTokenRepeats.MIN_LEN, LastTokenRepeats.MAX_LEN);
            assertThat(Arrays.stream(e.tokens()).boxed()).allSatisfy(t -> assertThat(t).isBetween(1, LastTokenRepeats.TYPES));
        });
    }

    @Test
    void noSequenceIsSharedBetweenSplits() {
        Set<TextExample> all = new HashSet<>();
        Stream.of(DATA.train(), DATA.validation(), DATA.test()).flatMap(List::stream).forEach(all::add);
        assertThat(all).hasSize(1000);
    }

    @Test
    void tokenCountsCarryNoInformationAboutTheLabel() {
        // the number of distinct types and of repeated occurrences has the same mean under both labels
        Split<TextExample> big = LastTokenRepeats.generate(3, 20000, 0, 0);
        double[] distinct = new double[2];
        for (TextExample e : big.train()) distinct[e.label()] += Arrays.stream(e.tokens()).distinct().count() / (double) e.length();
        assertThat(distinct[1] / 10000).isCloseTo(distinct[0] / 10000, offset(0.01));
    }
}
