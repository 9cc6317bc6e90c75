package dojo.exercise.api;

import dojo.tensor.Generator;

/**
 * Exercise ex13_multimodal_classifier: builds the learner's {@link MultimodalClassifierModel} for a
 * configuration, drawing every initial weight from {@code generator} (so a seed gives the same model).
 */
public interface MultimodalClassifierExercise {

    MultimodalClassifierModel build(MultimodalClassifierConfig config, Generator generator);
}
