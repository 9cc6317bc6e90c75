package dojo.bench;

/** An extra attention contender for the table (e.g. the learner's own): one head, no mask. */
@FunctionalInterface
public interface HeadAttention {
    /** {@code q, k, v [n][d]} row-major -> {@code [n][d]}. */
    float[] attend(int n, int d, float[] q, float[] k, float[] v);
}
