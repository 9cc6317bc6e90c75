package dojo.exercise.api;

import dojo.tensor.Tensor;

/** A sequence classifier: one row of class logits per sequence, [batch, classes], never one per token. */
public interface TokenClassifier {
    Tensor forward(TokenBatch batch);
}
