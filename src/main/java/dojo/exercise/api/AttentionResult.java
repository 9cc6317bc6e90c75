package dojo.exercise.api;

import java.util.Arrays;

/**
 * What an attention call returns: the mixed values and the weights that mixed them.
 *
 * @param output  [Lq][d_v]: row i is the weighted average of the value rows for query i
 * @param weights [Lq][Lk]: row i is the softmax over the keys for query i (sums to 1, or is all zeros
 *                when every key is masked for that query)
 */
public record AttentionResult(float[][] output, float[][] weights) {

    /** Shapes only: printing every number of a large tensor helps nobody. */
    @Override
    public String toString() {
        return "AttentionResult[output " + Shapes.describe(output) + ", weights " + Shapes.describe(weights) + "]";
    }

    /** Compares the contents, not the array identities (records of arrays would compare references). */
    @Override
    public boolean equals(Object other) {
        return other instanceof AttentionResult that
                && Arrays.deepEquals(output, that.output)
                && Arrays.deepEquals(weights, that.weights);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.deepHashCode(output) + Arrays.deepHashCode(weights);
    }
}
