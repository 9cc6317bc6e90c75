package dojo.progress;

import dojo.review.Rating;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Test helper run in a child JVM: appends events {@code <prefix>-<n>} to the log in a data
 * directory and prints {@code appended <n>} after each one is durable. Args: dataDir prefix count
 * (count &lt; 0: until killed).
 */
public final class AppendingChild {

    private AppendingChild() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        String prefix = args[1];
        long count = Long.parseLong(args[2]);
        Instant t0 = Instant.parse("2026-01-05T09:00:00Z");
        try (ProgressLog log = ProgressLog.open(dir)) {
            for (long i = 0; count < 0 || i < count; i++) {
                log.append(new ReviewEvent(prefix + "-" + i, "bank-" + prefix, "en", t0.plusSeconds(i),
                        Rating.of(1 + (int) (i % 4)), i % 4 >= 2, i % 4 >= 2 ? 1.0 : 0.0, i, "practice"));
                System.out.println("appended " + (i + 1));
                System.out.flush();
            }
        }
    }
}
