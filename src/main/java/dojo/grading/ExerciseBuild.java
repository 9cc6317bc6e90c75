package dojo.grading;

import java.util.List;

/** What compiling one exercise of a tree gave: classes to load, javac errors, or no sources at all. */
public sealed interface ExerciseBuild {

    /** Compiled; {@code loader} loads the learner classes (parent: the framework's loader). */
    record Compiled(ClassLoader loader) implements ExerciseBuild {}

    /**
     * javac rejected it; {@code diagnostics} are {@code path:line:col: error: message} lines, {@code summary}
     * one line for listings.
     */
    record Failed(List<String> diagnostics, String summary) implements ExerciseBuild {
        public Failed {
            diagnostics = List.copyOf(diagnostics);
        }
    }

    /** The tree has no sources for this exercise (folder or implementation file missing). */
    record Missing(String reason) implements ExerciseBuild {}
}
