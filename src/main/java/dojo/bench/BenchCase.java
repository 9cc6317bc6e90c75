package dojo.bench;

/**
 * One thing to time.
 *
 * @param group what is computed, e.g. {@code "sgemm n=1024"}; cases of a group do the same work
 * @param name how, e.g. {@code "vector, 2 threads"}
 * @param flops floating-point operations per run (for GFLOP/s)
 * @param threads threads the case uses (its GFLOP/s is compared with the FMA ceiling of that many)
 * @param run one run of the work
 */
public record BenchCase(String group, String name, double flops, int threads, Runnable run) {

    /** A single-threaded case. */
    public BenchCase(String group, String name, double flops, Runnable run) {
        this(group, name, flops, 1, run);
    }
}
