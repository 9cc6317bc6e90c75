package dojo.bench;

import dojo.grading.ExerciseIndex;
import dojo.grading.ExerciseInfo;
import dojo.grading.GradeRequest;
import dojo.grading.GradingEngine;
import dojo.grading.watch.TreeWatcher;
import dojo.grading.watch.WatchRound;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Edit-to-graded-result latency of {@code dojo watch}: copies {@code solutions/} to a temporary tree, watches it
 * with {@link TreeWatcher} (as {@code dojo watch} does), then, round after round, appends a comment to one
 * exercise's implementation file and times from the write to the graded report (file event, quiet period,
 * javac in process, the exercise's public and hidden suites and those of every exercise that requires it).
 * Exercises take turns; the first rounds warm the JVM and are not counted.
 *
 * <pre>
 * java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Ddojo.project.dir=$PWD \
 *     -cp target/classes:target/test-classes:$(cat target/classpath.txt) \
 *     dojo.bench.WatchLatency [measured rounds per exercise, default 5] [warm-up rounds, default 5]
 * </pre>
 * (C1 only, as {@code ./dojo watch} runs; leave the flag out to compare with C2.)
 * <pre>
 * </pre>
 */
public final class WatchLatency {

    public static void main(String[] args) throws IOException {
        Path project = Path.of(System.getProperty("dojo.project.dir", ".")).toAbsolutePath().normalize();
        int perExercise = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        ExerciseIndex index = ExerciseIndex.load(project);
        Path tree = Files.createTempDirectory("dojo-watch-bench").resolve("exercises");
        copy(project.resolve("solutions"), tree);
        Map<String, List<Double>> millis = new LinkedHashMap<>();
        List<Double> all = new ArrayList<>();
        GradeRequest request = GradeRequest.of(project).withTree(tree);
        try (TreeWatcher watcher = new TreeWatcher(request, new GradingEngine(), Clock.systemUTC(), Map::of)) {
            watcher.gradeAll();
            List<ExerciseInfo> exercises = index.exercises();
            int total = warmup + perExercise * exercises.size();
            for (int r = 0; r < total; r++) {
                ExerciseInfo e = exercises.get(r % exercises.size());
                Path file = tree.resolve(e.implementationFile());
                long t0 = System.nanoTime();
                Files.writeString(file, "// edit " + r + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
                WatchRound round = watcher.awaitAndGrade();
                double ms = (System.nanoTime() - t0) / 1e6;
                if (round == null || !round.changed().contains(e.id())) {
                    throw new IllegalStateException("round " + r + " did not grade " + e.id());
                }
                if (r >= warmup) {
                    millis.computeIfAbsent(e.id(), k -> new ArrayList<>()).add(ms);
                    all.add(ms);
                }
                System.out.printf(Locale.ROOT, "%s round %2d  %-15s graded %-45s %7.0f ms%n", r < warmup ? "warm-up" : "measure",
                        r, e.id(), String.join(",", round.graded()), ms);
            }
        } finally {
            delete(tree.getParent());
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "%-15s %6s %8s %8s %8s%n", "edited", "rounds", "p50 ms", "p95 ms", "max ms");
        millis.forEach((id, v) -> line(id, v));
        line("all", all);
    }

    private static void line(String what, List<Double> v) {
        List<Double> s = v.stream().sorted().toList();
        System.out.printf(Locale.ROOT, "%-15s %6d %8.0f %8.0f %8.0f%n", what, s.size(), pct(s, 50), pct(s, 95), s.get(s.size() - 1));
    }

    /** Nearest-rank percentile. */
    static double pct(List<Double> sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
