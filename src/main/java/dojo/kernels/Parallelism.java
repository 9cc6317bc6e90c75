package dojo.kernels;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ObjIntConsumer;
import java.util.function.Supplier;

/**
 * How many threads a kernel may use. Work is always cut into the same tasks whatever the thread count
 * (tiles of the output; a sum is never split across tasks), so results are bitwise independent of it.
 *
 * <p>The calling thread works too: a pool of {@code threads - 1} daemon threads helps it. Close the
 * instance to stop the helpers ({@link #serial()} has none).
 */
public final class Parallelism implements AutoCloseable {

    private final int threads;
    /**
     * Null when serial. A fork-join pool, not a fixed thread pool: its idle workers look for work a while
     * before they park, so a hand-out that follows another one soon (a training step makes ~100 in a row)
     * reaches a worker in ~5 us instead of ~50 us (a parked thread's wake-up on this VM).
     */
    private final ForkJoinPool helpers;

    private Parallelism(int threads) {
        this.threads = threads;
        this.helpers = threads == 1 ? null : new ForkJoinPool(threads - 1, daemonThreads(), null, false);
    }

    /** Everything on the calling thread. */
    public static Parallelism serial() {
        return new Parallelism(1);
    }

    /** The calling thread plus {@code threads - 1} helpers. */
    public static Parallelism threads(int threads) {
        if (threads < 1) throw new IllegalArgumentException("threads must be at least 1, was " + threads);
        return new Parallelism(threads);
    }

    /** One thread per available processor. */
    public static Parallelism allCores() {
        return threads(Runtime.getRuntime().availableProcessors());
    }

    public int threads() {
        return threads;
    }

    /**
     * Runs {@code body(scratch, task)} for every task in {@code [0, tasks)} and returns when all are
     * done. Workers take task indices from a shared counter (so uneven tasks balance themselves); each
     * worker makes its scratch buffers once. The first exception stops the hand-out and is rethrown.
     */
    public <S> void forEach(int tasks, Supplier<S> scratch, ObjIntConsumer<S> body) {
        int workers = Math.min(threads, tasks);
        if (workers <= 1) {
            S s = tasks > 0 ? scratch.get() : null;
            for (int t = 0; t < tasks; t++) body.accept(s, t);
            return;
        }
        AtomicInteger next = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Runnable worker = () -> {
            int t = next.getAndIncrement();
            if (t >= tasks) return;                        // nothing left: no scratch either
            S s = scratch.get();
            do {
                try {
                    body.accept(s, t);
                } catch (RuntimeException | Error e) {
                    next.set(tasks);
                    failure.compareAndSet(null, e);
                    return;
                }
            } while ((t = next.getAndIncrement()) < tasks);
        };
        // Helpers enter only while the hand-out is open. The caller works too, and once every task has been
        // taken it closes the hand-out and waits only for helpers inside it: a helper still waking up (its
        // wake-up, ~40 us on this VM, used to be waited for even when the caller had done all the tasks)
        // finds it closed and returns without touching anything.
        AtomicInteger state = new AtomicInteger();        // helpers inside, plus CLOSED once closed
        Runnable helper = () -> {
            for (int st; ; ) {
                st = state.get();
                if ((st & CLOSED) != 0) return;
                if (state.compareAndSet(st, st + 1)) break;
            }
            try {
                worker.run();
            } finally {
                state.decrementAndGet();
            }
        };
        for (int w = 1; w < workers; w++) helpers.execute(helper);
        worker.run();
        for (int st; ; ) {
            st = state.get();
            if (state.compareAndSet(st, st | CLOSED)) break;
        }
        for (int spins = 0; (state.get() & ~CLOSED) != 0; spins++) {     // helpers inside finish their last task
            if (spins < 1 << 12) Thread.onSpinWait();
            else Thread.yield();                                        // a long last task: leave the core to others
        }
        Throwable e = failure.get();
        if (e instanceof RuntimeException re) throw re;
        if (e instanceof Error err) throw err;
    }

    /** The hand-out's closed flag, above any count of helpers. */
    private static final int CLOSED = 1 << 30;

    @Override
    public void close() {
        if (helpers != null) helpers.shutdown();
    }

    @Override
    public String toString() {
        return threads == 1 ? "1 thread" : threads + " threads";
    }

    private static ForkJoinPool.ForkJoinWorkerThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return pool -> {
            ForkJoinWorkerThread t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
            t.setName("dojo-kernels-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
