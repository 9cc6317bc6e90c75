package dojo.grading;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which hint tiers a learner has revealed, per exercise: {@code hints.json}, a small JSON file
 * ({@code {"version":1,"seen":{"ex01_softmax":2},"events":[{"exercise":..,"tier":..,"at":..}]}}).
 *
 * <p>Location ({@link #defaultFile}): {@code $DOJO_HOME/hints.json} when {@code DOJO_HOME} is set, else
 * {@code <project>/.dojo/hints.json}. Written atomically (temp file + rename); a corrupt file is reported, never
 * silently reset.
 */
public final class HintLedger {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final Map<String, Integer> seen;
    private final List<Event> events;

    /** One revealed hint. */
    public record Event(String exercise, int tier, String at) {}

    private HintLedger(Path file, Map<String, Integer> seen, List<Event> events) {
        this.file = file;
        this.seen = new LinkedHashMap<>(seen);
        this.events = new ArrayList<>(events);
    }

    /** {@code $DOJO_HOME/hints.json} if {@code dojoHome} is given, else {@code <project>/.dojo/hints.json}. */
    public static Path defaultFile(Path projectDir, Optional<String> dojoHome) {
        return dojoHome.filter(s -> !s.isBlank()).map(s -> Path.of(s).resolve("hints.json"))
                .orElse(projectDir.resolve(".dojo").resolve("hints.json"));
    }

    /** The ledger location for this process (reads the {@code DOJO_HOME} environment variable). */
    public static Path defaultFile(Path projectDir) {
        return defaultFile(projectDir, Optional.ofNullable(System.getenv("DOJO_HOME")));
    }

    /**
     * Reads the ledger; an absent file is an empty ledger.
     *
     * @throws IllegalArgumentException when the file exists but is not a hint ledger (names the file)
     */
    public static HintLedger load(Path file) {
        if (!Files.exists(file)) {
            return new HintLedger(file, Map.of(), List.of());
        }
        try {
            JsonNode root = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
            Map<String, Integer> seen = new LinkedHashMap<>();
            List<Event> events = new ArrayList<>();
            JsonNode s = root == null ? null : root.get("seen");
            if (s == null || !s.isObject()) {
                throw new IllegalArgumentException(file + ": not a hint ledger (no \"seen\" object); delete it to start over");
            }
            for (Map.Entry<String, JsonNode> e : s.properties()) {
                seen.put(e.getKey(), Math.max(0, e.getValue().asInt()));
            }
            JsonNode ev = root.get("events");
            if (ev != null && ev.isArray()) {
                for (JsonNode n : ev) {
                    events.add(new Event(n.path("exercise").asText(), n.path("tier").asInt(), n.path("at").asText()));
                }
            }
            return new HintLedger(file, seen, events);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(file + ":" + e.getLocation().getLineNr() + ":" + e.getLocation().getColumnNr()
                    + ": not valid JSON (" + e.getOriginalMessage() + "); delete it to start over");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    public Path file() {
        return file;
    }

    /** Tiers revealed for an exercise (0 if none). */
    public int seen(String exerciseId) {
        return seen.getOrDefault(exerciseId, 0);
    }

    public Map<String, Integer> seenByExercise() {
        return Map.copyOf(seen);
    }

    public List<Event> events() {
        return List.copyOf(events);
    }

    /**
     * Records that tier {@code tier} (1-based) of an exercise was shown, and saves the ledger.
     *
     * @return the number of tiers now revealed for the exercise
     */
    public int reveal(String exerciseId, int tier, Clock clock) {
        int now = Math.max(seen(exerciseId), tier);
        seen.put(exerciseId, now);
        events.add(new Event(exerciseId, tier, clock.instant().toString()));
        save();
        return now;
    }

    private void save() {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", 1);
        ObjectNode s = root.putObject("seen");
        seen.forEach(s::put);
        ArrayNode ev = root.putArray("events");
        for (Event e : events) {
            ev.addObject().put("exercise", e.exercise()).put("tier", e.tier()).put("at", e.at());
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), "hints", ".tmp");
            Files.writeString(tmp, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n", StandardCharsets.UTF_8);
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
