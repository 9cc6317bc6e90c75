package dojo.grading;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The ordered list of exercises, read from {@code exercises/index.yaml}: the one place that names them, orders
 * them, gives their points and holds their hints.
 */
public record ExerciseIndex(List<ExerciseInfo> exercises) {

    /** Where the index lives, relative to the project directory. */
    public static final String RELATIVE_PATH = "exercises/index.yaml";

    private static final Set<String> REQUIRED = Set.of("id", "title", "points", "api", "implementation", "objectives", "hints");
    private static final List<String> KNOWN = List.of(
            "id", "title", "points", "api", "implementation", "objectives", "hints", "tags", "requires");
    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9_]*");
    private static final Pattern JAVA_NAME = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*");

    public ExerciseIndex {
        exercises = List.copyOf(exercises);
    }

    /** Reads {@code <projectDir>/exercises/index.yaml}. */
    public static ExerciseIndex load(Path projectDir) {
        Path file = projectDir.resolve(RELATIVE_PATH);
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ExerciseIndexException(List.of(RELATIVE_PATH + ": not found in " + projectDir
                    + " (is this an Attention Dojo checkout? set -Ddojo.project.dir)"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return parse(RELATIVE_PATH, text);
    }

    /**
     * Parses and validates index text; {@code displayPath} prefixes every problem.
     *
     * @throws ExerciseIndexException listing every problem as {@code path:line:col: message}
     */
    public static ExerciseIndex parse(String displayPath, String text) {
        List<String> problems = new ArrayList<>();
        YamlTree.Node root;
        try {
            root = YamlTree.parse(text);
        } catch (YamlTree.SyntaxError e) {
            throw new ExerciseIndexException(List.of(displayPath + ":" + e.line + ":" + e.column + ": " + e.getMessage()));
        }
        if (root == null) {
            throw new ExerciseIndexException(List.of(displayPath + ":1:1: the index is empty; expected a list of exercises"));
        }
        if (!(root instanceof YamlTree.ListNode list)) {
            throw new ExerciseIndexException(List.of(at(displayPath, root)
                    + "expected a list of exercises (each item starting with '- id: ...')"));
        }
        Map<String, ExerciseInfo> byId = new LinkedHashMap<>();
        for (YamlTree.Node item : list.items()) {
            ExerciseInfo info = entry(displayPath, item, byId, problems);
            if (info != null) {
                byId.put(info.id(), info);
            }
        }
        if (list.items().isEmpty()) {
            problems.add(at(displayPath, root) + "the list of exercises is empty");
        }
        if (!problems.isEmpty()) {
            throw new ExerciseIndexException(problems);
        }
        return new ExerciseIndex(new ArrayList<>(byId.values()));
    }

    private static ExerciseInfo entry(String path, YamlTree.Node item, Map<String, ExerciseInfo> earlier, List<String> problems) {
        if (!(item instanceof YamlTree.MapNode map)) {
            problems.add(at(path, item) + "expected an exercise (a mapping with id, title, points, ...)");
            return null;
        }
        int before = problems.size();
        for (YamlTree.Entry dup : map.duplicates()) {
            problems.add(at(path, dup) + "duplicate key '" + dup.key() + "'");
        }
        for (YamlTree.Entry e : map.entries().values()) {
            if (!KNOWN.contains(e.key())) {
                problems.add(at(path, e) + "unknown key '" + e.key() + "' (known keys: " + String.join(", ", KNOWN) + ")");
            }
        }
        for (String key : KNOWN) {
            if (REQUIRED.contains(key) && !map.entries().containsKey(key)) {
                problems.add(at(path, map) + "missing required key '" + key + "'");
            }
        }
        String id = string(path, map, "id", problems);
        if (id != null && !ID.matcher(id).matches()) {
            problems.add(at(path, map.entries().get("id").value()) + "id '" + id
                    + "' must be a lower-case Java package name such as ex01_softmax");
        }
        if (id != null && earlier.containsKey(id)) {
            problems.add(at(path, map.entries().get("id").value()) + "duplicate id '" + id + "' (first on line "
                    + earlier.get(id).line() + ")");
        }
        String title = string(path, map, "title", problems);
        int points = 0;
        YamlTree.Entry pe = map.entries().get("points");
        if (pe != null) {
            if (pe.value() instanceof YamlTree.Scalar s && s.integer() && s.text() != null) {
                try {
                    points = Integer.parseInt(s.text());
                } catch (NumberFormatException e) {
                    points = -1;
                }
                if (points <= 0) {
                    problems.add(at(path, s) + "points must be a positive integer, got " + s.text());
                }
            } else {
                problems.add(at(path, pe.value()) + "points must be a positive integer");
            }
        }
        String api = string(path, map, "api", problems);
        if (api != null && !(api.startsWith("dojo.exercise.api.") && qualifiedName(api))) {
            problems.add(at(path, map.entries().get("api").value()) + "api '" + api
                    + "' must be an interface in dojo.exercise.api, e.g. dojo.exercise.api.Softmax");
        }
        String impl = string(path, map, "implementation", problems);
        if (impl != null && id != null && !(impl.startsWith(id + ".") && qualifiedName(impl)
                && impl.indexOf('.', id.length() + 1) < 0)) {
            problems.add(at(path, map.entries().get("implementation").value()) + "implementation '" + impl
                    + "' must be a class directly in package " + id + ", e.g. " + id + ".MyClass");
        }
        List<String> objectives = strings(path, map, "objectives", true, problems);
        List<String> hints = strings(path, map, "hints", true, problems);
        List<String> tags = strings(path, map, "tags", false, problems);
        List<String> requires = strings(path, map, "requires", false, problems);
        YamlTree.Entry re = map.entries().get("requires");
        for (String r : requires) {
            if (!earlier.containsKey(r)) {
                problems.add(at(path, re.value()) + "requires '" + r + "', which is not an earlier exercise"
                        + (earlier.isEmpty() ? "" : " (earlier: " + String.join(", ", earlier.keySet()) + ")"));
            }
        }
        if (problems.size() > before) {
            return null;
        }
        return new ExerciseInfo(id, title, points, api, impl, objectives, hints, tags, requires, map.line());
    }

    private static boolean qualifiedName(String name) {
        for (String part : name.split("\\.", -1)) {
            if (!JAVA_NAME.matcher(part).matches()) {
                return false;
            }
        }
        return true;
    }

    private static String string(String path, YamlTree.MapNode map, String key, List<String> problems) {
        YamlTree.Entry e = map.entries().get(key);
        if (e == null) {
            return null;
        }
        if (e.value() instanceof YamlTree.Scalar s && s.text() != null && !s.text().isBlank()) {
            return s.text().strip();
        }
        problems.add(at(path, e.value()) + key + " must be a non-empty string");
        return null;
    }

    private static List<String> strings(String path, YamlTree.MapNode map, String key, boolean nonEmpty, List<String> problems) {
        YamlTree.Entry e = map.entries().get(key);
        if (e == null) {
            return List.of();
        }
        if (!(e.value() instanceof YamlTree.ListNode list)) {
            problems.add(at(path, e.value()) + key + " must be a list of strings ('- item' lines)");
            return List.of();
        }
        if (nonEmpty && list.items().isEmpty()) {
            problems.add(at(path, list) + key + " must not be empty");
        }
        List<String> out = new ArrayList<>();
        for (YamlTree.Node n : list.items()) {
            if (n instanceof YamlTree.Scalar s && s.text() != null && !s.text().isBlank()) {
                out.add(s.text().strip());
            } else {
                problems.add(at(path, n) + key + " items must be non-empty strings");
            }
        }
        return out;
    }

    private static String at(String path, YamlTree.Node n) {
        return path + ":" + n.line() + ":" + n.column() + ": ";
    }

    private static String at(String path, YamlTree.Entry e) {
        return path + ":" + e.line() + ":" + e.column() + ": ";
    }

    public Optional<ExerciseInfo> find(String id) {
        return exercises.stream().filter(e -> e.id().equals(id)).findFirst();
    }

    /**
     * The exercise with this id.
     *
     * @throws IllegalArgumentException naming the valid ids
     */
    public ExerciseInfo require(String id) {
        return find(id).orElseThrow(() -> new IllegalArgumentException("unknown exercise '" + id + "'; valid: "
                + String.join(", ", ids())));
    }

    /**
     * The exercise a learner typed: its id, its number on the path ({@code 2} or {@code 02}), or the start of
     * exactly one id ({@code ex02}, {@code ex02_att}); empty when it names none or several.
     */
    public Optional<ExerciseInfo> resolve(String typed) {
        Optional<ExerciseInfo> exact = find(typed);
        if (exact.isPresent()) return exact;
        if (typed.matches("\\d{1,3}")) {
            int n = Integer.parseInt(typed);
            return n >= 1 && n <= exercises.size() ? Optional.of(exercises.get(n - 1)) : Optional.empty();
        }
        List<ExerciseInfo> starts = exercises.stream().filter(e -> !typed.isEmpty() && e.id().startsWith(typed)).toList();
        return starts.size() == 1 ? Optional.of(starts.get(0)) : Optional.empty();
    }

    public List<String> ids() {
        return exercises.stream().map(ExerciseInfo::id).collect(Collectors.toList());
    }

    /** The exercise and everything it requires, transitively, in index order. */
    public List<ExerciseInfo> withRequirements(ExerciseInfo info) {
        Set<String> needed = new java.util.HashSet<>();
        collect(info, needed);
        return exercises.stream().filter(e -> needed.contains(e.id())).collect(Collectors.toList());
    }

    private void collect(ExerciseInfo info, Set<String> needed) {
        if (needed.add(info.id())) {
            for (String r : info.requires()) {
                find(r).ifPresent(x -> collect(x, needed));
            }
        }
    }

    /** The exercise whose suites live in this Java package ({@code exercises.<id>} or a subpackage). */
    public Optional<ExerciseInfo> forSuitePackage(String packageName) {
        if (!packageName.startsWith("exercises.")) {
            return Optional.empty();
        }
        String rest = packageName.substring("exercises.".length());
        int dot = rest.indexOf('.');
        return find(dot < 0 ? rest : rest.substring(0, dot));
    }
}
