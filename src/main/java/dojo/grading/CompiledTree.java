package dojo.grading;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The result of compiling a tree: one {@link ExerciseBuild} per exercise id. Closing it closes its class loaders. */
public final class CompiledTree implements AutoCloseable {
    private final Path tree;
    private final Map<String, ExerciseBuild> builds;
    private final List<Closeable> loaders;

    CompiledTree(Path tree, Map<String, ExerciseBuild> builds, List<Closeable> loaders) {
        this.tree = tree;
        this.builds = new LinkedHashMap<>(builds);
        this.loaders = List.copyOf(loaders);
    }

    public Path tree() {
        return tree;
    }

    /** The build of an exercise; {@link ExerciseBuild.Missing} for ids this tree was not compiled for. */
    public ExerciseBuild build(String id) {
        ExerciseBuild b = builds.get(id);
        return b != null ? b : new ExerciseBuild.Missing("exercise " + id + " was not compiled from " + tree);
    }

    public Map<String, ExerciseBuild> builds() {
        return Map.copyOf(builds);
    }

    @Override
    public void close() {
        for (Closeable c : loaders) {
            try {
                c.close();
            } catch (IOException e) {
                // nothing useful to do: the classes are already loaded or never will be
            }
        }
    }
}
