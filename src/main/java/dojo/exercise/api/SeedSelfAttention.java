package dojo.exercise.api;

/**
 * The seed document's {@code SelfAttention} module (exercise ex05_fix_seed), split into the three places
 * where its bugs live so that each fix can be checked on its own.
 *
 * <p>The seed (PyTorch) computes {@code q, k, v = Linear(x)}, views them as
 * {@code (batch, seq_len, heads, head_dim)}, runs {@code softmax(q @ k.transpose(2, 3)) @ v} and
 * projects with {@code out_linear = nn.Linear(heads * embed_size, embed_size)}. Fixed, it is exactly
 * {@code nn.MultiheadAttention(embed_size, heads)} with separate q/k/v projections. Here one sequence
 * {@code x} [L][E] is processed (the batch of 1 removed).
 */
public interface SeedSelfAttention {

    /**
     * The {@code in_features} of the output projection {@code out_linear} for a layer of this size:
     * the width of the vector that the attention core hands to it.
     *
     * @param embedSize E, at least 1
     * @param heads     H, at least 1, dividing E
     * @return the number of input features {@code out_linear} must have
     */
    int outputProjectionInFeatures(int embedSize, int heads);

    /**
     * The attention core: the part of {@code forward} between the q/k/v projections and
     * {@code out_linear}. Splits the already projected {@code q}, {@code k}, {@code v} into heads, runs
     * scaled dot-product attention, and concatenates the head outputs.
     *
     * @param q     projected queries [L][E]
     * @param k     projected keys [L][E]
     * @param v     projected values [L][E]
     * @param heads H, dividing E
     * @return the concatenated head outputs, [L][E] (head h in columns [h*d, (h+1)*d), d = E / H)
     * @throws IllegalArgumentException when the shapes differ or H does not divide E
     */
    float[][] attend(float[][] q, float[][] k, float[][] v, int heads);

    /**
     * The whole module: projections, {@link #attend}, output projection.
     *
     * @param w the four nn.Linear layers; {@code w.outWeight()} must have
     *          {@link #outputProjectionInFeatures} columns, or this throws (as {@code load_state_dict}
     *          throws on a size mismatch)
     * @param x the token vectors [L][E]
     * @return [L][E]
     * @throws IllegalArgumentException on shapes that do not fit
     */
    float[][] forward(SeedWeights w, float[][] x);
}
