package dojo.bench;

/**
 * Sizes for {@code dojo bench}.
 *
 * @param gemmN square SGEMM size
 * @param attentionN sequence length (self-attention, n queries = n keys)
 * @param heads attention heads, each {@code headDim} wide
 * @param threads threads for the parallel contenders
 */
public record BenchConfig(int gemmN, int attentionN, int heads, int headDim, int threads) {

    public BenchConfig {
        if (gemmN < 1 || attentionN < 1 || heads < 1 || headDim < 1 || threads < 1) {
            throw new IllegalArgumentException("bench sizes must be positive: gemmN=" + gemmN + " attentionN=" + attentionN
                    + " heads=" + heads + " headDim=" + headDim + " threads=" + threads);
        }
    }

    /** About 10 seconds on two cores. */
    public static BenchConfig quick(int threads) {
        return new BenchConfig(512, 512, 8, 64, threads);
    }

    /** About 30-40 seconds on two cores. */
    public static BenchConfig standard(int threads) {
        return new BenchConfig(1024, 1024, 8, 64, threads);
    }

    public double gemmFlops() {
        return 2.0 * gemmN * gemmN * gemmN;
    }

    /** Two products of {@code n x n x d} per head; exp and softmax not counted (the usual convention). */
    public double attentionFlops() {
        return 4.0 * heads * attentionN * (double) attentionN * headDim;
    }
}
