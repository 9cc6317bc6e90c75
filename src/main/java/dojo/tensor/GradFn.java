package dojo.tensor;

/**
 * The backward of one recorded operation: given the gradient of the loss with respect to the
 * operation's output, return the gradient with respect to each input, in the order the inputs were
 * recorded ({@code null} for an input that needs none). Runs with gradient recording off, so it may
 * use any tensor operation; each returned gradient must have exactly its input's shape.
 */
@FunctionalInterface
public interface GradFn {
    Tensor[] backward(Tensor gradOutput);
}
