package dojo.exercise.api;

import dojo.tensor.Tensor;
import java.util.Arrays;

/**
 * What a CTC model emits: {@code logProbs} [B, T', V + 1], log-probabilities over the classes (blank = 0)
 * at each output frame (each row a log_softmax, taking part in autograd), and {@code lengths}[b], the output
 * frames that belong to example b (the rest is padding, whatever its values).
 */
public record CtcOutput(Tensor logProbs, int[] lengths) {

    public CtcOutput {
        if (logProbs == null || lengths == null) throw new IllegalArgumentException("logProbs and lengths must not be null");
        if (logProbs.dim() != 3 || logProbs.size(0) != lengths.length) {
            throw new IllegalArgumentException("logProbs must be [B, T', C] with B = " + lengths.length + " lengths, shape is "
                    + Arrays.toString(logProbs.shape()));
        }
        lengths = lengths.clone();
    }

    @Override
    public int[] lengths() {
        return lengths.clone();
    }
}
