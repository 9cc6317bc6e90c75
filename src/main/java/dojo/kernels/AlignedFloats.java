package dojo.kernels;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;

/**
 * Float buffers whose elements from {@link #OFFSET} on start on a 64-byte boundary, on HotSpot's default
 * collector (G1). A 64-byte vector load that starts elsewhere spans two cache lines; on Intel's AVX-512
 * cores that costs a second pass through a load port, and the SGEMM micro-kernel makes two such loads of
 * packed B per six broadcasts: measured on a Xeon (family 6 model 167), aligned panels gave the n = 1024
 * product 10-15% more GFLOP/s on one thread (docs/kernels.md, "Alignment").
 *
 * <p>Java does not let a program choose an array's address, but G1 puts every array of at least half a heap
 * region ("humongous") at the start of its own region, and regions are aligned to their size (1-32 MiB).
 * So a buffer is allocated that large, and its first aligned element is the one after the array header.
 * Under another collector the buffer is merely large: nothing is wrong, loads are as fast as before.
 * Alignment never changes a result, only where the same numbers are read from.
 */
final class AlignedFloats {

    /** First element on a 64-byte boundary: after the 16-byte header of a float[] (12), or the header's size rounded. */
    static final int OFFSET = offset(sun.misc.Unsafe.ARRAY_FLOAT_BASE_OFFSET);

    /** Smallest float[] that G1 allocates at a region start, or 0 when the JVM does not say (no G1, not HotSpot). */
    static final int HUMONGOUS_FLOATS = humongousFloats();

    private AlignedFloats() {}

    /** A buffer with {@code floats} usable elements from {@link #OFFSET} on. */
    static float[] allocate(int floats) {
        long size = Math.max((long) OFFSET + floats, HUMONGOUS_FLOATS);
        if (size > Integer.MAX_VALUE - 8) throw new IllegalArgumentException(floats + " floats do not fit in one array");
        return new float[(int) size];
    }

    /** Usable elements of a buffer from {@link #allocate}. */
    static int capacity(float[] buffer) {
        return buffer.length - OFFSET;
    }

    static int offset(int headerBytes) {
        return (64 - headerBytes % 64) % 64 / Float.BYTES;
    }

    private static int humongousFloats() {
        try {
            HotSpotDiagnosticMXBean hotspot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            if (hotspot == null || !Boolean.parseBoolean(hotspot.getVMOption("UseG1GC").getValue())) return 0;
            long region = Long.parseLong(hotspot.getVMOption("G1HeapRegionSize").getValue());
            return (int) Math.min(Integer.MAX_VALUE - 8, region / 2 / Float.BYTES);
        } catch (RuntimeException | LinkageError e) { // not HotSpot, no such option, no jdk.management
            return 0;
        }
    }
}
