package dojo.models.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class OtherDatasetsTest {

    @Test
    void sameShapeImagesAreDeterministicBalancedAndHoldTwoGlyphs() {
        Split<ImageExample> a = SameShapeImages.generate(5, 200, 20, 40), b = SameShapeImages.generate(5, 200, 20, 40);
        for (int i = 0; i < a.train().size(); i++) assertThat(a.train().get(i).pixels()).isEqualTo(b.train().get(i).pixels());
        assertThat(a.train().stream().filter(e -> e.label() == 1).count()).isEqualTo(100);
        for (ImageExample e : a.train()) {
            int patchesWithInk = 0;
            for (int pr = 0; pr < 4; pr++) {
                for (int pc = 0; pc < 4; pc++) {
                    boolean ink = false;
                    for (int r = 0; r < 4; r++) for (int c = 0; c < 4; c++) ink |= e.pixel(pr * 4 + r, pc * 4 + c) > 0;
                    if (ink) patchesWithInk++;
                }
            }
            assertThat(patchesWithInk).isEqualTo(2);
        }
    }

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
