package exercises.ex05_fix_seed;

import static dojo.grading.assertions.TensorAssert.hidden;
import static exercises.ex02_attention.ReferenceAttention.random;
import static exercises.ex02_attention.ReferenceAttention.randomVector;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dojo.exercise.api.Mask;
import dojo.exercise.api.MhaWeights;
import dojo.exercise.api.SeedSelfAttention;
import dojo.exercise.api.SeedWeights;
import dojo.grading.assertions.LikelyCause;
import dojo.grading.assertions.Tolerance;
import dojo.grading.junit.ExerciseSuite;
import dojo.grading.junit.Hidden;
import dojo.grading.junit.Task;
import dojo.io.Safetensors;
import exercises.ex02_attention.GoldenFixture;
import exercises.ex02_attention.ReferenceAttention;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hidden suite of ex05, one group per bug of the seed's SelfAttention. Each group is blind to the other
 * two bugs: layer sizes are checked by shape only; the head split by properties that hold whatever the
 * scale; the scaling on inputs built so that attention over heads and over positions give the same
 * answer. The last group checks the whole module against PyTorch and the reference. Messages name the
 * property, never expected numbers.
 */
@ExerciseSuite("ex05_fix_seed")
@Hidden
@DisplayName("ex05 fix the original interview document's SelfAttention (hidden)")
class SeedFixHiddenTest {
    private static final Tolerance TOL = Tolerance.of(3e-5, 3e-4);

    static SeedWeights randomSeedWeights(long seed, int e, int heads, int outIn) {
        double s = 1 / Math.sqrt(e);
        return new SeedWeights(heads, random(seed, e, e, s), randomVector(seed + 1, e, 0.3),
                random(seed + 2, e, e, s), randomVector(seed + 3, e, 0.3),
                random(seed + 4, e, e, s), randomVector(seed + 5, e, 0.3),
                random(seed + 6, e, outIn, s), randomVector(seed + 7, e, 0.3));
    }

    /** Per head h over positions, scaled by scale: the attention core done right (scale aside). */
    static float[][] attendReference(float[][] q, float[][] k, float[][] v, int heads, double scale) {
        int e = q[0].length;
        int d = e / heads;
        float[][] out = new float[q.length][e];
        double fix = scale * Math.sqrt(d);
        for (int h = 0; h < heads; h++) {
            float[][] qh = ReferenceAttention.columns(q, h * d, d);
            for (float[] row : qh) {
                for (int c = 0; c < d; c++) {
                    row[c] = (float) (row[c] * fix);
                }
            }
            float[][] o = ReferenceAttention.attention(qh, ReferenceAttention.columns(k, h * d, d),
                    ReferenceAttention.columns(v, h * d, d))[0];
            for (int i = 0; i < q.length; i++) {
                System.arraycopy(o[i], 0, out[i], h * d, d);
            }
        }
        return out;
    }

    @Nested
    @DisplayName("bug 1: the output layer size")
    class LayerSize {

        @Test
        @Task(1)
        @DisplayName("out_linear's in_features equal embed_size for every head count")
        void inFeatures(SeedSelfAttention module) {
            int[][] cases = {{4, 1}, {8, 2}, {12, 3}, {16, 4}, {6, 6}, {64, 8}};
            for (int[] c : cases) {
                assertThat(module.outputProjectionInFeatures(c[0], c[1]))
                        .as("in_features of out_linear for embed_size = %d, heads = %d (width of the concatenated heads)", c[0], c[1])
                        .isEqualTo(c[0]);
            }
        }

        @Test
        @Task(1)
        @DisplayName("forward accepts [E x E] output weights and returns [L x E] for 1, 2, 3 and 6 heads")
        void forwardShapes(SeedSelfAttention module) {
            for (int h : new int[] {1, 2, 3, 6}) {
                float[][] out = module.forward(randomSeedWeights(10 + h, 6, h, 6), random(20 + h, 4, 6, 1.0));
                hidden(out).named("forward output with E = 6, H = " + h + ", 4 tokens").hasShape(4, 6).isFinite();
            }
        }
    }

    @Nested
    @DisplayName("bug 2: attention runs over positions, within each head")
    class Heads {

        @Test
        @Task(2)
        @DisplayName("every output position depends on the keys and values of the other positions (H = 1, 2, 3)")
        void positionsMix(SeedSelfAttention module) {
            for (int h : new int[] {1, 2, 3}) {
                float[][] q = random(30 + h, 4, 6, 1.0);
                float[][] k = random(40 + h, 4, 6, 1.0);
                float[][] v = random(50 + h, 4, 6, 1.0);
                float[][] base = module.attend(q, k, v, h);
                for (int changed = 0; changed < 4; changed++) {
                    float[][] k2 = ReferenceAttention.copy(k);
                    float[][] v2 = ReferenceAttention.copy(v);
                    k2[changed] = random(60 + changed, 1, 6, 2.0)[0];
                    v2[changed] = random(70 + changed, 1, 6, 2.0)[0];
                    float[][] after = module.attend(q, k2, v2, h);
                    int other = (changed + 1) % 4;
                    // a boolean, so the message names the property and the positions, never the output values
                    assertThat(java.util.Arrays.equals(after[other], base[other])).as("attend output at position %d did not "
                            + "change after changing the key and value of position %d (H = %d): attention must mix "
                            + "information across positions", other, changed, h)
                            .isFalse();
                }
            }
        }

        @Test
        @Task(2)
        @DisplayName("a head reads only its own columns: changing head g's keys and values leaves the other heads' outputs alone")
        void headsAreIsolated(SeedSelfAttention module) {
            int heads = 3;
            int d = 2;
            float[][] q = random(80, 5, 6, 1.0);
            float[][] k = random(81, 5, 6, 1.0);
            float[][] v = random(82, 5, 6, 1.0);
            float[][] base = module.attend(q, k, v, heads);
            float[][] k2 = ReferenceAttention.copy(k);
            float[][] v2 = ReferenceAttention.copy(v);
            for (int i = 0; i < 5; i++) { // change head 1's columns [2, 4) of k and v
                k2[i][2] += 1.5f;
                k2[i][3] -= 2f;
                v2[i][2] += 3f;
                v2[i][3] -= 1f;
            }
            float[][] after = module.attend(q, k2, v2, heads);
            hidden(new float[][] {cols(after, 0, d)[0], cols(after, 4, d)[0]})
                    .named("outputs of heads 0 and 2 at position 0 after changing only head 1's keys and values (must not change)")
                    .isCloseTo(new float[][] {cols(base, 0, d)[0], cols(base, 4, d)[0]}, Tolerance.of(1e-6, 1e-5));
        }

        private float[][] cols(float[][] m, int from, int n) {
            return ReferenceAttention.columns(m, from, n);
        }

        @Test
        @Task(2)
        @DisplayName("when all positions have the same key, every output row is the average of the value rows")
        void identicalKeysAverageOverPositions(SeedSelfAttention module) {
            float[] key = {0.5f, -1f, 2f, 0.25f};
            float[][] k = {key, key, key};
            float[][] v = random(90, 3, 4, 1.0);
            float[] mean = new float[4];
            for (float[] row : v) {
                for (int c = 0; c < 4; c++) {
                    mean[c] += row[c] / 3;
                }
            }
            hidden(module.attend(random(91, 3, 4, 1.0), k, v, 2))
                    .named("attend output with identical keys at every position (each row must be the mean over positions)")
                    .hasShape(3, 4).isCloseTo(new float[][] {mean, mean, mean}, TOL);
        }
    }

    @Nested
    @DisplayName("bug 3: the scores are divided by sqrt(head_dim)")
    class Scaling {

        /**
         * Keys and values whose head blocks rotate with the position (block h of row j is block (j + h) mod H of a
         * fixed list): every query then sees the same set of (key, value) blocks over positions as over heads, so
         * a wrong head split gives the same result and only the scale shows.
         */
        @Test
        @Task(3)
        @DisplayName("scores are scaled by 1/sqrt(head_dim) (checked for H = 2, 3, 4 on inputs where the head split cannot matter)")
        void scaledByHeadDim(SeedSelfAttention module) {
            int[][] cases = {{2, 3}, {3, 2}, {4, 4}};
            long seed = 100;
            for (int[] c : cases) {
                int heads = c[0];
                int d = c[1];
                int e = heads * d;
                float[][] kb = random(seed++, heads, d, 1.5);
                float[][] vb = random(seed++, heads, d, 1.0);
                float[][] k = new float[heads][e];
                float[][] v = new float[heads][e];
                for (int j = 0; j < heads; j++) {
                    for (int h = 0; h < heads; h++) {
                        System.arraycopy(kb[(j + h) % heads], 0, k[j], h * d, d);
                        System.arraycopy(vb[(j + h) % heads], 0, v[j], h * d, d);
                    }
                }
                float[][] q = random(seed++, heads, e, 1.5);
                float[] unscaled = ReferenceAttention.flat(attendReference(q, k, v, heads, 1.0));
                float[] byE = ReferenceAttention.flat(attendReference(q, k, v, heads, 1 / Math.sqrt(e)));
                hidden(module.attend(q, k, v, heads)).named("attend output, H = " + heads + ", head_dim = " + d)
                        .withLikelyCauses(
                                LikelyCause.when((a, x) -> ReferenceAttention.close(a, unscaled, 3e-5, 3e-4),
                                        "matches attention without the 1/sqrt(d_k) scaling"),
                                LikelyCause.when((a, x) -> ReferenceAttention.close(a, byE, 3e-5, 3e-4),
                                        "matches scores divided by sqrt(embed_size); d_k is head_dim = embed_size / heads"))
                        .hasShape(heads, e).isFinite().isCloseTo(attendReference(q, k, v, heads, 1 / Math.sqrt(d)), TOL);
            }
        }
    }

    @Nested
    @DisplayName("all three fixed: the module equals nn.MultiheadAttention")
    class AllFixed {

        static List<String> goldenCases() {
            return GoldenFixture.cases(GoldenFixture.load("ex05_fix_seed", "seed.safetensors"));
        }

        @ParameterizedTest(name = "forward matches PyTorch on golden case {0}")
        @MethodSource("goldenCases")
        @Task(4)
        void matchesPyTorch(String c, SeedSelfAttention module) {
            Safetensors st = GoldenFixture.load("ex05_fix_seed", "seed.safetensors");
            float[][] expected = st.matrix(c + ".output");
            hidden(module.forward(GoldenFixture.seedWeights(st, c), st.matrix(c + ".x")))
                    .named("forward output vs PyTorch, case " + c).hasShape(expected.length, expected[0].length)
                    .isFinite().isCloseTo(expected, TOL);
        }

        @Test
        @Task(4)
        @DisplayName("forward equals the reference multi-head attention with in_proj = (Wq; Wk; Wv) for several sizes")
        void matchesReference(SeedSelfAttention module) {
            int[][] cases = {{8, 2, 6}, {12, 4, 3}, {6, 1, 5}, {6, 6, 4}, {16, 2, 1}};
            long seed = 500;
            for (int[] c : cases) {
                SeedWeights w = randomSeedWeights(seed, c[0], c[1], c[0]);
                seed += 10;
                float[][] x = random(seed++, c[2], c[0], 1.0);
                MhaWeights mw = MhaWeights.fromSeparate(c[1], w.queryWeight(), w.queryBias(), w.keyWeight(), w.keyBias(),
                        w.valueWeight(), w.valueBias(), w.outWeight(), w.outBias());
                hidden(module.forward(w, x)).named("forward output, E = " + c[0] + ", H = " + c[1] + ", " + c[2] + " tokens")
                        .hasShape(c[2], c[0]).isFinite().isCloseTo(ReferenceAttention.mha(mw, x, x, x, Mask.none()).output(), TOL);
            }
        }

        @Test
        @Task(4)
        @DisplayName("output weights of the seed's size (heads * E inputs) are rejected with IllegalArgumentException")
        void seedSizedOutputWeightsRejected(SeedSelfAttention module) {
            assertThatThrownBy(() -> module.forward(randomSeedWeights(600, 8, 2, 16), random(601, 3, 8, 1.0)))
                    .as("forward with out_linear.weight [8 x 16] for E = 8, H = 2").isInstanceOf(IllegalArgumentException.class);
        }
    }
}
