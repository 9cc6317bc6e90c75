package dojo.grading.mutant;

import com.github.difflib.patch.Patch;
import com.github.difflib.patch.PatchFailedException;
import com.github.difflib.unifieddiff.UnifiedDiff;
import com.github.difflib.unifieddiff.UnifiedDiffFile;
import com.github.difflib.unifieddiff.UnifiedDiffReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One mutant: a unified diff that puts one known bug into a reference solution, read from
 * {@code src/mutants/<exercise>/<name>.patch}.
 *
 * <pre>
 * # MUTANT: in_proj_bias and out_proj.bias are ignored
 * # the hidden suite's golden vectors (non-zero biases) should catch it
 * --- a/ex04_multihead/MultiHeadAttentionLayer.java
 * +++ b/ex04_multihead/MultiHeadAttentionLayer.java
 * &#64;&#64; -90,7 +90,7 &#64;&#64;
 * ...
 * </pre>
 *
 * <p>The header (every line before the diff) starts with {@code # MUTANT: <what is wrong>}; more {@code #} lines are
 * notes. Paths are relative to {@code solutions/} and name files of the mutant's own exercise. Parsing checks the
 * diff's structure itself (hunk line counts, line prefixes) because java-diff-utils silently drops a hunk it cannot
 * read; applying uses java-diff-utils with exact context at any offset (like {@code patch} without fuzz), so a
 * hunk whose lines moved still applies, and one whose lines changed does not.
 */
public final class MutantPatch {
    /** File name extension of a mutant patch. */
    public static final String EXTENSION = ".patch";

    private static final String DESCRIPTION_PREFIX = "# MUTANT:";
    private static final Pattern HUNK_HEADER = Pattern.compile("@@ -(\\d+)(?:,(\\d+))? \\+(\\d+)(?:,(\\d+))? @@.*");
    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9_$.-]+");

    private final String source;
    private final String exercise;
    private final String name;
    private final String description;
    private final List<String> notes;
    private final List<FileDiff> files;

    /** One hunk as written: the line of its {@code @@} header and the solution lines it expects (context and removed). */
    private record Hunk(int line, int oldStart, int oldCount, int newStart, int newCount, List<String> expected) {
        String range() {
            return "-" + oldStart + "," + oldCount + " +" + newStart + "," + newCount;
        }
    }

    private record HunkRead(Hunk hunk, int next) {}

    /** The hunks of one file; {@code line} is the line of its {@code ---} header. */
    private record FileDiff(String path, int line, List<Hunk> hunks, Patch<String> patch) {}

    private MutantPatch(String source, String exercise, String name, String description, List<String> notes, List<FileDiff> files) {
        this.source = source;
        this.exercise = exercise;
        this.name = name;
        this.description = description;
        this.notes = List.copyOf(notes);
        this.files = List.copyOf(files);
    }

    /**
     * Reads and checks a mutant patch.
     *
     * @param source   where the text comes from, as shown in messages ({@code src/mutants/ex04_multihead/biases_ignored.patch})
     * @param exercise the exercise the mutant belongs to: the diff may only change files of {@code solutions/<exercise>/}
     * @param name     the mutant's name (its file name without {@code .patch})
     * @throws MutantPatchException naming the line of the first problem
     */
    public static MutantPatch parse(String source, String exercise, String name, String text) {
        List<String> lines = text.lines().collect(Collectors.toList());
        int start = 0;
        while (start < lines.size() && !lines.get(start).startsWith("--- ") && !lines.get(start).startsWith("diff ")) {
            start++;
        }
        List<String> header = lines.subList(0, start);
        if (header.isEmpty() || !header.get(0).startsWith(DESCRIPTION_PREFIX)) {
            throw new MutantPatchException(source + ":1: the first line must be '# MUTANT: <what is wrong, one line>'"
                    + (header.isEmpty() ? "" : ", not '" + header.get(0) + "'"));
        }
        String description = header.get(0).substring(DESCRIPTION_PREFIX.length()).strip();
        if (description.isEmpty()) {
            throw new MutantPatchException(source + ":1: '# MUTANT:' needs a description of what is wrong");
        }
        List<String> notes = new ArrayList<>();
        for (int i = 1; i < header.size(); i++) {
            String l = header.get(i);
            if (l.equals("#")) {
                notes.add("");
            } else if (l.startsWith("# ")) {
                notes.add(l.substring(2));
            } else {
                throw new MutantPatchException(source + ":" + (i + 1) + ": every line before the diff must be a '# ' comment, not '"
                        + l + "'");
            }
        }
        if (start == lines.size()) {
            throw new MutantPatchException(source + ": no diff after the header: expected '--- a/" + exercise
                    + "/<Class>.java' (scripts/make-mutant-patch.sh writes one)");
        }
        return new DiffReader(source, exercise, lines).read(start, name, description, notes);
    }

    /** Where the patch was read from, as shown in messages. */
    public String source() {
        return source;
    }

    public String exercise() {
        return exercise;
    }

    public String name() {
        return name;
    }

    /** What is wrong (the {@code # MUTANT:} line). */
    public String description() {
        return description;
    }

    /** The other header lines, without their {@code "# "}. */
    public List<String> notes() {
        return notes;
    }

    /** The files the patch changes, relative to {@code solutions/} ({@code ex04_multihead/MultiHeadAttentionLayer.java}). */
    public List<String> paths() {
        return files.stream().map(FileDiff::path).collect(Collectors.toList());
    }

    /**
     * Applies the patch in memory to the files under {@code solutions}; nothing is written.
     *
     * @param solutions      the directory the paths are relative to
     * @param solutionsLabel how that directory is shown in messages ({@code solutions})
     * @return each changed file's path (as in {@link #paths()}) and its mutated content
     * @throws MutantPatchException when a file is missing, a hunk does not apply (naming the patch line of the hunk
     *                              and the line of the solution it was meant for), or a file would not change
     */
    public Map<String, String> apply(Path solutions, String solutionsLabel) {
        Map<String, String> out = new LinkedHashMap<>();
        for (FileDiff f : files) {
            String shown = solutionsLabel + "/" + f.path();
            Path file = solutions.resolve(f.path());
            if (!Files.isRegularFile(file)) {
                throw new MutantPatchException(source + ":" + f.line() + ": " + shown
                        + " does not exist: the patch changes a file the solution does not have");
            }
            String content;
            try {
                content = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
            List<String> original = content.lines().collect(Collectors.toList());
            String newline = content.isEmpty() || content.endsWith("\n") || content.endsWith("\r") ? "\n" : "";
            List<String> mutated;
            try {
                mutated = f.patch().applyFuzzy(new ArrayList<>(original), 0);
            } catch (PatchFailedException | RuntimeException e) {
                throw doesNotApply(f, original, shown);
            }
            String before = String.join("\n", original) + (original.isEmpty() ? "" : newline);
            String after = String.join("\n", mutated) + (mutated.isEmpty() ? "" : newline);
            if (after.equals(before)) {
                throw new MutantPatchException(source + ":" + f.line() + ": the diff of " + shown
                        + " changes nothing: a mutant must differ from the solution");
            }
            out.put(f.path(), after);
        }
        return out;
    }

    /** Finds the first hunk whose expected lines are not in the file (in order, at any offset) and says where. */
    private MutantPatchException doesNotApply(FileDiff f, List<String> original, String shown) {
        int offset = 0;
        int from = 0;
        for (Hunk h : f.hunks()) {
            int nominal = Math.max(0, h.oldStart() - 1) + offset;
            int at = nearestMatch(original, h.expected(), from, nominal);
            if (at < 0) {
                return new MutantPatchException(source + ":" + h.line() + ": hunk does not apply to " + shown + " near line "
                        + h.oldStart() + "\n" + mismatch(original, h.expected(), Math.min(nominal, original.size()))
                        + "  the solution changed: update the patch (scripts/make-mutant-patch.sh remakes it from an edited copy of the solution)");
            }
            offset = at - Math.max(0, h.oldStart() - 1);
            from = at + h.expected().size();
        }
        Hunk first = f.hunks().get(0);
        return new MutantPatchException(source + ":" + first.line() + ": the hunks do not apply to " + shown + " near line "
                + first.oldStart() + ": they overlap or are out of order");
    }

    private static int nearestMatch(List<String> lines, List<String> expected, int from, int nominal) {
        int last = lines.size() - expected.size();
        for (int d = 0; nominal - d >= from || nominal + d <= last; d++) {
            if (matchesAt(lines, expected, nominal - d, from, last)) {
                return nominal - d;
            }
            if (d > 0 && matchesAt(lines, expected, nominal + d, from, last)) {
                return nominal + d;
            }
        }
        return -1;
    }

    private static boolean matchesAt(List<String> lines, List<String> expected, int at, int from, int last) {
        return at >= from && at <= last && lines.subList(at, at + expected.size()).equals(expected);
    }

    private static String mismatch(List<String> lines, List<String> expected, int at) {
        for (int k = 0; k < expected.size(); k++) {
            int i = at + k;
            if (i >= lines.size()) {
                return "  the patch expects line " + (i + 1) + " to be `" + expected.get(k).strip() + "`, but the file has only "
                        + lines.size() + " lines\n";
            }
            if (!lines.get(i).equals(expected.get(k))) {
                return "  line " + (i + 1) + " is:        `" + lines.get(i).strip() + "`\n"
                        + "  the patch expects: `" + expected.get(k).strip() + "`\n";
            }
        }
        return "";
    }

    /** Checks the diff line by line (java-diff-utils would skip what it cannot read), then has java-diff-utils parse it. */
    private static final class DiffReader {
        private final String source;
        private final String exercise;
        private final List<String> lines;
        private final List<String> diff = new ArrayList<>();

        DiffReader(String source, String exercise, List<String> lines) {
            this.source = source;
            this.exercise = exercise;
            this.lines = lines;
        }

        MutantPatch read(int start, String name, String description, List<String> notes) {
            List<String> paths = new ArrayList<>();
            List<Integer> pathLines = new ArrayList<>();
            List<List<Hunk>> hunks = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            int i = start;
            while (i < lines.size()) {
                String l = lines.get(i);
                int lineNo = i + 1;
                if (l.isBlank()) {
                    i++;
                } else if (l.startsWith("diff ") || l.startsWith("index ")) {
                    diff.add(l);
                    i++;
                } else if (l.startsWith("--- ")) {
                    String path = filePair(lineNo);
                    if (!seen.add(path)) {
                        throw problem(lineNo, path + " appears twice: put all its hunks under one '--- a/" + path + "'");
                    }
                    paths.add(path);
                    pathLines.add(lineNo);
                    hunks.add(new ArrayList<>());
                    diff.add(l);
                    diff.add(lines.get(i + 1));
                    i += 2;
                } else if (l.startsWith("@@")) {
                    if (paths.isEmpty()) {
                        throw problem(lineNo, "a hunk before any '--- a/<file>' line");
                    }
                    List<Hunk> fileHunks = hunks.get(hunks.size() - 1);
                    HunkRead read = hunk(i);
                    Hunk h = read.hunk();
                    if (!fileHunks.isEmpty()) {
                        Hunk prev = fileHunks.get(fileHunks.size() - 1);
                        if (h.oldStart() < prev.oldStart() + prev.oldCount()) {
                            throw problem(lineNo, "this hunk (" + h.range() + ") starts before the previous one (line " + prev.line()
                                    + ") ends: hunks must be in file order and must not overlap");
                        }
                    }
                    fileHunks.add(h);
                    i = read.next();
                } else {
                    throw problem(lineNo, "unexpected line outside a hunk: '" + l
                            + "' (expected '--- a/<file>', '+++ b/<file>' or '@@ -<line>,<count> +<line>,<count> @@')");
                }
            }
            if (paths.isEmpty()) {
                throw new MutantPatchException(source + ": no '--- a/" + exercise + "/<Class>.java' line: the patch changes nothing");
            }
            for (int f = 0; f < paths.size(); f++) {
                if (hunks.get(f).isEmpty()) {
                    throw problem(pathLines.get(f), "no hunk changes " + paths.get(f) + ": the patch changes nothing");
                }
            }
            UnifiedDiff parsed;
            try {
                parsed = UnifiedDiffReader.parseUnifiedDiff(
                        new ByteArrayInputStream((String.join("\n", diff) + "\n").getBytes(StandardCharsets.UTF_8)));
            } catch (IOException | RuntimeException e) { // UnifiedDiffParserException is a RuntimeException
                throw new MutantPatchException(source + ": java-diff-utils cannot read the diff: " + e.getMessage());
            }
            List<UnifiedDiffFile> parsedFiles = parsed.getFiles();
            if (parsedFiles.size() != paths.size()) {
                throw new MutantPatchException(source + ": java-diff-utils read " + parsedFiles.size() + " files where the diff has "
                        + paths.size());
            }
            List<FileDiff> files = new ArrayList<>();
            for (int f = 0; f < paths.size(); f++) {
                Patch<String> patch = parsedFiles.get(f).getPatch();
                if (patch.getDeltas().size() != hunks.get(f).size()) {
                    throw problem(pathLines.get(f), "java-diff-utils read " + patch.getDeltas().size() + " hunks of " + paths.get(f)
                            + " where the diff has " + hunks.get(f).size());
                }
                files.add(new FileDiff(paths.get(f), pathLines.get(f), List.copyOf(hunks.get(f)), patch));
            }
            return new MutantPatch(source, exercise, name, description, notes, files);
        }

        /** Reads a {@code --- a/<path>} line and the {@code +++ b/<path>} line after it; returns the path. */
        private String filePair(int lineNo) {
            if (lineNo >= lines.size() || !lines.get(lineNo).startsWith("+++ ")) {
                throw problem(lineNo, "a '--- a/<file>' line must be followed by '+++ b/<file>'");
            }
            String from = pathOf(lines.get(lineNo - 1));
            String to = pathOf(lines.get(lineNo));
            if (!from.startsWith("a/") || !to.startsWith("b/") || !from.substring(2).equals(to.substring(2))) {
                throw problem(lineNo, "a mutant changes a solution file in place: expected '--- a/<path>' and '+++ b/<path>' with the same"
                        + " path relative to solutions/, found '" + from + "' and '" + to + "'");
            }
            String path = from.substring(2);
            String[] parts = path.split("/", -1);
            if (parts.length != 2 || !parts[0].equals(exercise) || !FILE_NAME.matcher(parts[1]).matches()
                    || parts[1].startsWith(".")) {
                throw problem(lineNo, "the diff must change a file of solutions/" + exercise + "/ ('a/" + exercise
                        + "/<Class>.java'), not '" + path + "'");
            }
            return path;
        }

        private static String pathOf(String fileLine) {
            String p = fileLine.substring(4);
            int tab = p.indexOf('\t');
            return (tab >= 0 ? p.substring(0, tab) : p).strip();
        }

        /**
         * Reads the hunk whose header is line {@code i} (0-based), checks its body against the header's counts, copies it
         * (with trailing "\\ No newline" markers) to the diff handed to java-diff-utils and returns it with the next line.
         */
        private HunkRead hunk(int i) {
            Matcher m = HUNK_HEADER.matcher(lines.get(i));
            if (!m.matches()) {
                throw problem(i + 1, "cannot read this hunk header: expected '@@ -<line>,<count> +<line>,<count> @@'");
            }
            int oldStart = Integer.parseInt(m.group(1));
            int oldCount = m.group(2) == null ? 1 : Integer.parseInt(m.group(2));
            int newStart = Integer.parseInt(m.group(3));
            int newCount = m.group(4) == null ? 1 : Integer.parseInt(m.group(4));
            String range = "-" + oldStart + "," + oldCount + " +" + newStart + "," + newCount;
            List<String> expected = new ArrayList<>();
            diff.add(lines.get(i));
            int old = 0;
            int added = 0;
            boolean changes = false;
            int j = i + 1;
            while (old < oldCount || added < newCount) {
                if (j >= lines.size()) {
                    throw problem(i + 1, "the hunk says " + range + " but the file ends after " + old + " old and " + added + " new lines");
                }
                String b = lines.get(j);
                char c = b.isEmpty() ? '\0' : b.charAt(0);
                if (c == ' ' || c == '-') {
                    expected.add(b.substring(1));
                    old++;
                }
                if (c == ' ' || c == '+') {
                    added++;
                }
                if (c == '-' || c == '+') {
                    changes = true;
                } else if (c != ' ' && c != '\\') {
                    throw problem(j + 1, b.isEmpty()
                            ? "an empty line inside the hunk of line " + (i + 1) + ": a context line keeps its leading space"
                                    + " (did an editor strip trailing whitespace?)"
                            : "a line inside the hunk of line " + (i + 1) + " (" + range + ") must start with ' ', '-' or '+'"
                                    + ": the hunk is shorter than its header says, or this line is damaged");
                }
                if (old > oldCount || added > newCount) {
                    throw problem(j + 1, "the hunk of line " + (i + 1) + " has more lines than its header " + range + " says");
                }
                diff.add(b);
                j++;
            }
            while (j < lines.size() && lines.get(j).startsWith("\\")) {
                diff.add(lines.get(j));
                j++;
            }
            if (!changes) {
                throw problem(i + 1, "this hunk changes no line (it has no '-' or '+' lines)");
            }
            return new HunkRead(new Hunk(i + 1, oldStart, oldCount, newStart, newCount, List.copyOf(expected)), j);
        }

        private MutantPatchException problem(int lineNo, String message) {
            return new MutantPatchException(source + ":" + lineNo + ": " + message);
        }
    }
}
