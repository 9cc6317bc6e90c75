package dojo.bench;

/**
 * One thing to time.
 *
 * @param group what is computed, e.g. {@code "sgemm n=1024"}; cases of a group do the same work, unless
 *              {@code comparedWith} says otherwise
 * @param name how, e.g. {@code "vector, 2 threads"}
 * @param flops floating-point operations per run (for GFLOP/s): the work this case does, so a case that does less
 *              (causal attention: n(n+1)/2 of the n^2 query-key pairs) counts less
 * @param threads threads the case uses (its GFLOP/s is compared with the FMA ceiling of that many)
 * @param run one run of the work
 * @param comparedWith null when the case does the group's work (its speed-up is taken against the group's first
 *                     row); else the name of the case in the same group it is compared with, for a variant of the
 *                     work (causal attention against the same call without the mask)
 */
public record BenchCase(String group, String name, double flops, int threads, Runnable run, String comparedWith) {

    /** A case doing the group's work. */
    public BenchCase(String group, String name, double flops, int threads, Runnable run) {
        this(group, name, flops, threads, run, null);
    }

    /** A single-threaded case doing the group's work. */
    public BenchCase(String group, String name, double flops, Runnable run) {
        this(group, name, flops, 1, run);
    }
}
