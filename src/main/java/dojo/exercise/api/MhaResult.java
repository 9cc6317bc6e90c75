package dojo.exercise.api;

import java.util.Arrays;

/**
 * What multi-head attention returns.
 *
 * @param output  [Lq][E], after the output projection
 * @param weights [H][Lq][Lk], the attention weights of every head (not averaged)
 */
public record MhaResult(float[][] output, float[][][] weights) {

    @Override
    public String toString() {
        return "MhaResult[output " + Shapes.describe(output) + ", weights " + Shapes.describe(weights) + "]";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MhaResult that
                && Arrays.deepEquals(output, that.output)
                && Arrays.deepEquals(weights, that.weights);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.deepHashCode(output) + Arrays.deepHashCode(weights);
    }
}
