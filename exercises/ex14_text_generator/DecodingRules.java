package ex14_text_generator;

import dojo.exercise.api.NotImplementedYet;
import dojo.exercise.api.Sampler;
import dojo.exercise.api.SamplingConfig;
import dojo.tensor.Generator;
import dojo.tensor.Tensor;

/**
 * Decoding rules on [B, V] logits, one row per sequence (contract: {@link Sampler} and {@link SamplingConfig}).
 *
 * <pre>
 *   greedy:         argmax per row, the lowest id on ties
 *   probabilities:  p = softmax(logits / T)            (T before the softmax; subtract the row max first)
 *                   top-k: p_i = 0 where p_i < the k-th largest p (ties with it stay)
 *                   top-p: walk p sorted descending, summing; stop AFTER the token that makes the sum >= p;
 *                          p_i = 0 where p_i < the last kept value (ties stay); p = 1 keeps everything
 *                   renormalise after each filter
 *   sample:         one generator.nextDouble() u per row; the first id whose cumulative probability exceeds u
 * </pre>
 * Worked example (top-p 0.7): [0.5, 0.3, 0.15, 0.05] -> sums 0.5, 0.8 (crosses 0.7: keep it, stop) -> [0.625, 0.375, 0, 0].
 */
public final class DecodingRules implements Sampler {

    @Override
    public int[] greedy(Tensor logits) {
        throw new NotImplementedYet();
    }

    @Override
    public Tensor probabilities(Tensor logits, SamplingConfig config) {
        throw new NotImplementedYet();
    }

    @Override
    public int[] sample(Tensor logits, SamplingConfig config, Generator generator) {
        throw new NotImplementedYet();
    }
}
