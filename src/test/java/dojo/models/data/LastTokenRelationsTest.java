package dojo.models.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class LastTokenRelationsTest {

    private static final Split<MultiTaskExample> DATA = LastTokenRelations.generate(7, 600, 120, 300);

    @Test
    @DisplayName("the same seed gives the same splits, another seed other ones")
    void theSameSeedGivesTheSameSplitsAndAnotherSeedDoesNot() {
        Split<MultiTaskExample> again = LastTokenRelations.generate(7, 600, 120, 300);
        assertThat(again.train()).isEqualTo(DATA.train());
        assertThat(again.validation()).isEqualTo(DATA.validation());
        assertThat(again.test()).isEqualTo(DATA.test());
        assertThat(LastTokenRelations.generate(8, 600, 120, 300).train()).isNotEqualTo(DATA.train());
    }

    @Test
    @DisplayName("every split of a multiple of 12 is exactly balanced in both tasks: A half and half, B a third each")
    void everySplitIsExactlyBalancedInBothTasks() {
        for (List<MultiTaskExample> part : List.of(DATA.train(), DATA.validation(), DATA.test())) {
            assertThat(part.stream().filter(e -> e.labelA() == 1).count()).isEqualTo(part.size() / 2);
            for (int b = 0; b < 3; b++) {
                int cls = b;
                assertThat(part.stream().filter(e -> e.labelB() == cls).count()).as("task B class %d", b).isEqualTo(part.size() / 3);
            }
        }
    }

    @Test
    @DisplayName("labels follow their definitions; lengths and token ids are in range")
    void labelsFollowTheDefinitionsAndTokensAreInRange() {
        Stream.of(DATA.train(), DATA.validation(), DATA.test()).flatMap(List::stream).forEach(e -> {
            assertThat(e.labelA()).as("task A of %s", e).isEqualTo(LastTokenRelations.labelAOf(e.tokens()));
            assertThat(e.labelB()).as("task B of %s", e).isEqualTo(LastTokenRelations.labelBOf(e.tokens()));
            assertThat(e.length()).isBetween(LastTokenRelations.MIN_LEN, LastTokenRelations.MAX_LEN);
            assertThat(Arrays.stream(e.tokens()).boxed()).allSatisfy(t -> assertThat(t).isBetween(1, LastTokenRelations.TYPES));
        });
    }

    @Test
    @DisplayName("the definitions: A asks whether the last token occurs earlier, B compares the last token with the first")
    void definitionsOnWorkedExamples() {
        assertThat(LastTokenRelations.labelAOf(new int[] {3, 5, 7, 5})).isEqualTo(1);
        assertThat(LastTokenRelations.labelAOf(new int[] {3, 5, 7, 9})).isZero();
        assertThat(LastTokenRelations.labelBOf(new int[] {3, 5, 7, 2})).isEqualTo(LastTokenRelations.SMALLER);
        assertThat(LastTokenRelations.labelBOf(new int[] {3, 5, 7, 3})).isEqualTo(LastTokenRelations.EQUAL);
        assertThat(LastTokenRelations.labelBOf(new int[] {3, 5, 7, 9})).isEqualTo(LastTokenRelations.LARGER);
    }

    @Test
    @DisplayName("no sequence appears in two splits")
    void noSequenceIsSharedBetweenSplits() {
        Set<List<Integer>> all = new HashSet<>();
        Stream.of(DATA.train(), DATA.validation(), DATA.test()).flatMap(List::stream)
                .forEach(e -> all.add(Arrays.stream(e.tokens()).boxed().toList()));
        assertThat(all).hasSize(1020);
    }

    @Test
    @DisplayName("'equal but never earlier' cannot exist and is refused")
    void equalWithoutRepeatIsRefused() {
        assertThatThrownBy(() -> LastTokenRelations.example(new SplittableRandom(1), 0, LastTokenRelations.EQUAL))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * The property that makes attention necessary: the multiset of tokens is drawn before the labels are used,
     * so every bag-of-tokens statistic has the same distribution under every label. Checked on the mean count
     * of each token type, the fraction of distinct types and the largest and smallest token, per class of each task.
     */
    @Test
    @DisplayName("token counts carry no information about either task (per-type counts, distinct types, max and min agree across classes)")
    void tokenCountsCarryNoInformationAboutEitherTask() {
        Split<MultiTaskExample> big = LastTokenRelations.generate(3, 24000, 0, 0);
        for (int task = 0; task < 2; task++) {
            int classes = task == 0 ? 2 : 3;
            double[][] stats = new double[classes][LastTokenRelations.TYPES + 3];
            int[] n = new int[classes];
            for (MultiTaskExample e : big.train()) {
                int c = task == 0 ? e.labelA() : e.labelB();
                n[c]++;
                int[] t = e.tokens();
                for (int v : t) stats[c][v - 1] += 1.0 / t.length;
                stats[c][LastTokenRelations.TYPES] += Arrays.stream(t).distinct().count() / (double) t.length;
                stats[c][LastTokenRelations.TYPES + 1] += Arrays.stream(t).max().orElseThrow();
                stats[c][LastTokenRelations.TYPES + 2] += Arrays.stream(t).min().orElseThrow();
            }
            for (int c = 1; c < classes; c++) {
                for (int s = 0; s < stats[c].length; s++) {
                    double tolerance = s < LastTokenRelations.TYPES + 1 ? 0.01 : 0.1;   // fractions vs token ids
                    assertThat(stats[c][s] / n[c]).as("task %s class %d statistic %d vs class 0", task == 0 ? "A" : "B", c, s)
                            .isCloseTo(stats[0][s] / n[0], offset(tolerance));
                }
            }
        }
    }
}
