package dojo.exercise.api;

import dojo.tensor.Tensor;
import java.util.Arrays;

/**
 * A batch of (caption, image) pairs for exercise ex13_multimodal_classifier: the captions as a
 * {@link TokenBatch} (ids [B, L] padded on the right with 0, one label per pair) and the images as one tensor
 * [B, C, H, W]. The batch sizes must agree.
 */
public record CaptionImageBatch(TokenBatch text, Tensor images) {

    public CaptionImageBatch {
        if (text == null || images == null) throw new IllegalArgumentException((text == null ? "text" : "images") + " is null");
        if (images.dim() != 4) {
            throw new IllegalArgumentException("images must be [B, C, H, W], shape is " + Arrays.toString(images.shape()));
        }
        if (images.size(0) != text.batch()) {
            throw new IllegalArgumentException(text.batch() + " captions but " + images.size(0) + " images (images "
                    + Arrays.toString(images.shape()) + ")");
        }
    }

    public int batch() {
        return text.batch();
    }

    public int[] labels() {
        return text.labels();
    }
}
