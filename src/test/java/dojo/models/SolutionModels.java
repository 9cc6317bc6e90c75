package dojo.models;

import dojo.exercise.api.TextClassifierConfig;
import dojo.exercise.api.TextClassifierExercise;
import dojo.exercise.api.TextClassifierModel;
import dojo.tensor.Generator;
import java.nio.file.Path;

/** The reference models of the model-track exercises, compiled once from {@code solutions/} for framework tests. */
public final class SolutionModels {

    private static ExerciseModels.Loaded textClassifier;

    private SolutionModels() {
    }

    public static synchronized TextClassifierModel textClassifier(TextClassifierConfig config, long seed) {
        if (textClassifier == null) textClassifier = ExerciseModels.fromTree(Path.of("").toAbsolutePath(), "solutions", TextClassifierExperiment.EXERCISE);
        return ((TextClassifierExercise) textClassifier.implementation()).build(config, new Generator(seed));
    }

    /** The implementation of an exercise, from solutions/ (compiled on first use; the grading engine caches the classes). */
    public static ExerciseModels.Loaded load(String exerciseId) {
        return ExerciseModels.fromTree(Path.of("").toAbsolutePath(), "solutions", exerciseId);
    }
}
