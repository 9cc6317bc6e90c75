package dojo.exercise.api;

import dojo.tensor.Generator;

/**
 * Exercise ex14_text_generator: a decoder-only causal transformer ({@link TextGeneratorModel}) with a
 * key/value cache, and the decoding rules ({@link Sampler}). The class named in exercises/index.yaml
 * implements this with a public no-argument constructor.
 */
public interface TextGeneratorExercise {

    /** A freshly initialised model, every random number drawn from {@code generator}. */
    TextGeneratorModel build(TextGeneratorConfig config, Generator generator);

    /** The decoding rules. */
    Sampler sampler();
}
