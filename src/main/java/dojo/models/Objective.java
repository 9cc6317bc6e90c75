package dojo.models;

import dojo.tensor.Tensor;
import java.util.List;

/** What a {@link Trainer} minimises and how it scores a model on examples of type {@code E}. */
public interface Objective<E> {

    /** The mean training loss over a batch (recorded for backward). */
    Tensor loss(List<E> batch);

    /** The evaluation metric over examples (called in eval mode with recording off); higher is better. */
    double metric(List<E> examples);
}
