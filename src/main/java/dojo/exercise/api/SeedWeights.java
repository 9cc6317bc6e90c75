package dojo.exercise.api;

/**
 * The four {@code nn.Linear} layers of the seed's {@code SelfAttention}, each in PyTorch layout
 * {@code weight [out_features][in_features]}, {@code bias [out_features]}:
 * {@code y[o] = sum_c x[c] * weight[o][c] + bias[o]}.
 *
 * <p>The record checks what every version of the module agrees on: q/k/v are [E][E] with bias [E], H
 * divides E, {@code outWeight} has E rows (out_features = E) and {@code outBias} is [E]. The number of
 * columns of {@code outWeight} (the in_features of {@code out_linear}) is deliberately left open: that
 * is one of the seed's bugs, checked by the module against
 * {@link SeedSelfAttention#outputProjectionInFeatures(int, int)}. The arrays are not copied.
 *
 * @param heads       H
 * @param queryWeight {@code query_linear.weight} [E][E]
 * @param queryBias   {@code query_linear.bias} [E]
 * @param keyWeight   {@code key_linear.weight} [E][E]
 * @param keyBias     {@code key_linear.bias} [E]
 * @param valueWeight {@code value_linear.weight} [E][E]
 * @param valueBias   {@code value_linear.bias} [E]
 * @param outWeight   {@code out_linear.weight} [E][in_features]
 * @param outBias     {@code out_linear.bias} [E]
 */
public record SeedWeights(int heads,
                          float[][] queryWeight, float[] queryBias,
                          float[][] keyWeight, float[] keyBias,
                          float[][] valueWeight, float[] valueBias,
                          float[][] outWeight, float[] outBias) {

    /** Validates the shapes every version agrees on (see the class comment). */
    public SeedWeights {
        int e = queryWeight == null ? 0 : queryWeight.length;
        if (e == 0) {
            throw new IllegalArgumentException("query_linear.weight is " + Shapes.describe(queryWeight)
                    + ": it must be [E x E] with E >= 1");
        }
        if (heads < 1 || e % heads != 0) {
            throw new IllegalArgumentException("heads is " + heads + " but embed_size = " + e
                    + ": heads must be at least 1 and divide embed_size");
        }
        MhaWeights.requireMatrix("query_linear.weight", queryWeight, e, e);
        MhaWeights.requireVector("query_linear.bias", queryBias, e);
        MhaWeights.requireMatrix("key_linear.weight", keyWeight, e, e);
        MhaWeights.requireVector("key_linear.bias", keyBias, e);
        MhaWeights.requireMatrix("value_linear.weight", valueWeight, e, e);
        MhaWeights.requireVector("value_linear.bias", valueBias, e);
        int in = outWeight == null || outWeight.length == 0 || outWeight[0] == null ? 0 : outWeight[0].length;
        if (in == 0) {
            throw new IllegalArgumentException("out_linear.weight is " + Shapes.describe(outWeight)
                    + ": it must be [E x in_features] with E = " + e);
        }
        MhaWeights.requireMatrix("out_linear.weight", outWeight, e, in);
        MhaWeights.requireVector("out_linear.bias", outBias, e);
    }

    /** E, the embed size (rows of every weight). */
    public int embedSize() {
        return queryWeight.length;
    }

    /** The in_features of out_linear as given: the number of columns of {@code outWeight}. */
    public int outInFeatures() {
        return outWeight[0].length;
    }

    @Override
    public String toString() {
        return "SeedWeights[heads=" + heads + ", embed_size=" + embedSize()
                + ", out_linear " + Shapes.describe(outWeight) + "]";
    }
}
