package dojo.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dojo.exercise.api.CaptionImageBatch;
import dojo.exercise.api.MultimodalClassifierModel;
import dojo.models.data.CaptionedImage;
import dojo.models.data.GlyphCaptions;
import dojo.models.data.Split;
import dojo.tensor.Autograd;
import dojo.tensor.Tensor;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class MultimodalClassifierExperimentTest {

    private final MultimodalClassifierExperiment experiment = new MultimodalClassifierExperiment();

    @Test
    void isRegisteredAsMultimodalClassifierForExercise13() {
        assertThat(ExperimentCatalog.standard().find("multimodal-classifier")).containsInstanceOf(MultimodalClassifierExperiment.class);
        assertThat(experiment.exerciseId()).isEqualTo("ex13_multimodal_classifier");
        assertThat(experiment.metricName()).isEqualTo("accuracy");
        assertThat(experiment.target()).isEqualTo(0.95);
        assertThat(experiment.defaultConfig().target()).isGreaterThan(experiment.target());
    }

    @Test
    void positionLabelsNameTheCaptionWordsThenEveryCellAndItsGlyph() {
        CaptionedImage e = GlyphCaptions.generate(5, 4, 4, 4).train().get(0);
        List<String> labels = MultimodalClassifierExperiment.positionLabels(e);
        assertThat(labels).hasSize(e.length() + 9);
        assertThat(String.join(" ", labels.subList(0, e.length()))).isEqualTo(GlyphCaptions.describe(e.tokens()));
        assertThat(labels.get(e.length())).startsWith("r0c0 ");
        assertThat(labels.subList(e.length(), labels.size()).stream().filter(l -> !l.endsWith(" -"))).hasSize(3);
    }

    @Test
    void buildRejectsAnImplementationOfAnotherExercise() {
        assertThatThrownBy(() -> experiment.build("not an exercise", 1L)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("MultimodalClassifierExercise").hasMessageContaining("java.lang.String");
    }

    @Test
    void trainRejectsAModelOfAnotherTask() {
        assertThatThrownBy(() -> experiment.train(new dojo.nn.Linear(2, 2, new dojo.tensor.Generator(1)), experiment.defaultConfig(),
                Clock.systemUTC(), TrainListener.NONE)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Linear");
    }

    /**
     * The bag baseline sees, for the two members of a minimal pair, the same multiset of (content + position)
     * vectors: whatever its weights, it gives them the same logits, so it is right on exactly half.
     */
    @Test
    void theBagBaselineGivesBothMembersOfEveryMinimalPairTheSameLogitsWhateverItsWeights() {
        List<CaptionedImage> test = GlyphCaptions.generate(11, 4, 4, 200).test();
        for (long seed = 1; seed <= 3; seed++) {
            MultimodalClassifierModel base = (MultimodalClassifierModel) experiment.buildBaseline(seed);
            int pairs = 0;
            try (var off = Autograd.noGrad()) {
                assertThat(new CaptionMatching(base).metric(test)).as("baseline accuracy, seed %d", seed).isEqualTo(0.5);
                for (int i = 0; i < test.size(); i++) {
                    for (int j = i + 1; j < test.size(); j++) {
                        CaptionedImage a = test.get(i), b = test.get(j);
                        if (a.label() != b.label() && sameBag(a, b)) {
                            Tensor la = base.forward(CaptionMatching.batch(List.of(a), GlyphCaptions.MAX_TEXT));
                            Tensor lb = base.forward(CaptionMatching.batch(List.of(b), GlyphCaptions.MAX_TEXT));
                            assertThat(la.maxAbsDiff(lb)).as("logits of a minimal pair").isLessThan(1e-12);
                            pairs++;
                        }
                    }
                }
            }
            assertThat(pairs).as("minimal pairs found in the test split").isGreaterThanOrEqualTo(test.size() / 2);
        }
    }

    private static boolean sameBag(CaptionedImage a, CaptionedImage b) {
        int[] ta = a.tokens(), tb = b.tokens();
        java.util.Arrays.sort(ta);
        java.util.Arrays.sort(tb);
        return java.util.Arrays.equals(ta, tb) && patches(a).equals(patches(b));
    }

    /** The multiset of 4x4 patches of an image, as sorted strings. */
    private static List<String> patches(CaptionedImage e) {
        List<String> out = new java.util.ArrayList<>();
        int g = GlyphCaptions.GRID, c = GlyphCaptions.CELL;
        for (int cell = 0; cell < g * g; cell++) {
            double[] p = new double[c * c];
            for (int r = 0; r < c; r++) {
                for (int col = 0; col < c; col++) p[r * c + col] = e.pixel((cell / g) * c + r, (cell % g) * c + col);
            }
            out.add(java.util.Arrays.toString(p));
        }
        out.sort(null);
        return out;
    }

    @Test
    void batchesPadCaptionsOnTheRightAndStackImages() {
        Split<CaptionedImage> d = GlyphCaptions.generate(3, 8, 4, 4);
        CaptionImageBatch b = CaptionMatching.batch(d.train());
        int l = b.text().length();
        assertThat(l).isEqualTo(d.train().stream().mapToInt(CaptionedImage::length).max().orElseThrow());
        assertThat(b.images().shape()).containsExactly(d.train().size(), 1, GlyphCaptions.SIZE, GlyphCaptions.SIZE);
        for (int i = 0; i < d.train().size(); i++) {
            int[] t = d.train().get(i).tokens();
            for (int j = 0; j < l; j++) assertThat(b.text().ids()[i * l + j]).isEqualTo(j < t.length ? t[j] : 0);
            assertThat(b.labels()[i]).isEqualTo(d.train().get(i).label());
        }
        assertThatThrownBy(() -> CaptionMatching.batch(d.train(), 1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not fit");
    }

    /** The full recipe (about half a minute of CPU): excluded from mvn test; run with -Ddojo.test.excludedGroups= -Dgroups=training. */
    @Test
    @Tag("training")
    void theReferenceReachesTheTargetAndTheBaselineStaysAtChance() {
        try (var impl = SolutionModels.load(experiment.exerciseId())) {
            TrainResult ref = experiment.train(experiment.build(impl.implementation(), 1L), experiment.defaultConfig(), Clock.systemUTC(),
                    TrainListener.NONE);
            assertThat(ref.test()).isGreaterThanOrEqualTo(experiment.target());
        }
        TrainResult base = experiment.train(experiment.buildBaseline(1L), experiment.defaultConfig().withoutEarlyExit().withSteps(300),
                Clock.systemUTC(), TrainListener.NONE);
        assertThat(base.test()).isEqualTo(0.5);
    }
}
