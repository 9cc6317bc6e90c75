package dojo.grading;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML document as nodes that remember their line and column, so validation can name the place: the
 * exercise index and workshop.yaml both parse through it.
 */
public final class YamlTree {
    private YamlTree() {}

    /** A node of the document. */
    public sealed interface Node permits MapNode, ListNode, Scalar {
        int line();

        int column();
    }

    /** One key of a mapping, with the place of the key. */
    public record Entry(String key, int line, int column, Node value) {}

    /** A mapping; {@code duplicates} holds repeated keys (the first one wins in {@code entries}). */
    public record MapNode(Map<String, Entry> entries, List<Entry> duplicates, int line, int column) implements Node {}

    /** A sequence. */
    public record ListNode(List<Node> items, int line, int column) implements Node {}

    /** A scalar; {@code text} is null for an empty value or {@code null}. */
    public record Scalar(String text, boolean integer, boolean number, int line, int column) implements Node {}

    /** A parse failure at the place the YAML parser gave. */
    public static final class SyntaxError extends Exception {
        private static final long serialVersionUID = 1L;
        public final int line;
        public final int column;

        SyntaxError(String message, int line, int column) {
            super(message);
            this.line = line;
            this.column = column;
        }
    }

    /** Thread-safe once configured, and costly to build: one for the process (watch mode parses every round). */
    private static final YAMLFactory FACTORY = new YAMLFactory();

    /** Parses one document; null for an empty document. */
    public static Node parse(String text) throws SyntaxError {
        try (JsonParser p = FACTORY.createParser(text)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                return null;
            }
            return read(p);
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            String msg = e.getOriginalMessage();
            int nl = msg.indexOf('\n');
            throw new SyntaxError("invalid YAML: " + (nl > 0 ? msg.substring(0, nl) : msg),
                    loc == null ? 1 : Math.max(loc.getLineNr(), 1), loc == null ? 1 : Math.max(loc.getColumnNr(), 1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Node read(JsonParser p) throws IOException {
        JsonLocation loc = p.currentTokenLocation();
        int line = loc.getLineNr();
        int col = loc.getColumnNr();
        switch (p.currentToken()) {
            case START_OBJECT: {
                Map<String, Entry> entries = new LinkedHashMap<>();
                List<Entry> dups = new ArrayList<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    JsonLocation kl = p.currentTokenLocation();
                    String key = p.currentName();
                    p.nextToken();
                    Entry e = new Entry(key, kl.getLineNr(), kl.getColumnNr(), read(p));
                    if (entries.containsKey(key)) {
                        dups.add(e);
                    } else {
                        entries.put(key, e);
                    }
                }
                return new MapNode(entries, dups, line, col);
            }
            case START_ARRAY: {
                List<Node> items = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    items.add(read(p));
                }
                return new ListNode(items, line, col);
            }
            case VALUE_NULL:
                return new Scalar(null, false, false, line, col);
            case VALUE_NUMBER_INT:
                return new Scalar(p.getText(), true, true, line, col);
            case VALUE_NUMBER_FLOAT:
                return new Scalar(p.getText(), false, true, line, col);
            default:
                return new Scalar(p.getText(), false, false, line, col);
        }
    }
}
