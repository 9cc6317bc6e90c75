package dojo.tensor;

import java.util.SplittableRandom;

/**
 * A seeded source of random numbers for initialisation, dropout and data: the same seed gives the
 * same numbers on every run and machine. (Not PyTorch's Mersenne Twister stream: the distributions
 * match torch's, the individual numbers do not.)
 */
public final class Generator {

    private final SplittableRandom random;
    private final long seed;

    public Generator(long seed) {
        this.seed = seed;
        this.random = new SplittableRandom(seed);
    }

    public long seed() {
        return seed;
    }

    /** Uniform in [0, 1). */
    public double nextDouble() {
        return random.nextDouble();
    }

    /** Uniform in [lo, hi). */
    public double uniform(double lo, double hi) {
        return lo + (hi - lo) * random.nextDouble();
    }

    /** Standard normal. */
    public double nextGaussian() {
        return random.nextGaussian();
    }

    /** Uniform integer in [0, bound). */
    public int nextInt(int bound) {
        return random.nextInt(bound);
    }

    /** True with probability p. */
    public boolean bernoulli(double p) {
        return random.nextDouble() < p;
    }

    /** An independent generator derived from this one (for a sub-module or a worker). */
    public Generator split() {
        return new Generator(random.nextLong());
    }
}
