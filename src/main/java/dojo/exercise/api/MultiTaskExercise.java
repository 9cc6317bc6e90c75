package dojo.exercise.api;

import dojo.tensor.Generator;

/**
 * Exercise ex18_multitask: builds the learner's {@link MultiTaskModel}. The class named as
 * {@code implementation:} in exercises/index.yaml implements this with a public no-argument constructor and
 * returns {@code new MultiTaskClassifier(config, generator)}.
 */
public interface MultiTaskExercise {

    /** A fresh model with the sizes and loss weights of {@code config}, initialised from {@code generator}. */
    MultiTaskModel build(MultiTaskConfig config, Generator generator);
}
