package dojo.exercise.api;

import dojo.tensor.Generator;
import dojo.tensor.Tensor;

/**
 * Decoding rules of exercise ex14_text_generator, on a batch of next-token logits [B, V] (one row per
 * sequence). Inputs are never modified; a logits tensor that is not [B, V] with B, V >= 1, or a null
 * argument, throws {@link IllegalArgumentException} naming it.
 */
public interface Sampler {

    /** The most probable token of every row (on ties the lowest id), [B] ids. */
    int[] greedy(Tensor logits);

    /**
     * The distribution {@link #sample} draws from, [B, V]: softmax(logits / temperature), then top-k, then
     * top-p as {@link SamplingConfig} defines them, every removed token at exactly 0, the kept ones
     * renormalised to sum to 1. Never NaN: a row whose logits are all equal is uniform (before filtering).
     */
    Tensor probabilities(Tensor logits, SamplingConfig config);

    /**
     * One token per row drawn from {@link #probabilities}, using only {@code generator} for randomness: the
     * same generator state gives the same ids, and a token of probability 0 is never drawn.
     */
    int[] sample(Tensor logits, SamplingConfig config, Generator generator);
}
