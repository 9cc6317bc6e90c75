package dojo.workshop;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Reads and writes {@code <learner>.json} grade files, and merges the folders of several shards. */
public final class GradeStore {
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).enable(SerializationFeature.INDENT_OUTPUT)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private GradeStore() {}

    public static ObjectMapper json() {
        return JSON;
    }

    /** Writes {@code dir/<learner>.json} atomically (a reader never sees half a file). */
    public static Path write(Path dir, SubmissionResult r) {
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve(r.learner() + ".json");
            Path tmp = Files.createTempFile(dir, "." + r.learner(), ".tmp");
            JSON.writeValue(tmp.toFile(), r);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a grade to " + dir + ": " + e.getMessage(), e);
        }
    }

    public static SubmissionResult read(Path file) {
        try {
            return JSON.readValue(file.toFile(), SubmissionResult.class);
        } catch (IOException e) {
            throw new WorkshopException(file + ": not a grade file: " + firstLine(e.getMessage()));
        }
    }

    /** Every grade in {@code dir}, by learner id; an empty map when the folder does not exist. */
    public static Map<String, SubmissionResult> readAll(Path dir) {
        Map<String, SubmissionResult> out = new LinkedHashMap<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> s = Files.list(dir)) {
            for (Path f : s.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList()) {
                SubmissionResult r = read(f);
                out.put(r.learner(), r);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /**
     * Merges the grade folders of shards into {@code target}.
     *
     * @return learners of the roster that no shard graded (empty when complete)
     * @throws WorkshopException when a learner is graded in two shards, or a grade names a learner not in the roster
     */
    public static List<String> merge(List<Path> shardDirs, Path target, WorkshopConfig config) {
        Map<String, Path> from = new LinkedHashMap<>();
        Map<String, SubmissionResult> results = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (Path d : shardDirs) {
            if (!Files.isDirectory(d)) {
                problems.add(d + ": not a folder of grades");
                continue;
            }
            for (Map.Entry<String, SubmissionResult> e : readAll(d).entrySet()) {
                if (config.learner(e.getKey()).isEmpty()) {
                    problems.add(d.resolve(e.getKey() + ".json") + ": learner '" + e.getKey() + "' is not in the roster");
                } else if (from.containsKey(e.getKey())) {
                    problems.add(d.resolve(e.getKey() + ".json") + ": learner '" + e.getKey() + "' was also graded in "
                            + from.get(e.getKey()) + " (overlapping shards?)");
                } else {
                    from.put(e.getKey(), d);
                    results.put(e.getKey(), e.getValue());
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new WorkshopException(problems);
        }
        for (SubmissionResult r : results.values()) {
            write(target, r);
        }
        return config.roster().stream().map(Learner::id).filter(id -> !results.containsKey(id)).toList();
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
