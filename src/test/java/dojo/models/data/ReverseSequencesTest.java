package dojo.models.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReverseSequencesTest {

    private static final long SEED = 20261206L;
    private static final int[] PINNED = {5, 4, 1, 8, 6, 3, 9, 5};
    private static final Split<ReverseSequences.Example> S = ReverseSequences.generate(SEED, 10_000, 500, 1_000);

    @Test
    void theSameSeedGivesTheSameSplitsAndAnotherSeedOthers() {
        Split<ReverseSequences.Example> again = ReverseSequences.generate(SEED, 10_000, 500, 1_000);
        assertThat(again.train()).containsExactlyElementsOf(S.train());
        assertThat(again.validation()).containsExactlyElementsOf(S.validation());
        assertThat(again.test()).containsExactlyElementsOf(S.test());
        assertThat(ReverseSequences.generate(7L, 10_000, 500, 1_000).test()).isNotEqualTo(S.test());
    }

    @Test
    void theSplitSizesAndTheFirstTestInputArePinned() {
        // pinned: a changed generator would silently move every measured number of docs/models/ex14_text_generator.md
        assertThat(S.test()).hasSize(1_000);
        assertThat(S.test().get(0).input()).containsExactly(PINNED);
        assertThat(S.train()).hasSize(10_000);
        assertThat(S.validation()).hasSize(500);
    }

    @Test
    void trainValidationAndTestInputsAreDisjointAndUnique() {
        Set<ReverseSequences.Example> all = new HashSet<>();
        all.addAll(S.train());
        all.addAll(S.validation());
        all.addAll(S.test());
        assertThat(all).hasSize(10_000 + 500 + 1_000);
    }

    @Test
    void everyTargetIsTheInputReversedWithDigitsZeroToNine() {
        for (ReverseSequences.Example e : S.train()) {
            int[] in = e.input();
            int[] out = e.reversed();
            assertThat(in).hasSize(ReverseSequences.LENGTH);
            assertThat(Arrays.stream(in).allMatch(d -> d >= 0 && d < ReverseSequences.DIGITS)).isTrue();
            for (int i = 0; i < in.length; i++) assertThat(out[i]).isEqualTo(in[in.length - 1 - i]);
        }
        assertThat(ReverseSequences.of(3, 1, 4, 1, 5, 9, 2, 6).reversed()).containsExactly(6, 2, 9, 5, 1, 4, 1, 3);
    }

    @Test
    void everyDigitAppearsAtEveryPositionOfTheTrainingSet() {
        int[][] seen = new int[ReverseSequences.LENGTH][ReverseSequences.DIGITS];
        for (ReverseSequences.Example e : S.train()) {
            int[] in = e.input();
            for (int i = 0; i < in.length; i++) seen[i][in[i]]++;
        }
        for (int[] position : seen) for (int count : position) assertThat(count).isBetween(850, 1150);
    }

    @Test
    void aWrongInputIsRejected() {
        assertThatThrownBy(() -> ReverseSequences.of(1, 2, 3)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("8 digits");
        assertThatThrownBy(() -> ReverseSequences.of(1, 2, 3, 4, 5, 6, 7, 10)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("digit 10");
    }

    /**
     * Why attention: two inputs with the same digits in another order reach step 2 of the generation with the same
     * current token, the same position and the same bag of past tokens, and must emit different digits; a uniform
     * causal mean of token + position embeddings sees exactly (current token, position, bag), so it is wrong on one of them.
     */
    @Test
    void twoInputsWithTheSameBagOfPastTokensNeedDifferentNextOutputs() {
        int step = 2;                                         // the decoder has read the 8 inputs and the outputs 7, 6
        ReverseSequences.Example c = ReverseSequences.of(0, 1, 2, 3, 4, 5, 6, 7);
        ReverseSequences.Example d = ReverseSequences.of(0, 1, 2, 3, 5, 4, 6, 7);
        List<Integer> pastC = past(c, step), pastD = past(d, step);
        assertThat(pastC.get(pastC.size() - 1)).isEqualTo(pastD.get(pastD.size() - 1)).isEqualTo(6);   // same current token
        assertThat(sorted(pastC)).isEqualTo(sorted(pastD));                                            // same bag of past tokens
        assertThat(c.reversed()[step]).isEqualTo(5);
        assertThat(d.reversed()[step]).isEqualTo(4);                                                   // different next output
    }

    @Test
    void theBestAnyFunctionOfTokenPositionAndBagCanDoOnTheTestSplitIsBelowOnePercent() {
        // distinct digits: 1 / 7! orders of the 7 digits before the last; a repeated digit doubles the chance
        assertThat(ReverseSequences.bestBagGuessExactMatch(List.of(ReverseSequences.of(0, 1, 2, 3, 4, 5, 6, 7)))).isEqualTo(1.0 / 5040);
        assertThat(ReverseSequences.bestBagGuessExactMatch(List.of(ReverseSequences.of(0, 0, 2, 3, 4, 5, 6, 7)))).isEqualTo(2.0 / 5040);
        assertThat(ReverseSequences.bestBagGuessExactMatch(List.of(ReverseSequences.of(1, 1, 1, 1, 1, 1, 1, 9)))).isEqualTo(1.0);
        assertThat(ReverseSequences.bestBagGuessExactMatch(S.test())).isLessThan(0.01);
    }

    /** The tokens a decoder has read before emitting output {@code step}: the input, then the outputs 0..step-1. */
    private static List<Integer> past(ReverseSequences.Example e, int step) {
        List<Integer> out = new ArrayList<>();
        for (int d : e.input()) out.add(d);
        for (int j = 0; j < step; j++) out.add(e.reversed()[j]);
        return out;
    }

    private static List<Integer> sorted(List<Integer> xs) {
        List<Integer> s = new ArrayList<>(xs);
        s.sort(null);
        return s;
    }
}
