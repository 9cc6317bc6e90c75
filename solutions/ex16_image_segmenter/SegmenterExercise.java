package ex16_image_segmenter;

import dojo.exercise.api.ImageSegmenterConfig;
import dojo.exercise.api.ImageSegmenterExercise;
import dojo.exercise.api.ImageSegmenterModel;
import dojo.tensor.Generator;

/**
 * The entry point the grader and {@code ./dojo train image-segmenter} call: it builds your model
 * ({@link PatchSegmenter}) and scores segmentations with your {@link MeanIoU}. Nothing to change here.
 */
public class SegmenterExercise implements ImageSegmenterExercise {

    @Override
    public ImageSegmenterModel build(ImageSegmenterConfig config, Generator generator) {
        return new PatchSegmenter(config, generator);
    }

    @Override
    public double meanIoU(int[] predicted, int[] truth, int classes) {
        return MeanIoU.of(predicted, truth, classes);
    }
}
