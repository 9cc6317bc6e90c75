package dojo.workshop.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dojo.progress.ProgressLog;
import dojo.progress.ReviewEvent;
import dojo.progress.ReviewEventCodec;
import dojo.workshop.Learner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a finished live session leaves in the workshop folder:
 *
 * <pre>
 * live/&lt;time&gt;-&lt;code&gt;.json                  results: questions, histograms, leaderboards, every player's answers
 * live/&lt;time&gt;-&lt;code&gt;/reviews/&lt;name&gt;.jsonl    a player's misses as review-log lines (when not appended to a log)
 * </pre>
 *
 * A player is a roster learner when the name they joined with is the learner's id or "first last"
 * (case-insensitive). The gradebook adds a {@code live_points} column: each learner's points summed over all
 * sessions in {@code live/} ({@link #pointsByLearner}).
 */
public final class LiveOutputs {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT).withZone(ZoneOffset.UTC);

    private LiveOutputs() {}

    /** Where a player's misses went. */
    public record ReviewOutcome(String player, Optional<String> learner, int misses, Path file, boolean appendedToLog) {}

    /** The roster learner a player name stands for, if any. */
    public static Optional<Learner> learnerFor(String name, List<Learner> roster) {
        String n = name.strip().toLowerCase(Locale.ROOT);
        return roster.stream().filter(l -> l.id().toLowerCase(Locale.ROOT).equals(n)
                || (l.firstName() + " " + l.lastName()).strip().toLowerCase(Locale.ROOT).equals(n)).findFirst();
    }

    /** The session's base name {@code <time>-<code>} (UTC time the session was created). */
    public static String baseName(LiveSession s) {
        return STAMP.format(s.createdAt()) + "-" + s.code();
    }

    /** The results document. */
    public static ObjectNode results(LiveSession s, String title, List<Learner> roster) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", "dojo-live-1");
        root.put("title", title);
        root.put("code", s.code());
        root.put("started", s.createdAt().toString());
        root.put("finished", s.finishedAt().map(Object::toString).orElse(null));
        root.put("time_limit_s", s.timeLimit().toSeconds());
        root.put("points_rule", "round(score * 500 * (1 + time left / time limit)); 0 for wrong or no answer");
        ArrayNode qs = root.putArray("questions");
        for (int i = 0; i < s.asked(); i++) {
            LiveQuestion q = s.questions().get(i);
            ObjectNode qn = qs.addObject();
            qn.put("index", i);
            qn.put("id", q.id());
            qn.put("type", q.in("en").question().type().key());
            qn.put("correct_answer", LiveQuestions.correctAnswer(q.in("en")));
            ArrayNode shown = qn.putArray("shown_order");
            q.shownOrder().forEach(shown::add);
            if (s.closedAt(i).isPresent()) qn.set("histogram", LiveServer.histogram(s.histogram(i)));
        }
        root.set("leaderboard", LiveServer.leaderboard(s.leaderboard(), Integer.MAX_VALUE));
        root.set("teams", LiveServer.teams(s.teamLeaderboard()));
        ArrayNode ps = root.putArray("players");
        for (LiveSession.PlayerResult r : s.results()) {
            ObjectNode pn = ps.addObject();
            pn.put("name", r.player().name());
            pn.put("team", r.player().team());
            pn.put("lang", r.player().lang());
            Optional<Learner> l = learnerFor(r.player().name(), roster);
            if (l.isPresent()) pn.put("learner", l.get().id());
            else pn.putNull("learner");
            pn.put("points", r.points());
            pn.put("correct", r.correct());
            ArrayNode as = pn.putArray("answers");
            for (LiveSession.PlayerAnswer a : r.answers().values()) {
                as.addObject().put("question", a.question()).put("given", a.given()).put("score", a.score())
                        .put("correct", a.correct()).put("points", a.points()).put("ms", a.took().toMillis());
            }
        }
        return root;
    }

    /** Writes the results document to {@code live/<time>-<code>.json} under {@code workshopDir}. */
    public static Path writeResults(Path workshopDir, LiveSession s, String title, List<Learner> roster) throws IOException {
        Path file = workshopDir.resolve("live").resolve(baseName(s) + ".json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(results(s, title, roster)) + "\n",
                StandardCharsets.UTF_8);
        return file;
    }

    /**
     * Each player's misses ({@link LiveSession#misses}): appended to the learner's own review log when the player is a
     * roster learner and {@code dataDirPattern} is given ({@code {id}} replaced by the learner id, e.g.
     * {@code /home/{id}/.local/share/attention-dojo}); otherwise written as {@code live/<time>-<code>/reviews/<name>.jsonl},
     * lines in the review-log format the player can append to their own {@code reviews.jsonl}. Players without misses
     * get nothing.
     */
    public static List<ReviewOutcome> writeReviews(Path workshopDir, LiveSession s, List<Learner> roster, String dataDirPattern)
            throws IOException {
        List<ReviewOutcome> out = new ArrayList<>();
        Set<String> usedFiles = new HashSet<>();
        Path dir = workshopDir.resolve("live").resolve(baseName(s)).resolve("reviews");
        for (LiveSession.PlayerResult r : s.results()) {
            List<ReviewEvent> misses = s.misses(r);
            if (misses.isEmpty()) continue;
            Optional<Learner> l = learnerFor(r.player().name(), roster);
            if (l.isPresent() && dataDirPattern != null) {
                Path data = Path.of(dataDirPattern.replace("{id}", l.get().id()));
                try (ProgressLog log = ProgressLog.open(data)) {
                    for (ReviewEvent e : misses) log.append(e);
                }
                out.add(new ReviewOutcome(r.player().name(), Optional.of(l.get().id()), misses.size(),
                        data.toAbsolutePath().normalize().resolve(ProgressLog.FILE_NAME), true));
                continue;
            }
            String base = l.map(Learner::id).orElse(fileName(r.player().name()));
            String name = base;
            for (int k = 2; !usedFiles.add(name.toLowerCase(Locale.ROOT)); k++) name = base + "-" + k;
            Path file = dir.resolve(name + ".jsonl");
            Files.createDirectories(dir);
            StringBuilder b = new StringBuilder();
            for (ReviewEvent e : misses) b.append(ReviewEventCodec.toJson(e)).append('\n');
            Files.writeString(file, b.toString(), StandardCharsets.UTF_8);
            out.add(new ReviewOutcome(r.player().name(), l.map(Learner::id), misses.size(), file, false));
        }
        return out;
    }

    /** A player name as a file name: letters and digits (any script), '.', '_', '-' kept; the rest '_'. */
    static String fileName(String name) {
        StringBuilder b = new StringBuilder();
        name.codePoints().forEach(c -> b.appendCodePoint(Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '-' ? c : '_'));
        String s = b.toString();
        if (s.isEmpty() || s.startsWith(".")) s = "_" + s;
        return s;
    }

    /**
     * Points per roster learner id over every {@code live/*.json} in the workshop folder (0 or absent when no
     * session had them). A file that is not a results document is named in the exception.
     */
    public static Map<String, Integer> pointsByLearner(Path workshopDir) throws IOException {
        Map<String, Integer> points = new TreeMap<>();
        Path dir = workshopDir.resolve("live");
        if (!Files.isDirectory(dir)) return points;
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.json")) {
            ds.forEach(files::add);
        }
        files.sort(null);
        for (Path f : files) {
            JsonNode root;
            try {
                root = JSON.readTree(f.toFile());
            } catch (IOException e) {
                throw new IOException(f + ": not a live results file (" + e.getMessage().lines().findFirst().orElse("") + ")");
            }
            if (root == null || !"dojo-live-1".equals(root.path("format").asText())) {
                throw new IOException(f + ": not a live results file (format is not dojo-live-1)");
            }
            for (JsonNode p : root.path("players")) {
                if (p.path("learner").isTextual()) points.merge(p.get("learner").asText(), p.path("points").asInt(), Integer::sum);
            }
        }
        return points;
    }
}
