package dojo.exercise.api;

import dojo.tensor.Generator;

/**
 * Exercise ex16_image_segmenter: build the corrected image segmenter and score segmentations with mean IoU.
 */
public interface ImageSegmenterExercise {

    /** A fresh model with PyTorch's default initialisation drawn from {@code generator}. */
    ImageSegmenterModel build(ImageSegmenterConfig config, Generator generator);

    /**
     * Mean intersection over union over a whole evaluation set (all its pixels at once, not per image):
     * for each class k, IoU_k = |pred = k and truth = k| / |pred = k or truth = k|; a class that appears in
     * neither {@code predicted} nor {@code truth} has no IoU and is left out; the result is the mean of the
     * IoUs that exist (so a perfect prediction scores 1 even if some classes never occur).
     *
     * @param predicted predicted class of every pixel, in 0..classes-1 (any order, e.g. images one after the other)
     * @param truth true class of the same pixels, same length and order
     * @param classes the number of classes K (at least 1)
     * @return the mean IoU in [0, 1]
     * @throws IllegalArgumentException when the lengths differ, there are no pixels, classes is below 1, or a
     *     label is outside 0..classes-1 (the message names the array and the position)
     */
    double meanIoU(int[] predicted, int[] truth, int classes);
}
