package dojo.models.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SameRowImagesTest {

    private static final int G = SameRowImages.GRID, P = SameRowImages.PATCH;

    /** The image cut into its 16 patches, each as a pixel vector, row-major. */
    private static double[][] patches(ImageExample e) {
        double[][] out = new double[G * G][P * P];
        for (int cell = 0; cell < G * G; cell++) {
            for (int r = 0; r < P; r++) {
                for (int c = 0; c < P; c++) out[cell][r * P + c] = e.pixel((cell / G) * P + r, (cell % G) * P + c);
            }
        }
        return out;
    }

    /** The multiset of patches: the patches sorted, their positions forgotten. */
    private static List<List<Double>> bagOfPatches(ImageExample e) {
        List<List<Double>> bag = new ArrayList<>();
        for (double[] p : patches(e)) bag.add(Arrays.stream(p).boxed().toList());
        bag.sort(Comparator.comparing(Object::toString));
        return bag;
    }

    private static Set<Integer> occupiedCells(ImageExample e) {
        Set<Integer> cells = new HashSet<>();
        double[][] p = patches(e);
        for (int i = 0; i < p.length; i++) if (Arrays.stream(p[i]).anyMatch(v -> v > 0)) cells.add(i);
        return cells;
    }

    @Test
    void theBagOfPatchesIsTheSameUnderBothLabels() {
        // coupling: two streams in the same state draw the same glyphs for label 0 and label 1; the label only
        // moves them between the drawn cells. So the multiset of patches (and the set of occupied cells) has
        // exactly the same distribution under both labels, and any function of it (a conv per patch, a ReLU, a
        // mean over patches, an MLP) gives both labels the same output: chance, by construction.
        for (long seed = 0; seed < 500; seed++) {
            ImageExample yes = SameRowImages.example(new SplittableRandom(seed), 1);
            ImageExample no = SameRowImages.example(new SplittableRandom(seed), 0);
            assertThat(bagOfPatches(yes)).as("bag of patches, seed %d", seed).isEqualTo(bagOfPatches(no));
            assertThat(occupiedCells(yes)).as("occupied cells, seed %d", seed).isEqualTo(occupiedCells(no));
            assertThat(yes.pixels()).as("the images themselves differ, seed %d", seed).isNotEqualTo(no.pixels());
        }
    }

    @Test
    void theLabelIsWhetherTheSquareAndTheDiscShareARow() {
        SplittableRandom rng = new SplittableRandom(4);
        Set<String> squareDiscColumns = new HashSet<>();
        for (int i = 0; i < 600; i++) {
            int label = i % 2;
            List<SameRowImages.Glyph> g = SameRowImages.glyphs(rng, label);
            assertThat(g).hasSize(4);
            for (int col = 0; col < 4; col++) assertThat(g.get(col).column()).isEqualTo(col);
            SameRowImages.Glyph square = null, disc = null;
            for (SameRowImages.Glyph x : g) {
                if (x.shape() == SameRowImages.SQUARE) {
                    assertThat(square).as("one square").isNull();
                    square = x;
                }
                if (x.shape() == SameRowImages.DISC) {
                    assertThat(disc).as("one disc").isNull();
                    disc = x;
                }
            }
            assertThat(square.row() == disc.row()).isEqualTo(label == 1);
            squareDiscColumns.add(square.column() + "" + disc.column());
        }
        assertThat(squareDiscColumns).as("every ordered pair of columns occurs").hasSize(12);
    }

    @Test
    void theSquaresRowAloneSaysNothingAboutTheLabel() {
        // per-patch evidence cannot add up to the answer: the square's row has (nearly) the same distribution under both labels
        SplittableRandom rng = new SplittableRandom(11);
        double[][] rowCounts = new double[2][4];
        for (int i = 0; i < 40000; i++) {
            for (SameRowImages.Glyph g : SameRowImages.glyphs(rng, i % 2)) if (g.shape() == SameRowImages.SQUARE) rowCounts[i % 2][g.row()]++;
        }
        for (int row = 0; row < 4; row++) {
            assertThat(rowCounts[1][row] / 20000).as("share of squares in row %d, same vs different", row).isCloseTo(rowCounts[0][row] / 20000, offset(0.02));
        }
    }

    @Test
    void eachGlyphFillsExactlyOnePatchOnePerColumn() {
        for (ImageExample e : SameRowImages.generate(5, 200, 0, 0).train()) {
            assertThat(occupiedCells(e)).hasSize(4);
            assertThat(occupiedCells(e).stream().map(c -> c % G).distinct().count()).as("four distinct columns").isEqualTo(4);
        }
    }

    @Test
    void splitsAreDeterministicBalancedAndDisjoint() {
        Split<ImageExample> a = SameRowImages.generate(7, 2000, 200, 400), b = SameRowImages.generate(7, 2000, 200, 400);
        for (int i = 0; i < a.train().size(); i++) assertThat(a.train().get(i).pixels()).isEqualTo(b.train().get(i).pixels());
        assertThat(a.train().stream().filter(e -> e.label() == 1).count()).isEqualTo(1000);
        assertThat(a.validation().stream().filter(e -> e.label() == 1).count()).isEqualTo(100);
        assertThat(a.test().stream().filter(e -> e.label() == 1).count()).isEqualTo(200);
        Set<String> train = new HashSet<>();
        a.train().forEach(e -> train.add(Arrays.toString(e.pixels())));
        assertThat(train).hasSize(2000);
        for (ImageExample e : a.validation()) assertThat(train).doesNotContain(Arrays.toString(e.pixels()));
        for (ImageExample e : a.test()) assertThat(train).doesNotContain(Arrays.toString(e.pixels()));
    }

    @Test
    void labelsOtherThanZeroAndOneAreRejected() {
        assertThatThrownBy(() -> SameRowImages.example(new SplittableRandom(1), 2)).hasMessageContaining("label must be 0 or 1, was 2");
    }
}
