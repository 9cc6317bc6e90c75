package dojo.progress;

import dojo.review.Rating;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Writes a large, realistic review log for timing {@code stats} and quiz start (docs/progress-log.md,
 * "Performance"): {@code N} events over the question ids of a banks directory, spread over a year,
 * seeded so every run writes the same file.
 *
 * <pre>java -cp target/classes:target/test-classes:$(cat target/classpath.txt) \
 *     dojo.progress.ReviewLogGenerator DATA_DIR [N=200000] [QUESTIONS_DIR=questions/en] [SEED=42]</pre>
 */
public final class ReviewLogGenerator {
    private static final Pattern ID = Pattern.compile("^- id: ([a-z0-9-]+)\\s*$", Pattern.MULTILINE);

    private ReviewLogGenerator() {}

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: ReviewLogGenerator DATA_DIR [N] [QUESTIONS_DIR] [SEED]");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
        Path questions = Path.of(args.length > 2 ? args[2] : "questions/en");
        long seed = args.length > 3 ? Long.parseLong(args[3]) : 42;
        List<String> ids = ids(questions);
        if (ids.isEmpty()) ids = List.of("q-one", "q-two", "q-three");
        Files.createDirectories(dir);
        write(dir.resolve(ProgressLog.FILE_NAME), n, ids, new Random(seed), Instant.parse("2026-01-01T08:00:00Z"));
        System.out.println("wrote " + n + " events over " + ids.size() + " ids to " + dir.resolve(ProgressLog.FILE_NAME));
    }

    static List<String> ids(Path questions) throws IOException {
        List<String> ids = new ArrayList<>();
        if (!Files.isDirectory(questions)) return ids;
        try (Stream<Path> files = Files.walk(questions)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".md")).sorted().toList()) {
                Matcher m = ID.matcher(Files.readString(f));
                while (m.find()) ids.add(m.group(1));
            }
        }
        return ids;
    }

    /** {@code n} events in time order, a few seconds to a few hours apart. */
    static void write(Path file, int n, List<String> ids, Random rnd, Instant start) throws IOException {
        Instant t = start;
        String[] modes = {"practice", "exam", "review", "retry"};
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 0; i < n; i++) {
                t = t.plus(Duration.ofMillis(5_000 + rnd.nextInt(150_000)));
                Rating r = Rating.of(1 + rnd.nextInt(4));
                double score = r == Rating.AGAIN ? 0 : r == Rating.HARD ? 0.5 : 1;
                ReviewEvent e = new ReviewEvent(ids.get(rnd.nextInt(ids.size())), "bank", i % 3 == 0 ? "zh" : "en",
                        t, r, score == 1, score, 1_000 + rnd.nextInt(60_000), modes[rnd.nextInt(modes.length)]);
                w.write(ReviewEventCodec.toJson(e));
                w.write('\n');
            }
        }
    }
}
