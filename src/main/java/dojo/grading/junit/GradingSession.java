package dojo.grading.junit;

import dojo.grading.CompiledTree;
import dojo.grading.ExerciseIndex;
import dojo.grading.ExerciseInfo;
import dojo.grading.GradingSettings;
import dojo.grading.TreeCompiler;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Everything one test run shares: settings, the exercise index and the compiled trees. Lives in the JUnit root
 * {@code ExtensionContext.Store} (one per launcher run), so there is no static state; closed by JUnit at the end.
 */
final class GradingSession implements AutoCloseable {
    private final GradingSettings settings;
    private final ExerciseIndex index;
    private final TreeCompiler compiler;
    private final Map<Path, CompiledTree> trees = new HashMap<>();

    GradingSession(GradingSettings settings) {
        this.settings = settings;
        this.index = ExerciseIndex.load(settings.projectDir());
        this.compiler = new TreeCompiler(settings.projectDir(), ExerciseExtension.class.getClassLoader());
    }

    GradingSettings settings() {
        return settings;
    }

    ExerciseIndex index() {
        return index;
    }

    /** The tree being graded, compiled once per run (all exercises, or those named in dojo.grading.exercises). */
    synchronized CompiledTree compiled() {
        return trees.computeIfAbsent(settings.tree(), t -> {
            List<ExerciseInfo> wanted = settings.exercises().isEmpty() ? index.exercises()
                    : settings.exercises().stream().map(index::find).flatMap(java.util.Optional::stream)
                            .collect(Collectors.toList());
            return compiler.compile(t, index, wanted);
        });
    }

    /** Paths as the learner sees them (relative to the project). */
    String display(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        return abs.startsWith(settings.projectDir()) ? settings.projectDir().relativize(abs).toString() : abs.toString();
    }

    @Override
    public synchronized void close() {
        trees.values().forEach(CompiledTree::close);
        trees.clear();
    }
}
