package dojo.progress;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dojo.review.Rating;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * One {@link ReviewEvent} as one JSON object (a line of reviews.jsonl, docs/progress-log.md).
 * Writing always produces the current format version; reading accepts any version, ignores
 * fields it does not know and fails with a short reason for anything it cannot trust.
 */
public final class ReviewEventCodec {

    /** The format version written in the {@code v} field of every line. */
    public static final int FORMAT_VERSION = 1;

    /**
     * Jackson's default read limits are for untrusted network input; a log line that is valid JSON is read
     * whatever its length or nesting (the JSON tree is built without recursion).
     */
    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxStringLength(Integer.MAX_VALUE)
                    .maxNumberLength(Integer.MAX_VALUE)
                    .maxNestingDepth(Integer.MAX_VALUE)
                    .maxNameLength(Integer.MAX_VALUE)
                    .maxDocumentLength(-1)
                    .build())
            .build());

    private ReviewEventCodec() {}

    /** The event as compact JSON, fields in a fixed order, without a line terminator. */
    public static String toJson(ReviewEvent e) {
        ObjectNode n = JSON.createObjectNode();
        n.put("v", FORMAT_VERSION);
        n.put("time", e.time().toString());
        n.put("id", e.questionId());
        if (e.bank() != null) n.put("bank", e.bank());
        if (e.lang() != null) n.put("lang", e.lang());
        n.put("rating", e.rating().value());
        n.put("correct", e.correct());
        n.put("score", e.score());
        n.put("duration_ms", e.durationMs());
        if (e.mode() != null) n.put("mode", e.mode());
        if (!e.shown().isEmpty()) {
            var arr = n.putArray("shown");
            for (String k : e.shown()) arr.add(k);
        }
        try {
            return JSON.writeValueAsString(n);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("cannot write a review event as JSON", ex);
        }
    }

    /**
     * Parses one line.
     *
     * @throws IllegalArgumentException with a short reason ("not JSON", "missing field 'id'") when
     *     the line is not a usable review record
     */
    public static ReviewEvent fromJson(String line) {
        JsonNode n;
        try {
            n = JSON.readTree(line);
        } catch (StreamConstraintsException ex) {
            throw new IllegalArgumentException("valid JSON but too large to read (" + ex.getOriginalMessage() + ")");
        } catch (JsonProcessingException ex) {
            throw new IllegalArgumentException("not valid JSON (torn or edited line)");
        }
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        JsonNode v = n.get("v");
        if (v != null && !(v.isIntegralNumber() && v.asInt() >= 1)) {
            throw new IllegalArgumentException("format version 'v' must be a positive integer, got " + v);
        }
        String id = text(n, "id", true);
        Instant time;
        try {
            time = Instant.parse(text(n, "time", true));
        } catch (DateTimeParseException ex) {
            throw new IllegalArgumentException("field 'time' is not an ISO-8601 instant: " + n.get("time"));
        }
        JsonNode r = required(n, "rating");
        if (!r.isIntegralNumber() || r.asInt() < 1 || r.asInt() > 4) {
            throw new IllegalArgumentException("field 'rating' must be 1..4, got " + r);
        }
        JsonNode c = required(n, "correct");
        if (!c.isBoolean()) {
            throw new IllegalArgumentException("field 'correct' must be true or false, got " + c);
        }
        JsonNode s = required(n, "score");
        if (!s.isNumber()) {
            throw new IllegalArgumentException("field 'score' must be a number, got " + s);
        }
        JsonNode d = n.get("duration_ms");
        if (d != null && !d.isNull() && !d.isIntegralNumber()) {
            throw new IllegalArgumentException("field 'duration_ms' must be an integer, got " + d);
        }
        long durationMs = d == null || d.isNull() ? 0L : d.asLong();
        List<String> shown = new ArrayList<>();
        JsonNode sh = n.get("shown");
        if (sh != null && !sh.isNull()) {
            if (!sh.isArray()) throw new IllegalArgumentException("field 'shown' must be an array, got " + sh);
            for (JsonNode k : sh) {
                if (!k.isTextual()) throw new IllegalArgumentException("field 'shown' must hold strings, got " + k);
                shown.add(k.asText());
            }
        }
        return new ReviewEvent(id, text(n, "bank", false), text(n, "lang", false), time,
                Rating.of(r.asInt()), c.asBoolean(), s.asDouble(), durationMs, text(n, "mode", false), shown);
    }

    private static JsonNode required(JsonNode n, String field) {
        JsonNode f = n.get(field);
        if (f == null || f.isNull()) {
            throw new IllegalArgumentException("missing field '" + field + "'");
        }
        return f;
    }

    private static String text(JsonNode n, String field, boolean required) {
        JsonNode f = required ? required(n, field) : n.get(field);
        if (f == null || f.isNull()) {
            return null;
        }
        if (!f.isTextual()) {
            throw new IllegalArgumentException("field '" + field + "' must be a string, got " + f);
        }
        if (dojo.ControlChars.hasUnsafe(f.asText())) {
            // such a value could reach the terminal through stats (ids of questions no bank has any more)
            throw new IllegalArgumentException("field '" + field + "' holds a control character");
        }
        return f.asText();
    }
}
