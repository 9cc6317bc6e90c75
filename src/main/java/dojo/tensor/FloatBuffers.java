package dojo.tensor;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * Float arrays kept for reuse by the fused operations of one {@link FloatMatmul} scope, by length.
 *
 * <p>A training step of the text classifier allocates about 100 MB of activation and gradient buffers
 * in float; allocating them fresh costs 6-10 ms a step on one thread (the JVM zeroes every new array),
 * about a tenth of the step. A fused operation takes its buffers here and gives them back once its
 * backward has used them, so from the second step on nothing is allocated. A buffer handed out holds
 * stale values: every user overwrites it whole. Arrays never given back are simply collected.
 */
final class FloatBuffers {

    /** More idle buffers of one length than this are left to the collector. */
    private static final int MAX_IDLE_PER_LENGTH = 64;

    /**
     * At most this many idle floats (256 MiB) are kept. Batches of varying length need buffers of ever
     * new lengths; past the cap the pool drops everything it holds and starts over, rather than keeping
     * buffers of every length ever seen.
     */
    static final long MAX_IDLE_FLOATS = 64L << 20;

    private final Map<Integer, ArrayDeque<float[]>> idle = new HashMap<>();
    private final long maxIdleFloats;
    private long idleFloats;

    FloatBuffers() {
        this(MAX_IDLE_FLOATS);
    }

    /** Another cap on the idle floats (tests). */
    FloatBuffers(long maxIdleFloats) {
        this.maxIdleFloats = maxIdleFloats;
    }

    /** A buffer of exactly {@code length} floats, contents undefined. */
    synchronized float[] take(int length) {
        ArrayDeque<float[]> q = idle.get(length);
        float[] b = q == null ? null : q.pollLast();
        if (b == null) return new float[length];
        idleFloats -= length;
        return b;
    }

    /** Gives buffers back (nulls are skipped); the caller must not use them afterwards. */
    synchronized void give(float[]... buffers) {
        for (float[] b : buffers) {
            if (b == null) continue;
            ArrayDeque<float[]> q = idle.computeIfAbsent(b.length, k -> new ArrayDeque<>());
            for (float[] i : q) {
                if (i == b) throw new IllegalStateException("FloatBuffers: a buffer was given back twice");
            }
            if (q.size() >= MAX_IDLE_PER_LENGTH) continue;
            if (idleFloats + b.length > maxIdleFloats) {
                idle.clear();
                idleFloats = 0;
                q = idle.computeIfAbsent(b.length, k -> new ArrayDeque<>());
            }
            q.addLast(b);
            idleFloats += b.length;
        }
    }
}
