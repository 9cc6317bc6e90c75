package dojo.exercise.api;

import dojo.tensor.Generator;

/**
 * Exercise ex12_image_classifier: builds the learner's tiny ViT ({@link ImageClassifierModel}). The
 * implementation named in {@code exercises/index.yaml} has a public no-argument constructor; tests, {@code
 * ./dojo train image-classifier} and {@code ./dojo viz} call {@link #build}.
 */
public interface ImageClassifierExercise {

    /** A fresh model with the given sizes, its weights initialised from {@code generator}. */
    ImageClassifierModel build(ImageClassifierConfig config, Generator generator);
}
