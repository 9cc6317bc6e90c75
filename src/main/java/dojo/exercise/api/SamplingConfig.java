package dojo.exercise.api;

/**
 * How the next token is drawn from a row of logits (exercise ex14_text_generator), in this order, as in
 * Hugging Face's {@code generate}: divide the logits by {@code temperature}, softmax, keep the {@code topK}
 * most probable tokens, keep the nucleus of mass {@code topP}, renormalise, draw.
 *
 * @param temperature > 0; below 1 sharpens the distribution (towards greedy), above 1 flattens it
 * @param topK        0 = off; otherwise keep the k most probable tokens (all tokens tied with the k-th are kept)
 * @param topP        in (0, 1]; 1 = off; otherwise keep the smallest set of most probable tokens whose mass is
 *                    at least p (the token that crosses p is kept; tokens tied with the last kept one are kept)
 */
public record SamplingConfig(double temperature, int topK, double topP) {

    /** Plain sampling from softmax(logits). */
    public static final SamplingConfig DEFAULT = new SamplingConfig(1.0, 0, 1.0);

    public SamplingConfig {
        if (!(temperature > 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature must be positive and finite, was " + temperature + " (use greedy for temperature 0)");
        }
        if (topK < 0) throw new IllegalArgumentException("topK must be 0 (off) or positive, was " + topK);
        if (!(topP > 0 && topP <= 1)) throw new IllegalArgumentException("topP must be in (0, 1], was " + topP);
    }

    public static SamplingConfig temperature(double t) {
        return new SamplingConfig(t, 0, 1.0);
    }

    public SamplingConfig withTopK(int k) {
        return new SamplingConfig(temperature, k, topP);
    }

    public SamplingConfig withTopP(double p) {
        return new SamplingConfig(temperature, topK, p);
    }
}
