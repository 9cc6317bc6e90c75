package dojo.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import dojo.exercise.api.Attention;
import dojo.exercise.api.AttentionResult;
import dojo.exercise.api.Mask;
import dojo.exercise.api.MaskedAttention;
import dojo.exercise.api.MhaResult;
import dojo.exercise.api.MhaWeights;
import dojo.grading.CompiledTree;
import dojo.grading.ExerciseBuild;
import dojo.grading.ExerciseIndex;
import dojo.grading.ExerciseInfo;
import dojo.grading.TreeCompiler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The readable model answers in {@code solutions/} and the optimized kernels are two implementations of
 * the same maths: each is tested against its own references elsewhere, and here against each other, so
 * neither can drift. Compiled by the grading engine, as a learner's tree would be.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SolutionsAgreeWithKernelsTest {

    private CompiledTree compiled;
    private Attention attention;
    private MaskedAttention masked;
    private dojo.exercise.api.MultiHeadAttention mha;

    @BeforeAll
    void compileSolutions() throws ReflectiveOperationException {
        Path project = Path.of(System.getProperty("dojo.project.dir", ".")).toAbsolutePath().normalize();
        Path tree = project.resolve("solutions");
        Assumptions.assumeTrue(Files.isDirectory(tree.resolve("ex04_multihead")), "needs solutions/ (not in a starter repo)");
        ExerciseIndex index = ExerciseIndex.load(project);
        List<ExerciseInfo> wanted = Stream.of("ex02_attention", "ex03_masking", "ex04_multihead")
                .map(id -> index.find(id).orElseThrow()).toList();
        compiled = new TreeCompiler(project, getClass().getClassLoader()).compile(tree, index, wanted);
        attention = instance(index, "ex02_attention", Attention.class);
        masked = instance(index, "ex03_masking", MaskedAttention.class);
        mha = instance(index, "ex04_multihead", dojo.exercise.api.MultiHeadAttention.class);
    }

    @AfterAll
    void close() {
        if (compiled != null) compiled.close();
    }

    private <T> T instance(ExerciseIndex index, String id, Class<T> api) throws ReflectiveOperationException {
        ExerciseBuild build = compiled.build(id);
        assertThat(build).as("solutions/%s compiles", id).isInstanceOf(ExerciseBuild.Compiled.class);
        ClassLoader loader = ((ExerciseBuild.Compiled) build).loader();
        String cls = index.find(id).orElseThrow().implementation();
        return api.cast(Class.forName(cls, true, loader).getDeclaredConstructor().newInstance());
    }

    static Stream<Arguments> shapes() {
        // odd sizes on purpose: not multiples of the vector length or of the kernels' blocks
        return Stream.of(
                Arguments.of(1, 1, 4, 1), Arguments.of(17, 17, 16, 2), Arguments.of(33, 15, 24, 3),
                Arguments.of(15, 33, 32, 4), Arguments.of(70, 70, 64, 8));
    }

    @ParameterizedTest(name = "Lq={0} Lk={1} E={2} H={3}")
    @MethodSource("shapes")
    @DisplayName("multi-head attention: solutions/ex04 equals the kernels, with no mask, causal, key padding and both")
    void multiHeadAgrees(int lq, int lk, int e, int h) {
        SplittableRandom rnd = new SplittableRandom(31L * lq + lk + e + h);
        float[][] inW = matrix(rnd, 3 * e, e, 0.3), outW = matrix(rnd, e, e, 0.3);
        float[] inB = vector(rnd, 3 * e, 0.1), outB = vector(rnd, e, 0.1);
        float[][] query = matrix(rnd, lq, e, 1), key = matrix(rnd, lk, e, 1), value = matrix(rnd, lk, e, 1);
        boolean[] pad = new boolean[lk];
        for (int j = 0; j < lk; j++) pad[j] = j > 0 && rnd.nextInt(4) == 0;    // key 0 stays: no fully masked row
        MhaWeights w = new MhaWeights(h, inW, inB, outW, outB);
        MultiHeadAttention kernel = new MultiHeadAttention(
                new MultiHeadAttentionWeights(e, h, flat(inW), inB, flat(outW), outB), Backend.best(), Parallelism.serial());

        record Case(String name, Mask mask, AttentionMask kernelMask) {}
        List<Case> cases = new java.util.ArrayList<>(List.of(
                new Case("no mask", Mask.none(), AttentionMask.none()),
                new Case("key padding", Mask.none().withKeyPadding(pad), AttentionMask.keyPadding(new boolean[][] {pad}))));
        if (lq == lk) {
            cases.add(new Case("causal", Mask.causal(), AttentionMask.causalMask()));
            cases.add(new Case("causal + key padding", Mask.causal().withKeyPadding(pad),
                    AttentionMask.keyPadding(new boolean[][] {pad}).withCausal(true)));
        }
        for (Case c : cases) {
            MhaResult theirs = mha.forward(w, query, key, value, c.mask());
            float[] ours = kernel.forward(1, lq, lk, flat(query), flat(key), flat(value), c.kernelMask());
            assertClose(flat(theirs.output()), ours, 2e-5, "MHA output, " + c.name());
        }
    }

    @ParameterizedTest(name = "Lq={0} Lk={1} d={2}")
    @MethodSource("shapes")
    @DisplayName("single-head attention: solutions/ex02 and ex03 equal the fused kernel")
    void singleHeadAgrees(int lq, int lk, int d, int ignored) {
        SplittableRandom rnd = new SplittableRandom(7L * lq + lk + d);
        float[][] q = matrix(rnd, lq, d, 1), k = matrix(rnd, lk, d, 1), v = matrix(rnd, lk, d + 3, 1);
        FusedAttention fused = new FusedAttention(Backend.best(), Parallelism.serial());
        float[] ours = fused.attend(lq, lk, d, d + 3, flat(q), flat(k), flat(v), AttentionMask.none());
        AttentionResult plain = attention.attend(q, k, v);
        assertClose(flat(plain.output()), ours, 2e-5, "ex02 output");
        if (lq == lk) {
            float[] causal = fused.attend(lq, lk, d, d + 3, flat(q), flat(k), flat(v), AttentionMask.causalMask());
            assertClose(flat(masked.attend(q, k, v, Mask.causal()).output()), causal, 2e-5, "ex03 causal output");
        }
    }

    private static void assertClose(float[] actual, float[] expected, double tol, String what) {
        assertThat(actual).as(what + ": length").hasSameSizeAs(expected);
        double worst = 0;
        int at = -1;
        for (int i = 0; i < actual.length; i++) {
            double err = Math.abs(actual[i] - expected[i]) / (1 + Math.abs(expected[i]));
            if (!(err <= worst)) {
                worst = err;
                at = i;
            }
        }
        assertThat(worst).as("%s: worst relative error at flat index %d", what, at).isLessThanOrEqualTo(tol);
    }

    private static float[][] matrix(SplittableRandom rnd, int rows, int cols, double scale) {
        float[][] m = new float[rows][cols];
        for (float[] r : m) for (int j = 0; j < cols; j++) r[j] = (float) ((rnd.nextDouble() * 2 - 1) * scale);
        return m;
    }

    private static float[] vector(SplittableRandom rnd, int n, double scale) {
        float[] v = new float[n];
        for (int j = 0; j < n; j++) v[j] = (float) ((rnd.nextDouble() * 2 - 1) * scale);
        return v;
    }

    private static float[] flat(float[][] m) {
        int cols = m.length == 0 ? 0 : m[0].length;
        float[] f = new float[m.length * cols];
        for (int i = 0; i < m.length; i++) System.arraycopy(m[i], 0, f, i * cols, cols);
        return f;
    }
}
