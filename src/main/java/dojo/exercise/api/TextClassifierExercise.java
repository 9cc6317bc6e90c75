package dojo.exercise.api;

import dojo.tensor.Generator;

/** Exercise ex11_text_classifier: builds the learner's {@link TextClassifierModel}, initialised from {@code generator}. */
public interface TextClassifierExercise {
    TextClassifierModel build(TextClassifierConfig config, Generator generator);
}
