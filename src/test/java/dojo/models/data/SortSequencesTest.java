package dojo.models.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SortSequencesTest {

    private static final Split<SortSequences.Example> S = SortSequences.generate(20261206L, 529, 100, 100);

    @Test
    void theSameSeedGivesTheSameSplitsAndAnotherSeedOthers() {
        Split<SortSequences.Example> again = SortSequences.generate(20261206L, 529, 100, 100);
        assertThat(again.train()).containsExactlyElementsOf(S.train());
        assertThat(again.test()).containsExactlyElementsOf(S.test());
        assertThat(SortSequences.generate(7L, 529, 100, 100).test()).isNotEqualTo(S.test());
    }

    @Test
    void trainValidationAndTestInputsAreDisjointAndUnique() {
        Set<SortSequences.Example> all = new HashSet<>();
        all.addAll(S.train());
        all.addAll(S.validation());
        all.addAll(S.test());
        assertThat(all).hasSize(729);
    }

    @Test
    void everyTargetIsTheInputSortedWithDigitsZeroToTwo() {
        for (SortSequences.Example e : S.train()) {
            int[] in = e.input();
            int[] sorted = e.sorted();
            assertThat(in).hasSize(SortSequences.LENGTH);
            assertThat(java.util.Arrays.stream(in).allMatch(d -> d >= 0 && d < SortSequences.DIGITS)).isTrue();
            int[] copy = in.clone();
            java.util.Arrays.sort(copy);
            assertThat(sorted).containsExactly(copy);
        }
    }

    @Test
    void askingForMoreThanTheDistinctInputsIsAnError() {
        assertThatThrownBy(() -> SortSequences.generate(1, 700, 20, 10)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("729");
    }

    /** Why the model must mix tokens: the next output digit is not a function of the current token and its position. */
    @Test
    void theNextOutputIsNotDeterminedByTheCurrentTokenAndPosition() {
        Map<String, Set<Integer>> next = new HashMap<>();
        List<String> ambiguous = new ArrayList<>();
        for (SortSequences.Example e : S.train()) {
            int[] full = new int[12];
            System.arraycopy(e.input(), 0, full, 0, 6);
            System.arraycopy(e.sorted(), 0, full, 6, 6);
            for (int t = 5; t < 11; t++) next.computeIfAbsent(t + ":" + full[t], k -> new HashSet<>()).add(full[t + 1]);
        }
        next.forEach((k, v) -> {
            if (v.size() > 1) ambiguous.add(k);
        });
        // every (position, token) pair that predicts an output is ambiguous except where the token is 2 (2 is always followed by 2)
        assertThat(ambiguous).hasSizeGreaterThanOrEqualTo(10);
    }
}
