package dojo.models;

/**
 * How a model is trained: AdamW with {@code lr} after a linear warmup, cosine-decayed to lr/10 at maxSteps, {@code batchSize} examples per
 * step drawn from a seeded shuffle of the training set (reshuffled every epoch), the validation metric
 * every {@code evalEvery} steps, and an early exit once it reaches {@code target}.
 */
public record TrainConfig(int maxSteps, int batchSize, double lr, double weightDecay, int warmupSteps,
                          int evalEvery, double target, long seed) {
    public TrainConfig {
        if (maxSteps < 1) throw new IllegalArgumentException("steps must be at least 1, was " + maxSteps);
        if (batchSize < 1) throw new IllegalArgumentException("batch size must be at least 1, was " + batchSize);
        if (evalEvery < 1) throw new IllegalArgumentException("evalEvery must be at least 1, was " + evalEvery);
        if (!(lr > 0)) throw new IllegalArgumentException("learning rate must be positive, was " + lr);
    }

    public TrainConfig withSteps(int steps) {
        return new TrainConfig(steps, batchSize, lr, weightDecay, warmupSteps, evalEvery, target, seed);
    }

    public TrainConfig withSeed(long s) {
        return new TrainConfig(maxSteps, batchSize, lr, weightDecay, warmupSteps, evalEvery, target, s);
    }

    /** The same schedule without the early exit (baselines run their whole budget). */
    public TrainConfig withoutEarlyExit() {
        return new TrainConfig(maxSteps, batchSize, lr, weightDecay, warmupSteps, evalEvery, Double.POSITIVE_INFINITY, seed);
    }
}
