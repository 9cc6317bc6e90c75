package dojo.bench;

import dojo.exercise.api.Attention;
import dojo.exercise.api.AttentionResult;
import dojo.exercise.api.NotImplementedYet;
import dojo.grading.CompiledTree;
import dojo.grading.ExerciseBuild;
import dojo.grading.ExerciseIndex;
import dojo.grading.ExerciseInfo;
import dojo.grading.TreeCompiler;
import java.nio.file.Path;
import java.util.List;

/**
 * The learner's own ex02 {@code ScaledDotProductAttention}, compiled from a tree (normally
 * {@code exercises/}) by the grading engine's {@link TreeCompiler}, as a bench contender.
 */
public final class LearnerAttention {
    private LearnerAttention() {}

    static final String EXERCISE = "ex02_attention";

    /** Either a contender, or why there is none (not started, does not compile, ...). */
    public record Outcome(BenchSuite.NamedAttention contender, String note, CompiledTree tree) implements AutoCloseable {
        @Override
        public void close() {
            if (tree != null) tree.close();
        }
    }

    public static Outcome load(Path projectDir, Path tree, String label) {
        ExerciseIndex index;
        try {
            index = ExerciseIndex.load(projectDir);
        } catch (RuntimeException e) {
            return new Outcome(null, "no exercise index: " + e.getMessage(), null);
        }
        ExerciseInfo info = index.find(EXERCISE).orElse(null);
        if (info == null) return new Outcome(null, EXERCISE + " is not in exercises/index.yaml", null);
        CompiledTree compiled = new TreeCompiler(projectDir, LearnerAttention.class.getClassLoader())
                .compile(tree, index, List.of(info));
        ExerciseBuild build = compiled.build(EXERCISE);
        if (!(build instanceof ExerciseBuild.Compiled c)) {
            compiled.close();
            String why = build instanceof ExerciseBuild.Failed f ? "does not compile: " + f.summary()
                    : build instanceof ExerciseBuild.Missing m ? m.reason() : String.valueOf(build);
            return new Outcome(null, "your " + EXERCISE + " " + why, null);
        }
        Attention attention;
        try {
            attention = (Attention) Class.forName(info.implementation(), true, c.loader()).getDeclaredConstructor().newInstance();
            attention.attend(new float[][] {{1f}}, new float[][] {{1f}}, new float[][] {{1f}});   // started at all?
        } catch (NotImplementedYet e) {
            compiled.close();
            return new Outcome(null, "your " + EXERCISE + " is not started yet (it throws NotImplementedYet)", null);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            compiled.close();
            return new Outcome(null, "your " + EXERCISE + " cannot be run: " + e, null);
        }
        HeadAttention head = (n, d, q, k, v) -> flat(attention.attend(rows(q, n, d), rows(k, n, d), rows(v, n, d)), n, d);
        return new Outcome(new BenchSuite.NamedAttention(label, head), null, compiled);
    }

    private static float[][] rows(float[] x, int n, int d) {
        float[][] r = new float[n][];
        for (int i = 0; i < n; i++) r[i] = java.util.Arrays.copyOfRange(x, i * d, (i + 1) * d);
        return r;
    }

    private static float[] flat(AttentionResult result, int n, int d) {
        float[][] o = result.output();
        if (o == null || o.length != n) throw new IllegalStateException("your attention returned " + (o == null ? "null" : o.length + " rows") + ", expected " + n);
        float[] f = new float[n * d];
        for (int i = 0; i < n; i++) System.arraycopy(o[i], 0, f, i * d, d);
        return f;
    }
}
