package dojo.kernels;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.ObjIntConsumer;
import java.util.function.Supplier;

/**
 * How many threads a kernel may use. Work is always cut into the same tasks whatever the thread count
 * (tiles of the output; a sum split across tasks, as a long weight gradient's, is cut by its length alone
 * and its parts added in a fixed order), so results are bitwise independent of it.
 *
 * <p>The calling thread works too: a pool of {@code threads - 1} daemon threads helps it. Close the
 * instance to stop the helpers ({@link #serial()} has none).
 */
public final class Parallelism implements AutoCloseable {

    /**
     * How long an idle helper keeps looking for the next hand-out before it parks: a training step makes
     * ~100 hand-outs a few hundred microseconds apart, and a parked thread took ~40-50 us to wake on the VMs
     * measured, by which time the caller had taken most of the tasks itself (on the Xeon the helper did 40%
     * of a step's SGEMM work instead of half with a fork-join pool, whose workers park sooner).
     */
    static final long SPIN_NANOS = 300_000;

    private final int threads;
    /** Null when serial. Shared with the helper threads, which must not keep this object reachable. */
    private final Pool pool;
    private final java.lang.ref.Cleaner.Cleanable cleanable;

    private static final java.lang.ref.Cleaner CLEANER = java.lang.ref.Cleaner.create();

    private Parallelism(int threads) {
        this.threads = threads;
        this.pool = threads == 1 ? null : new Pool(threads - 1);
        // an instance nobody closed still stops its helpers once it is garbage
        this.cleanable = pool == null ? null : CLEANER.register(this, pool::shutdown);
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
        // Helpers enter only while the hand-out is open, at most workers - 1 of them. The caller works too, and
        // once every task has been taken it closes the hand-out and waits only for helpers inside it: a helper
        // still waking up finds it closed and goes back to waiting without touching anything.
        HandOut handOut = new HandOut(worker, workers - 1);
        pool.publish(handOut);
        worker.run();
        handOut.close();
        pool.retract(handOut);
        for (int spins = 0; handOut.inside() != 0; spins++) {      // helpers inside finish their last task
            if (spins < 1 << 12) Thread.onSpinWait();
            else Thread.yield();                                    // a long last task: leave the core to others
        }
        Throwable e = failure.get();
        if (e instanceof RuntimeException re) throw re;
        if (e instanceof Error err) throw err;
    }

    @Override
    public void close() {
        if (cleanable != null) cleanable.clean();
    }

    @Override
    public String toString() {
        return threads == 1 ? "1 thread" : threads + " threads";
    }

    /** One call of {@link #forEach}: its worker, and how many helpers are inside (plus CLOSED once closed). */
    private static final class HandOut {
        private static final int CLOSED = 1 << 30;
        private final Runnable worker;
        private final int maxHelpers;
        private final AtomicInteger state = new AtomicInteger();

        HandOut(Runnable worker, int maxHelpers) {
            this.worker = worker;
            this.maxHelpers = maxHelpers;
        }

        /** Runs the worker on a helper if the hand-out is open and has room for one more. */
        void help() {
            for (int st; ; ) {
                st = state.get();
                if ((st & CLOSED) != 0 || st >= maxHelpers) return;
                if (state.compareAndSet(st, st + 1)) break;
            }
            try {
                worker.run();
            } finally {
                state.decrementAndGet();
            }
        }

        void close() {
            for (int st; ; ) {
                st = state.get();
                if (state.compareAndSet(st, st | CLOSED)) return;
            }
        }

        int inside() {
            return state.get() & ~CLOSED;
        }
    }

    /**
     * The helper threads and the hand-out they are offered. A helper runs each hand-out it sees once, then
     * looks for the next one for {@link #SPIN_NANOS} before it parks; the caller unparks parked helpers.
     * Concurrent callers on one instance are correct (every caller can do all of its tasks alone) but share
     * the helpers: the latest hand-out is the one offered.
     */
    private static final class Pool {
        private final AtomicReference<HandOut> current = new AtomicReference<>();
        private final Helper[] helpers;
        private volatile boolean shutdown;

        /** A helper thread and whether it is (about to be) parked. */
        private static final class Helper {
            Thread thread;
            volatile boolean parked;
        }

        Pool(int count) {
            helpers = new Helper[count];
            for (int i = 0; i < count; i++) {
                Helper h = new Helper();
                h.thread = new Thread(() -> loop(h), "dojo-kernels-" + NAMES.incrementAndGet());
                h.thread.setDaemon(true);
                helpers[i] = h;
            }
            for (Helper h : helpers) h.thread.start();
        }

        private static final AtomicInteger NAMES = new AtomicInteger();

        /**
         * Offers the hand-out, then wakes parked helpers. Volatile writes and reads are sequentially consistent:
         * a helper that announces {@code parked} and then reads {@code current} either sees this hand-out or is
         * seen parked here and unparked (an unpark before its park makes the park return at once).
         */
        void publish(HandOut h) {
            current.set(h);
            for (Helper helper : helpers) {
                if (helper.parked) LockSupport.unpark(helper.thread);
            }
        }

        void retract(HandOut h) {
            current.compareAndSet(h, null);
        }

        void shutdown() {
            shutdown = true;
            for (Helper h : helpers) LockSupport.unpark(h.thread);
        }

        private void loop(Helper self) {
            HandOut last = null;
            long idleSince = System.nanoTime();
            while (!shutdown) {
                HandOut h = current.get();
                if (h != null && h != last) {
                    last = h;
                    h.help();
                    idleSince = System.nanoTime();
                } else if (System.nanoTime() - idleSince < SPIN_NANOS) {
                    Thread.onSpinWait();
                } else {
                    self.parked = true;                       // announce, then look once more (see publish)
                    HandOut again = current.get();
                    if ((again == null || again == last) && !shutdown) LockSupport.park(this);
                    self.parked = false;
                    idleSince = System.nanoTime();
                }
            }
        }
    }
}
