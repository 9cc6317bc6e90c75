package dojo.tensor;

import java.util.stream.IntStream;

/**
 * Element-wise loops split over the cores for large tensors: the element-wise arithmetic, layer norm,
 * softmax and the optimisers' updates, which otherwise run on one thread while the matrix products use
 * them all. Tasks are ranges of about {@link #GRAIN} elements, run on the common fork-join pool as the
 * double-precision products are; the cut depends only on the size, never on the thread count, and a
 * body that reduces does so inside its own range, so results are the same on any machine.
 */
public final class Loops {

    /** Elements per task (256 KiB of doubles): below two of them a loop stays on the calling thread. */
    public static final int GRAIN = 1 << 15;

    private Loops() {
    }

    /** A loop body over {@code [from, to)}. */
    @FunctionalInterface
    public interface Range {
        void run(int from, int to);
    }

    /** Runs {@code body} over {@code [0, n)} in ranges of at least {@link #GRAIN} elements. */
    public static void range(int n, Range body) {
        rows(n, 1, body);
    }

    /**
     * Runs {@code body} over rows {@code [0, rows)}, each about {@code rowCost} elements of work, in
     * blocks of whole rows of at least {@link #GRAIN} elements.
     */
    public static void rows(int rows, int rowCost, Range body) {
        forEachBlock(rows, tasks(rows, rowCost), (t, from, to) -> body.run(from, to));
    }

    /** A loop body over block {@code block}: rows {@code [from, to)}. */
    @FunctionalInterface
    public interface Block {
        void run(int block, int from, int to);
    }

    /**
     * Runs {@code body} for each of {@code blocks} blocks of {@code [0, rows)} (block t starts at
     * {@link #start}), on the calling thread when there is one block, in parallel otherwise. For reductions:
     * with {@code blocks} from {@link #tasks}, each block sums into its own buffer and the caller adds the
     * buffers in block order, so the result does not depend on the thread count.
     */
    public static void forEachBlock(int rows, int blocks, Block body) {
        if (blocks <= 1) {
            if (blocks == 1 && rows > 0) body.run(0, 0, rows);
            return;
        }
        FloatMatmul scope = FloatMatmul.active();
        if (scope != null) {
            // inside a float scope the kernels' threads are already busy-waiting for the next product: hand the
            // blocks to them rather than waking the common pool's (two pools spinning on two cores took turns
            // on the second one: it did 40% of a float training step's SGEMM work instead of half)
            scope.threads().forEach(blocks, () -> null, (none, t) -> body.run(t, start(rows, blocks, t), start(rows, blocks, t + 1)));
            return;
        }
        IntStream.range(0, blocks).parallel().forEach(t -> body.run(t, start(rows, blocks, t), start(rows, blocks, t + 1)));
    }

    /** How many blocks {@link #rows} cuts {@code rows} into: a function of the size only. */
    public static int tasks(int rows, int rowCost) {
        long work = (long) rows * Math.max(1, rowCost);
        return (int) Math.min(rows, Math.max(1, work / GRAIN));
    }

    /** First row of block {@code t} of {@code tasks}. */
    public static int start(int rows, int tasks, int t) {
        return (int) ((long) rows * t / tasks);
    }
}
