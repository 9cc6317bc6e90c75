package dojo.models;

import dojo.exercise.api.NotImplementedYet;
import dojo.grading.CompiledTree;
import dojo.grading.ExerciseBuild;
import dojo.grading.ExerciseIndex;
import dojo.grading.ExerciseInfo;
import dojo.grading.TreeCompiler;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Loads an exercise implementation (the class named {@code implementation:} in {@code exercises/index.yaml})
 * from a source tree, compiled by the grading engine's {@link TreeCompiler}: the model {@code dojo train}
 * trains is the learner's own ({@code exercises/}) or the reference ({@code solutions/}).
 */
public final class ExerciseModels {

    private ExerciseModels() {
    }

    /** A loaded implementation; closing it releases the tree's class loaders. */
    public record Loaded(Object implementation, CompiledTree tree) implements AutoCloseable {
        @Override
        public void close() {
            tree.close();
        }
    }

    /** Why no implementation could be loaded, in one line for the learner. */
    public static final class NotLoadable extends RuntimeException {
        public NotLoadable(String message) {
            super(message);
        }
    }

    /**
     * @param treeName {@code solutions}, {@code exercises}, or a path to another tree (a submission)
     * @throws NotLoadable when the tree has no such exercise, does not compile, or the class cannot be made
     */
    public static Loaded fromTree(Path projectDir, String treeName, String exerciseId) {
        ExerciseIndex index = ExerciseIndex.load(projectDir);
        ExerciseInfo info = index.find(exerciseId).orElseThrow(() -> new NotLoadable(
                exerciseId + " is not in " + ExerciseIndex.RELATIVE_PATH));
        Path tree = projectDir.resolve(treeName);
        if (!Files.isDirectory(tree)) throw new NotLoadable(tree + ": no such directory");
        CompiledTree compiled = new TreeCompiler(projectDir, ExerciseModels.class.getClassLoader())
                .compile(tree, index, List.of(info));
        ExerciseBuild build = compiled.build(exerciseId);
        if (!(build instanceof ExerciseBuild.Compiled c)) {
            compiled.close();
            if (build instanceof ExerciseBuild.Failed f) {
                throw new NotLoadable(exerciseId + " in " + treeName + "/ does not compile: " + f.summary()
                        + (f.diagnostics().isEmpty() ? "" : System.lineSeparator() + String.join(System.lineSeparator(), f.diagnostics())));
            }
            throw new NotLoadable(exerciseId + " in " + treeName + "/: " + ((ExerciseBuild.Missing) build).reason());
        }
        try {
            Object impl = Class.forName(info.implementation(), true, c.loader()).getDeclaredConstructor().newInstance();
            return new Loaded(impl, compiled);
        } catch (InvocationTargetException e) {
            compiled.close();
            Throwable cause = e.getCause();
            if (cause instanceof NotImplementedYet) throw new NotLoadable(exerciseId + " in " + treeName + "/ is not started yet");
            throw new NotLoadable(info.implementation() + " cannot be constructed: " + cause);
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            compiled.close();
            throw new NotLoadable(info.implementation() + " cannot be loaded from " + treeName + "/: " + e);
        }
    }
}
