package dojo.exercise.api;

import dojo.tensor.Generator;

/**
 * Exercise ex17_retriever: builds the learner's {@link RetrieverModel} (a CLIP-style dual encoder). The
 * implementation named in {@code exercises/index.yaml} has a public no-argument constructor and returns
 * {@code new DualEncoder(config, generator)}; parameters are initialised from {@code generator} only, so the
 * same seed builds the same model.
 */
public interface RetrieverExercise {

    RetrieverModel build(RetrieverConfig config, Generator generator);
}
