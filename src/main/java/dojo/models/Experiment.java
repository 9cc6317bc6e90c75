package dojo.models;

import dojo.nn.Module;
import java.time.Clock;
import java.util.Map;

/**
 * One trainable seed model: its dataset, its training recipe and target, and its no-attention baseline.
 * The model itself is the learner's (or the reference solution's) exercise: {@code dojo train} loads the
 * exercise implementation from a tree ({@link ExerciseModels}) and hands it to {@link #build}; the
 * baseline is framework code, trained with the same recipe.
 */
public interface Experiment {

    /** What {@code dojo train} and {@code dojo viz} accept, e.g. {@code text-classifier}. */
    String name();

    /** The exercise whose implementation builds the model, e.g. {@code ex11_text_classifier}. */
    String exerciseId();

    /** One line: the task. */
    String summary();

    /** e.g. "accuracy", "mIoU", "recall@1". Higher is better. */
    String metricName();

    /** The test metric the reference must reach. */
    double target();

    TrainConfig defaultConfig();

    /**
     * The model to train, from the exercise implementation (an instance of the exercise's API interface,
     * loaded from {@code solutions/} or {@code exercises/}), initialised from {@code seed}.
     *
     * @throws IllegalArgumentException if {@code implementation} is not an instance of the exercise's API
     */
    Module build(Object implementation, long seed);

    /** The no-attention baseline, initialised from {@code seed}. */
    Module buildBaseline(long seed);

    /** e.g. "mean-pooled embeddings + MLP (baseline)". */
    String baselineLabel();

    /** Trains {@code model} on this experiment's data (callers give the baseline {@code config.withoutEarlyExit()}). */
    TrainResult train(Module model, TrainConfig config, Clock clock, TrainListener listener);

    /**
     * Test-split numbers to show beside the metric, by name, in order (e.g. each task's accuracy when the
     * metric is their minimum); empty by default. Called once on a trained model.
     */
    default Map<String, Double> testBreakdown(Module model) {
        return Map.of();
    }

    /** How many test examples {@code dojo viz} can draw ({@code --example 0..n-1}); 0 when it draws nothing. */
    default int vizExamples() {
        return 0;
    }

    /**
     * Test example {@code index} as {@code dojo viz} draws it, run through {@code model} (a model this experiment
     * built, with trained weights loaded).
     */
    default dojo.models.viz.VizCase vizCase(Module model, int index) {
        throw new UnsupportedOperationException("dojo viz does not draw " + name());
    }

    /** The implementation cast to the exercise API, or an error naming both. */
    static <T> T implementationAs(Class<T> api, Object implementation, String exerciseId) {
        if (!api.isInstance(implementation)) {
            throw new IllegalArgumentException(exerciseId + ": the implementation "
                    + (implementation == null ? "is null" : implementation.getClass().getName() + " does not implement " + api.getName()));
        }
        return api.cast(implementation);
    }
}
