package dojo.workshop;

import java.time.Duration;

/**
 * Resource limits for grading one submission in its own JVM.
 *
 * @param wall wall-clock time for the whole submission (all its JVM runs together)
 * @param cpu CPU time per JVM run (prlimit --cpu)
 * @param memoryBytes Java heap (-Xmx); the address-space limit is derived from it
 * @param testTimeout time limit per test (the grading engine's own limit)
 * @param outputBytes what the submission may print outside the tests' captured output before it is stopped
 * @param fileSizeBytes largest file the submission may write (prlimit --fsize)
 */
public record Limits(Duration wall, Duration cpu, long memoryBytes, Duration testTimeout, long outputBytes,
        long fileSizeBytes) {

    public static Limits defaults() {
        return new Limits(Duration.ofSeconds(120), Duration.ofSeconds(90), 256L << 20, Duration.ofSeconds(5), 1L << 20,
                16L << 20);
    }

    /** Address space for the JVM: heap plus room for code cache, metaspace, thread stacks and the JDK's own mappings. */
    public long addressSpaceBytes() {
        return memoryBytes + (2048L << 20);
    }

    /** Parses durations like 90s, 2m, 500ms. */
    public static Duration parseDuration(String text) {
        try {
            return dojo.grading.GradingSettings.parseDuration(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a duration: '" + text + "' (use e.g. 90s, 2m, 500ms)");
        }
    }

    /** Parses sizes like 512k, 256m, 1g or a plain number of bytes. */
    public static long parseSize(String text) {
        String s = text.strip().toLowerCase(java.util.Locale.ROOT);
        long unit = 1;
        if (s.endsWith("b")) {
            s = s.substring(0, s.length() - 1);
        }
        if (s.endsWith("k")) {
            unit = 1L << 10;
        } else if (s.endsWith("m")) {
            unit = 1L << 20;
        } else if (s.endsWith("g")) {
            unit = 1L << 30;
        }
        if (unit > 1) {
            s = s.substring(0, s.length() - 1);
        }
        try {
            long v = Long.parseLong(s.strip());
            if (v <= 0) {
                throw new IllegalArgumentException("must be positive: '" + text + "'");
            }
            return Math.multiplyExact(v, unit);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("not a size: '" + text + "' (use e.g. 512k, 256m, 1g)");
        }
    }
}
