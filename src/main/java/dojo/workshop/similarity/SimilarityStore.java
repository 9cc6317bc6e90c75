package dojo.workshop.similarity;

import com.fasterxml.jackson.databind.JsonNode;
import dojo.workshop.GradeStore;
import dojo.workshop.WorkshopException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** {@code similarity.json}: every compared pair; the gradebook reads the flagged ones. */
public final class SimilarityStore {
    public static final String FILE = "similarity.json";

    private SimilarityStore() {}

    public static void write(Path file, List<Similarity.Pair> pairs) {
        try {
            GradeStore.json().writeValue(file.toFile(), Map.of("pairs", pairs));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Learner to the learners they are flagged with (any exercise); empty when there is no file. */
    public static Map<String, Set<String>> flagged(Path file) {
        Map<String, Set<String>> out = new TreeMap<>();
        if (!Files.isRegularFile(file)) {
            return out;
        }
        try {
            for (JsonNode p : GradeStore.json().readTree(file.toFile()).path("pairs")) {
                if (p.path("flagged").asBoolean()) {
                    String a = p.path("a").asText();
                    String b = p.path("b").asText();
                    out.computeIfAbsent(a, k -> new TreeSet<>()).add(b);
                    out.computeIfAbsent(b, k -> new TreeSet<>()).add(a);
                }
            }
        } catch (IOException e) {
            throw new WorkshopException(file + ": unreadable (" + e.getMessage().lines().findFirst().orElse("") + ")");
        }
        return out;
    }
}
