package ex12_image_classifier;

import dojo.exercise.api.ImageClassifierConfig;
import dojo.exercise.api.ImageClassifierExercise;
import dojo.exercise.api.ImageClassifierModel;
import dojo.tensor.Generator;

/** Exercise ex12: hands your {@link TinyVit} to the tests, {@code ./dojo train image-classifier} and {@code ./dojo viz}. */
public class TinyVitExercise implements ImageClassifierExercise {

    @Override
    public ImageClassifierModel build(ImageClassifierConfig config, Generator generator) {
        return new TinyVit(config, generator);
    }
}
