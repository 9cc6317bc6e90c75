package dojo.models.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class OtherDatasetsTest {

    @Test
    void sortExamplesAreSortedUniqueAndDeterministic() {
        Split<SortSequences.Example> s = SortSequences.generate(9, 500, 50, 100);
        assertThat(SortSequences.generate(9, 500, 50, 100).test()).isEqualTo(s.test());
        for (SortSequences.Example e : s.train()) {
            int[] copy = e.input();
            Arrays.sort(copy);
            assertThat(e.sorted()).isEqualTo(copy);
        }
        assertThat(new java.util.HashSet<>(s.train())).doesNotContainAnyElementsOf(s.test());
    }
}
