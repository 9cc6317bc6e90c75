package dojo.workshop;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** The collected submissions: {@code submissions/<learner>/<stamp>/} with {@code exercises/} and {@code submission.json}. */
public final class SubmissionStore {
    public static final String META = "submission.json";
    private final Path root;

    public SubmissionStore(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    /** Every submission of a learner, oldest first. */
    public List<Submission> all(String learner) {
        Path dir = root.resolve(learner);
        List<Submission> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> s = Files.list(dir)) {
            for (Path d : s.filter(Files::isDirectory).sorted().toList()) {
                out.add(read(learner, d));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** The learner's latest submission. */
    public Optional<Submission> latest(String learner) {
        List<Submission> all = all(learner);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    private static Submission read(String learner, Path d) {
        Path meta = d.resolve(META);
        Instant at = null;
        String source = "";
        List<String> changes = new ArrayList<>();
        if (Files.isRegularFile(meta)) {
            try {
                JsonNode n = GradeStore.json().readTree(meta.toFile());
                if (n.hasNonNull("submitted_at")) {
                    at = Instant.parse(n.get("submitted_at").asText());
                }
                source = n.path("source").asText("");
                n.path("framework_changes").forEach(c -> changes.add(c.asText()));
            } catch (IOException | java.time.format.DateTimeParseException e) {
                throw new WorkshopException(meta + ": unreadable submission record: " + e.getMessage());
            }
        }
        if (at == null) {
            try {
                at = Files.getLastModifiedTime(d).toInstant();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new Submission(learner, d.getFileName().toString(), d, at, source, changes);
    }
}
