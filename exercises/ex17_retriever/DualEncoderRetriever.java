package ex17_retriever;

import dojo.exercise.api.RetrieverConfig;
import dojo.exercise.api.RetrieverExercise;
import dojo.exercise.api.RetrieverModel;
import dojo.tensor.Generator;

/** Builds your {@link DualEncoder}; the grader and {@code ./dojo train retriever} call this. Nothing to change here. */
public class DualEncoderRetriever implements RetrieverExercise {

    @Override
    public RetrieverModel build(RetrieverConfig config, Generator generator) {
        return new DualEncoder(config, generator);
    }
}
