package dojo.kernels;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
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
    private final ExecutorService helpers; // null when serial

    private Parallelism(int threads) {
        this.threads = threads;
        this.helpers = threads == 1 ? null : Executors.newFixedThreadPool(threads - 1, daemonThreads());
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
        Runnable worker = () -> {
            S s = scratch.get();
            for (int t; (t = next.getAndIncrement()) < tasks; ) {
                try {
                    body.accept(s, t);
                } catch (RuntimeException | Error e) {
                    next.set(tasks);
                    throw e;
                }
            }
        };
        List<Future<?>> futures = new ArrayList<>(workers - 1);
        for (int w = 1; w < workers; w++) futures.add(helpers.submit(worker));
        Throwable failure = null;
        try {
            worker.run();
        } catch (RuntimeException | Error e) {
            failure = e;
        }
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (ExecutionException e) {
                if (failure == null) failure = e.getCause();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                if (failure == null) failure = e;
            }
        }
        if (failure instanceof RuntimeException re) throw re;
        if (failure instanceof Error err) throw err;
        if (failure != null) throw new IllegalStateException("kernel task interrupted", failure);
    }

    @Override
    public void close() {
        if (helpers != null) helpers.shutdown();
    }

    @Override
    public String toString() {
        return threads == 1 ? "1 thread" : threads + " threads";
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "dojo-kernels-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
