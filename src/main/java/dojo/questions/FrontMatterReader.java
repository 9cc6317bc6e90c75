package dojo.questions;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.commonmark.ext.front.matter.YamlFrontMatterBlock;
import org.commonmark.node.Node;
import org.commonmark.node.SourceSpan;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Finds the front matter (with commonmark's YAML front matter extension, or by its {@code ---} lines when
 * the extension does not take it) and validates it strictly with a real YAML parser, so a malformed line
 * gets a precise line:column.
 */
final class FrontMatterReader {
    static final Pattern ID = Pattern.compile("[a-z0-9]+(?:-[a-z0-9]+)*");
    static final List<String> LANGS = List.of("en", "zh");
    private static final List<String> KEYS = List.of("bank", "title", "lang");

    /** Lines of the front matter: {@code open} is the opening {@code ---}, {@code close} the closing one. */
    record Location(int open, int close, boolean closed) {}

    private final YAMLFactory yaml = YAMLFactory.builder().build();

    /**
     * Where the front matter is, or empty when the file has none (reported). An unclosed front matter is
     * reported and taken to end before the first heading, so the questions after it are still read.
     */
    Optional<Location> locate(SourceText src, Node document, List<Diagnostic> diags) {
        int open = firstNonBlankLine(src);
        if (open < 0 || !isDelimiter(src.line(open), true)) {
            diags.add(Diagnostic.error(SourcePos.of(src.file()),
                    "missing front matter: start the file with '---', 'bank: <id>', 'title: <title>', 'lang: en|zh', '---'"));
            return Optional.empty();
        }
        if (open != 0) {
            diags.add(Diagnostic.error(src.lineStartPos(open), "front matter must start on the first line of the file"));
        }
        if (document.getFirstChild() instanceof YamlFrontMatterBlock block) {
            List<SourceSpan> spans = block.getSourceSpans();
            int last = spans.get(spans.size() - 1).getLineIndex();
            if (spans.size() >= 2 && last > open && isDelimiter(src.line(last), false)) {
                return Optional.of(new Location(open, last, true));
            }
        }
        for (int i = open + 1; i < src.lineCount(); i++) {
            if (isDelimiter(src.line(i), false)) return Optional.of(new Location(open, i, true));
        }
        diags.add(Diagnostic.error(src.lineStartPos(open), "front matter is not closed: end it with a '---' line"));
        int end = open + 1;
        while (end < src.lineCount() && !src.line(end).startsWith("#")) end++;
        return Optional.of(new Location(open, end, false));
    }

    private static int firstNonBlankLine(SourceText src) {
        for (int i = 0; i < src.lineCount(); i++) {
            if (!src.line(i).isBlank()) return i;
        }
        return -1;
    }

    private static boolean isDelimiter(String line, boolean opening) {
        String s = line.strip();
        return s.equals("---") || (!opening && s.equals("..."));
    }

    /** Reads and validates bank, title and lang; {@code dirLang} is en/zh when the file sits in such a directory. */
    FrontMatter read(SourceText src, Optional<Location> location, Optional<String> dirLang, List<Diagnostic> diags) {
        SourcePos start = SourcePos.of(src.file());
        if (location.isEmpty()) {
            return new FrontMatter(Optional.empty(), Optional.empty(), Optional.empty(), start, start, start);
        }
        Location loc = location.get();
        start = src.lineStartPos(loc.open());
        int from = loc.open() + 1 < src.lineCount() ? src.lineStart(loc.open() + 1) : src.text().length();
        int to = loc.close() < src.lineCount() ? src.lineStart(loc.close()) : src.text().length();
        String text = from < to ? src.slice(from, to) : "";
        int lineOffset = loc.open() + 1; // YAML line 1 is the line after the opening ---

        Map<String, Field> fields = new LinkedHashMap<>();
        boolean syntaxOk = readFields(text, lineOffset, src, fields, diags);

        Optional<String> bank = Optional.empty();
        Optional<String> title = Optional.empty();
        Optional<String> lang = Optional.empty();
        SourcePos bankPos = start;
        SourcePos langPos = start;

        Field f = fields.get("bank");
        if (f != null) {
            bankPos = f.valuePos;
            if (f.value == null || f.value.isBlank()) {
                diags.add(Diagnostic.error(f.valuePos, "'bank' must be a bank id like 'fundamentals'"));
            } else if (!ID.matcher(f.value).matches()) {
                diags.add(Diagnostic.error(f.valuePos, "bad bank id '" + f.value
                        + "': use lowercase letters, digits and single '-' between them"));
            } else {
                bank = Optional.of(f.value);
            }
        } else if (syntaxOk) {
            diags.add(Diagnostic.error(start, "front matter has no 'bank' (the bank id, e.g. 'bank: fundamentals')"));
        }
        f = fields.get("title");
        if (f != null) {
            if (f.value == null || f.value.isBlank()) {
                diags.add(Diagnostic.error(f.valuePos, "'title' must be one line of text"));
            } else {
                title = Optional.of(f.value.strip());
            }
        } else if (syntaxOk) {
            diags.add(Diagnostic.error(start, "front matter has no 'title'"));
        }
        f = fields.get("lang");
        if (f != null) {
            langPos = f.valuePos;
            if (f.value == null || !LANGS.contains(f.value)) {
                diags.add(Diagnostic.error(f.valuePos, "lang must be 'en' or 'zh', found '"
                        + (f.value == null ? "" : f.value) + "'"));
            } else {
                lang = Optional.of(f.value);
                if (dirLang.isPresent() && !dirLang.get().equals(f.value)) {
                    diags.add(Diagnostic.error(f.valuePos, "lang '" + f.value + "' does not match the directory '"
                            + dirLang.get() + "/' the file is in"));
                }
            }
        } else if (syntaxOk) {
            diags.add(Diagnostic.error(start, "front matter has no 'lang' (en or zh)"));
        }
        return new FrontMatter(bank, title, lang, start, bankPos, langPos);
    }

    private record Field(String value, SourcePos keyPos, SourcePos valuePos) {}

    /** Walks the YAML tokens; returns false (after reporting) on a syntax error or a non-mapping document. */
    private boolean readFields(String text, int lineOffset, SourceText src, Map<String, Field> fields,
            List<Diagnostic> diags) {
        try (JsonParser p = yaml.createParser(text)) {
            JsonToken t = p.nextToken();
            if (t == null) return true;
            if (t != JsonToken.START_OBJECT) {
                diags.add(Diagnostic.error(at(src, lineOffset, p.currentTokenLocation()),
                        "front matter must be 'key: value' lines (bank, title, lang)"));
                return false;
            }
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                SourcePos keyPos = at(src, lineOffset, p.currentTokenLocation());
                t = p.nextToken();
                SourcePos valuePos = at(src, lineOffset, p.currentTokenLocation());
                String value;
                if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                    p.skipChildren();
                    value = null;
                    if (KEYS.contains(name)) {
                        diags.add(Diagnostic.error(valuePos, "'" + name + "' must be a single value, not a list or mapping"));
                    }
                } else {
                    value = t == JsonToken.VALUE_NULL ? "" : p.getText();
                }
                if (fields.containsKey(name)) {
                    diags.add(Diagnostic.error(keyPos, "duplicate front matter key '" + name + "' (first at line "
                            + fields.get(name).keyPos.line() + ")"));
                    continue;
                }
                if (!KEYS.contains(name)) {
                    diags.add(Diagnostic.warning(keyPos, "unknown front matter key '" + name + "' (known: bank, title, lang)"));
                }
                fields.put(name, new Field(value, keyPos, valuePos));
            }
            return true;
        } catch (JsonProcessingException e) {
            diags.add(yamlError(e, src, lineOffset));
            return false;
        } catch (IOException e) {
            diags.add(Diagnostic.error(src.lineStartPos(Math.max(0, lineOffset - 1)), "front matter: " + e.getMessage()));
            return false;
        }
    }

    private static SourcePos at(SourceText src, int lineOffset, JsonLocation loc) {
        int line = lineOffset + Math.max(1, loc.getLineNr()); // 1-based file line
        return clamp(src, line, Math.max(1, loc.getColumnNr()));
    }

    private static SourcePos clamp(SourceText src, int line1, int col1) {
        int line = Math.min(line1, src.lineCount());
        return new SourcePos(src.file(), line, col1);
    }

    private static Diagnostic yamlError(JsonProcessingException e, SourceText src, int lineOffset) {
        Throwable cause = e.getCause();
        if (cause instanceof MarkedYAMLException m) {
            Mark mark = m.getContextMark() != null ? m.getContextMark() : m.getProblemMark();
            String msg = m.getProblem() == null ? "invalid YAML" : m.getProblem();
            if (m.getContext() != null) msg += " (" + m.getContext() + ")";
            SourcePos pos = mark == null ? src.lineStartPos(lineOffset)
                    : clamp(src, lineOffset + mark.getLine() + 1, mark.getColumn() + 1);
            return Diagnostic.error(pos, "malformed front matter: " + oneLine(msg));
        }
        JsonLocation loc = e.getLocation();
        SourcePos pos = loc == null ? src.lineStartPos(lineOffset) : at(src, lineOffset, loc);
        return Diagnostic.error(pos, "malformed front matter: " + oneLine(e.getOriginalMessage()));
    }

    private static String oneLine(String s) {
        return s == null ? "invalid YAML" : s.replaceAll("\\s*\\R\\s*", " ").strip();
    }
}
