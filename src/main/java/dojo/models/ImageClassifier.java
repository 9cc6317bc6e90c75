package dojo.models;

import dojo.tensor.Tensor;

/** An image classifier: images [batch, channels, height, width] to logits [batch, classes]. */
@FunctionalInterface
public interface ImageClassifier {
    Tensor forward(Tensor images);
}
