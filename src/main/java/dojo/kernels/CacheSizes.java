package dojo.kernels;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Data cache sizes of this machine, as the kernel reports them for CPU 0 in
 * {@code /sys/devices/system/cpu/cpu0/cache/index*} ({@code level}, {@code type}, {@code size}); the
 * block sizes of {@link Sgemm} are derived from them. A level the system does not report (another OS, a
 * container without /sys) falls back to a common size: 32 KiB L1d, 1 MiB L2, 8 MiB L3.
 *
 * @param l1d bytes of level-1 data cache per core
 * @param l2 bytes of level-2 cache per core
 * @param l3 bytes of level-3 cache (shared by the cores listed with it)
 * @param source where the numbers came from, for reports
 */
public record CacheSizes(long l1d, long l2, long l3, String source) {

    static final long FALLBACK_L1D = 32 << 10, FALLBACK_L2 = 1 << 20, FALLBACK_L3 = 8 << 20;
    private static final Path SYS = Path.of("/sys/devices/system/cpu/cpu0/cache");

    /** The common sizes used when the system reports nothing. */
    public static CacheSizes fallback() {
        return new CacheSizes(FALLBACK_L1D, FALLBACK_L2, FALLBACK_L3, "fallback");
    }

    /** This machine's caches, read once per call from /sys; missing levels fall back. */
    public static CacheSizes detect() {
        return read(SYS);
    }

    static CacheSizes read(Path dir) {
        long l1 = 0, l2 = 0, l3 = 0;
        if (Files.isDirectory(dir)) {
            try (Stream<Path> entries = Files.list(dir)) {
                for (Path index : entries.filter(p -> p.getFileName().toString().startsWith("index")).toList()) {
                    try {
                        int level = Integer.parseInt(Files.readString(index.resolve("level")).trim());
                        String type = Files.readString(index.resolve("type")).trim();
                        long size = parseSize(Files.readString(index.resolve("size")).trim());
                        if (type.equals("Instruction") || size <= 0) continue;
                        if (level == 1) l1 = size;
                        else if (level == 2) l2 = size;
                        else if (level == 3) l3 = size;
                    } catch (IOException | RuntimeException e) {
                        // an unreadable entry counts as not reported
                    }
                }
            } catch (IOException e) {
                // no cache information: fall back below
            }
        }
        boolean all = l1 > 0 && l2 > 0 && l3 > 0, none = l1 == 0 && l2 == 0 && l3 == 0;
        return new CacheSizes(l1 > 0 ? l1 : FALLBACK_L1D, l2 > 0 ? l2 : FALLBACK_L2, l3 > 0 ? l3 : FALLBACK_L3,
                all ? dir.toString() : none ? "fallback" : dir + " (missing levels: fallback)");
    }

    /** "32K", "1024K", "32M", "1048576" -> bytes; -1 if unreadable. */
    static long parseSize(String s) {
        if (s.isEmpty()) return -1;
        char unit = Character.toUpperCase(s.charAt(s.length() - 1));
        long mul = unit == 'K' ? 1L << 10 : unit == 'M' ? 1L << 20 : unit == 'G' ? 1L << 30 : 1;
        String digits = Character.isDigit(unit) ? s : s.substring(0, s.length() - 1);
        try {
            return Long.parseLong(digits.trim()) * mul;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "L1d %d KiB, L2 %d KiB, L3 %d KiB (%s)", l1d >> 10, l2 >> 10, l3 >> 10, source);
    }
}
