package dojo.workshop.similarity;

import dojo.workshop.Learner;
import dojo.workshop.Submission;
import dojo.workshop.SubmissionStore;
import dojo.workshop.WorkshopConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Compares every learner's latest submission with every other, per workshop exercise. */
public final class SimilarityRun {
    /** The pairs and the code they were computed from (learner to exercise to file name to source). */
    public record Result(List<Similarity.Pair> pairs, Map<String, Map<String, Map<String, String>>> code) {}

    private SimilarityRun() {}

    public static Result run(WorkshopConfig config, SubmissionStore store, Path projectDir, Similarity.Settings s) {
        Map<String, Map<String, Map<String, String>>> code = new TreeMap<>();
        for (Learner l : config.roster()) {
            Optional<Submission> sub = store.latest(l.id());
            if (sub.isEmpty()) {
                continue;
            }
            Map<String, Map<String, String>> byExercise = new TreeMap<>();
            for (String id : config.exerciseIds()) {
                byExercise.put(id, javaFiles(sub.get().exercises().resolve(id)));
            }
            code.put(l.id(), byExercise);
        }
        List<Similarity.Pair> pairs = new ArrayList<>();
        for (String id : config.exerciseIds()) {
            Map<String, Map<String, String>> perLearner = new TreeMap<>();
            code.forEach((learner, ex) -> {
                if (!ex.get(id).isEmpty()) {
                    perLearner.put(learner, ex.get(id));
                }
            });
            pairs.addAll(Similarity.compare(id, perLearner, javaFiles(projectDir.resolve("exercises").resolve(id)), s));
        }
        pairs.sort(java.util.Comparator.comparingDouble(Similarity.Pair::similarity).reversed());
        return new Result(pairs, code);
    }

    static Map<String, String> javaFiles(Path dir) {
        Map<String, String> out = new TreeMap<>();
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return out;
        }
        try (Stream<Path> s = Files.list(dir)) {
            for (Path f : s.filter(p -> p.toString().endsWith(".java") && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).sorted().toList()) {
                out.put(f.getFileName().toString(), Files.readString(f, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
