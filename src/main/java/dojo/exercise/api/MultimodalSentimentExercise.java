package dojo.exercise.api;

import dojo.tensor.Generator;

/**
 * Exercise ex19_multimodal_sentiment: builds the learner's cross-attention sentiment model. The class
 * named as {@code implementation} in exercises/index.yaml implements it with a public no-argument
 * constructor and returns {@code new YourModel(config, generator)}.
 */
public interface MultimodalSentimentExercise {

    /** A fresh model of the given sizes, its initial weights drawn from {@code generator}. */
    MultimodalSentimentModel build(MultimodalSentimentConfig config, Generator generator);
}
