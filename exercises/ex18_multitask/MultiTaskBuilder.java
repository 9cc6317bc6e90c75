package ex18_multitask;

import dojo.exercise.api.MultiTaskConfig;
import dojo.exercise.api.MultiTaskExercise;
import dojo.exercise.api.MultiTaskModel;
import dojo.tensor.Generator;

/** What the grader and {@code ./dojo train multitask-classifier} call to get your model. Nothing to change here. */
public class MultiTaskBuilder implements MultiTaskExercise {

    @Override
    public MultiTaskModel build(MultiTaskConfig config, Generator generator) {
        return new MultiTaskClassifier(config, generator);
    }
}
