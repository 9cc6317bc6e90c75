package ex13_multimodal_classifier;

import dojo.exercise.api.MultimodalClassifierConfig;
import dojo.exercise.api.MultimodalClassifierExercise;
import dojo.exercise.api.MultimodalClassifierModel;
import dojo.tensor.Generator;

/** Builds your {@link SingleStreamClassifier}: the grader, {@code ./dojo train} and the tests call this. */
public class MultimodalClassifierBuilder implements MultimodalClassifierExercise {

    @Override
    public MultimodalClassifierModel build(MultimodalClassifierConfig config, Generator generator) {
        return new SingleStreamClassifier(config, generator);
    }
}
