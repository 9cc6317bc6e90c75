package dojo.workshop;

import dojo.grading.ExerciseIndex;
import dojo.grading.ExerciseInfo;
import dojo.grading.YamlTree;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/** Reads and validates {@code workshop.yaml}; every problem is reported as {@code path:line:col: message}. */
public final class WorkshopConfigParser {
    private static final List<String> TOP = List.of("name", "assignment", "due", "timezone", "late", "limits", "tests",
            "exercises", "roster");
    private static final Set<String> TOP_REQUIRED = Set.of("name", "assignment", "due", "timezone", "exercises", "roster");
    private static final List<String> LATE = List.of("policy", "percent-per-day", "cap");
    private static final List<String> LIMITS = List.of("wall", "cpu", "memory", "test-timeout", "output", "file-size");
    private static final List<String> TESTS = List.of("hidden");
    private static final List<String> EXERCISE = List.of("id", "points");
    private static final List<String> LEARNER = List.of("id", "first", "last", "email", "team", "language");
    private static final Pattern LEARNER_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final DateTimeFormatter DUE = DateTimeFormatter.ofPattern("uuuu-MM-dd[' ']['T']HH:mm[:ss]");

    private final String path;
    private final ExerciseIndex index;
    private final List<String> problems = new ArrayList<>();

    private WorkshopConfigParser(String path, ExerciseIndex index) {
        this.path = path;
        this.index = index;
    }

    /** Reads {@code file}; {@code index} is the host checkout's exercise index (exercise ids are checked against it). */
    public static WorkshopConfig load(Path file, ExerciseIndex index) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new WorkshopException(file + ": not found (create one with './dojo workshop init')");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return parse(file.toString(), text, index);
    }

    /** Parses workshop.yaml text; {@code displayPath} prefixes every problem. */
    public static WorkshopConfig parse(String displayPath, String text, ExerciseIndex index) {
        return new WorkshopConfigParser(displayPath, index).parse(text);
    }

    private WorkshopConfig parse(String text) {
        YamlTree.Node root;
        try {
            root = YamlTree.parse(text);
        } catch (YamlTree.SyntaxError e) {
            throw new WorkshopException(path + ":" + e.line + ":" + e.column + ": " + e.getMessage());
        }
        if (!(root instanceof YamlTree.MapNode map)) {
            throw new WorkshopException(path + ":1:1: expected a mapping with name, assignment, due, timezone, exercises, roster");
        }
        keys(map, TOP, TOP_REQUIRED);
        String name = string(map, "name", "");
        String assignment = string(map, "assignment", "");
        ZoneId zone = ZoneId.of("UTC");
        YamlTree.Entry tz = map.entries().get("timezone");
        if (tz != null) {
            String z = scalarText(tz.value(), "timezone");
            if (z != null) {
                try {
                    zone = ZoneId.of(z);
                } catch (DateTimeException e) {
                    problem(tz.value(), "unknown time zone '" + z + "' (use an IANA name such as Europe/Berlin or Asia/Shanghai)");
                }
            }
        }
        ZonedDateTime due = null;
        YamlTree.Entry de = map.entries().get("due");
        if (de != null) {
            String d = scalarText(de.value(), "due");
            if (d != null) {
                try {
                    due = LocalDateTime.parse(d.strip(), DUE).atZone(zone);
                } catch (DateTimeParseException e) {
                    problem(de.value(), "due '" + d + "' is not a date and time like 2027-03-01 23:59 (local time of 'timezone')");
                }
            }
        }
        LatePolicy late = late(map.entries().get("late"));
        Limits limits = limits(map.entries().get("limits"));
        Visibility visibility = Visibility.HIDDEN_UNTIL_DUE;
        YamlTree.Entry te = map.entries().get("tests");
        if (te != null && mapping(te.value(), "tests") instanceof YamlTree.MapNode tm) {
            keys(tm, TESTS, Set.of());
            YamlTree.Entry h = tm.entries().get("hidden");
            if (h != null) {
                String v = scalarText(h.value(), "hidden");
                visibility = null;
                for (Visibility c : Visibility.values()) {
                    if (c.yaml().equals(v)) {
                        visibility = c;
                    }
                }
                if (visibility == null) {
                    problem(h.value(), "hidden: '" + v + "' is not one of hidden-until-due, hidden, visible");
                    visibility = Visibility.HIDDEN_UNTIL_DUE;
                }
            }
        }
        List<WorkshopExercise> exercises = exercises(map.entries().get("exercises"));
        List<Learner> roster = roster(map.entries().get("roster"));
        if (!problems.isEmpty()) {
            throw new WorkshopException(problems);
        }
        return new WorkshopConfig(name, assignment, due, late, limits, visibility, exercises, roster);
    }

    private LatePolicy late(YamlTree.Entry e) {
        if (e == null || !(mapping(e.value(), "late") instanceof YamlTree.MapNode m)) {
            return LatePolicy.none();
        }
        keys(m, LATE, Set.of("policy"));
        String p = string(m, "policy", "none");
        LatePolicy.Kind kind = null;
        for (LatePolicy.Kind k : LatePolicy.Kind.values()) {
            if (k.yaml().equals(p)) {
                kind = k;
            }
        }
        if (kind == null) {
            problem(m.entries().get("policy").value(), "policy '" + p + "' is not one of none, zero, percent-per-day");
            return LatePolicy.none();
        }
        double percent = number(m, "percent-per-day", 0, 100);
        double cap = number(m, "cap", 0, 100);
        if (kind == LatePolicy.Kind.PERCENT_PER_DAY) {
            if (!m.entries().containsKey("percent-per-day")) {
                problem(m, "policy percent-per-day needs 'percent-per-day' (e.g. 10)");
            }
            if (!m.entries().containsKey("cap")) {
                cap = 100;
            }
        } else {
            for (String k : List.of("percent-per-day", "cap")) {
                if (m.entries().containsKey(k)) {
                    problem(m.entries().get(k), "'" + k + "' only applies to policy percent-per-day");
                }
            }
        }
        return new LatePolicy(kind, percent, cap);
    }

    private Limits limits(YamlTree.Entry e) {
        Limits d = Limits.defaults();
        if (e == null || !(mapping(e.value(), "limits") instanceof YamlTree.MapNode m)) {
            return d;
        }
        keys(m, LIMITS, Set.of());
        Duration wall = value(m, "wall", d.wall(), Limits::parseDuration);
        Duration cpu = value(m, "cpu", d.cpu(), Limits::parseDuration);
        long memory = value(m, "memory", d.memoryBytes(), Limits::parseSize);
        Duration timeout = value(m, "test-timeout", d.testTimeout(), Limits::parseDuration);
        long output = value(m, "output", d.outputBytes(), Limits::parseSize);
        long fsize = value(m, "file-size", d.fileSizeBytes(), Limits::parseSize);
        if (memory < (64L << 20) && m.entries().containsKey("memory")) {
            problem(m.entries().get("memory").value(), "memory must be at least 64m (the JVM and the test framework need it)");
        }
        if (cpu.toSeconds() < 1 && m.entries().containsKey("cpu")) {
            problem(m.entries().get("cpu").value(), "cpu must be at least 1s (prlimit counts whole seconds)");
        }
        return new Limits(wall, cpu, memory, timeout, output, fsize);
    }

    private List<WorkshopExercise> exercises(YamlTree.Entry e) {
        List<WorkshopExercise> out = new ArrayList<>();
        if (e == null) {
            return out;
        }
        if (!(e.value() instanceof YamlTree.ListNode list)) {
            problem(e.value(), "exercises: expected a list of '- id: ex01_softmax' entries");
            return out;
        }
        Map<String, Integer> seen = new HashMap<>();
        for (YamlTree.Node n : list.items()) {
            if (n instanceof YamlTree.Scalar s && s.text() != null) {
                // short form: '- ex01_softmax' takes the index's points
                exercise(s, s.text(), null, seen, out);
                continue;
            }
            if (!(n instanceof YamlTree.MapNode m)) {
                problem(n, "expected an exercise: '- id: ex01_softmax' (points optional)");
                continue;
            }
            keys(m, EXERCISE, Set.of("id"));
            String id = string(m, "id", null);
            Integer points = null;
            if (m.entries().containsKey("points")) {
                points = (int) number(m, "points", 0, 1000);
                YamlTree.Node pv = m.entries().get("points").value();
                if (!(pv instanceof YamlTree.Scalar ps && ps.integer())) {
                    problem(pv, "points must be a whole number");
                }
            }
            if (id != null) {
                exercise(m.entries().get("id").value(), id, points, seen, out);
            }
        }
        if (list.items().isEmpty()) {
            problem(list, "exercises: the list is empty; name at least one exercise");
        }
        return out;
    }

    private void exercise(YamlTree.Node at, String id, Integer points, Map<String, Integer> seen, List<WorkshopExercise> out) {
        ExerciseInfo info = index.find(id).orElse(null);
        if (info == null) {
            problem(at, "unknown exercise '" + id + "' (exercises: " + String.join(", ", index.ids()) + ")");
            return;
        }
        if (seen.containsKey(id)) {
            problem(at, "exercise '" + id + "' is listed twice (first on line " + seen.get(id) + ")");
            return;
        }
        seen.put(id, at.line());
        out.add(new WorkshopExercise(id, points == null ? info.points() : points));
    }

    private List<Learner> roster(YamlTree.Entry e) {
        List<Learner> out = new ArrayList<>();
        if (e == null) {
            return out;
        }
        if (e.value() instanceof YamlTree.Scalar s && s.text() == null) {
            return out; // 'roster:' with nothing yet
        }
        if (!(e.value() instanceof YamlTree.ListNode list)) {
            problem(e.value(), "roster: expected a list of learners ('- id: ada' with first, last, email, team, language)");
            return out;
        }
        Map<String, Integer> seen = new HashMap<>();
        for (YamlTree.Node n : list.items()) {
            if (!(n instanceof YamlTree.MapNode m)) {
                problem(n, "expected a learner: '- id: ada' with first, last, email, team, language");
                continue;
            }
            keys(m, LEARNER, Set.of("id"));
            String id = string(m, "id", null);
            if (id == null) {
                continue;
            }
            YamlTree.Node idNode = m.entries().get("id").value();
            if (!LEARNER_ID.matcher(id).matches()) {
                problem(idNode, "learner id '" + id + "' must be letters, digits, '.', '_' or '-' (it names a folder)");
            } else if (seen.containsKey(id)) {
                problem(idNode, "duplicate learner id '" + id + "' (first on line " + seen.get(id) + ")");
            }
            seen.putIfAbsent(id, idNode.line());
            String language = string(m, "language", "en");
            if (!language.equals("en") && !language.equals("zh")) {
                problem(m.entries().get("language").value(), "language '" + language + "' is not en or zh");
            }
            out.add(new Learner(id, string(m, "first", ""), string(m, "last", ""), string(m, "email", ""),
                    string(m, "team", ""), language));
        }
        return out;
    }

    // ---- helpers --------------------------------------------------------------------------------------------------

    private void keys(YamlTree.MapNode m, List<String> known, Set<String> required) {
        for (YamlTree.Entry dup : m.duplicates()) {
            problems.add(path + ":" + dup.line() + ":" + dup.column() + ": duplicate key '" + dup.key() + "'");
        }
        for (YamlTree.Entry e : m.entries().values()) {
            if (!known.contains(e.key())) {
                problems.add(path + ":" + e.line() + ":" + e.column() + ": unknown key '" + e.key() + "' (known keys: "
                        + String.join(", ", known) + ")");
            }
        }
        for (String k : known) {
            if (required.contains(k) && !m.entries().containsKey(k)) {
                problem(m, "missing required key '" + k + "'");
            }
        }
    }

    private YamlTree.Node mapping(YamlTree.Node n, String what) {
        if (n instanceof YamlTree.MapNode) {
            return n;
        }
        problem(n, what + ": expected a mapping (keys indented under '" + what + ":')");
        return null;
    }

    private String scalarText(YamlTree.Node n, String key) {
        if (n instanceof YamlTree.Scalar s) {
            if (s.text() == null || s.text().isBlank()) {
                problem(n, key + " is empty");
                return null;
            }
            return s.text();
        }
        problem(n, key + ": expected a single value, not a list or mapping");
        return null;
    }

    private String string(YamlTree.MapNode m, String key, String fallback) {
        YamlTree.Entry e = m.entries().get(key);
        if (e == null) {
            return fallback;
        }
        String s = scalarText(e.value(), key);
        return s == null ? fallback : s.strip();
    }

    private double number(YamlTree.MapNode m, String key, double min, double max) {
        YamlTree.Entry e = m.entries().get(key);
        if (e == null) {
            return 0;
        }
        if (!(e.value() instanceof YamlTree.Scalar s) || !s.number()) {
            problem(e.value(), key + " must be a number");
            return 0;
        }
        double v = Double.parseDouble(s.text());
        if (v < min || v > max) {
            problem(e.value(), key + " must be between " + fmt(min) + " and " + fmt(max) + ", not " + s.text());
        }
        return v;
    }

    private <T> T value(YamlTree.MapNode m, String key, T fallback, Function<String, T> parse) {
        YamlTree.Entry e = m.entries().get(key);
        if (e == null) {
            return fallback;
        }
        String s = scalarText(e.value(), key);
        if (s == null) {
            return fallback;
        }
        try {
            return parse.apply(s.strip());
        } catch (IllegalArgumentException ex) {
            problem(e.value(), key + ": " + ex.getMessage());
            return fallback;
        }
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }

    private void problem(YamlTree.Node n, String message) {
        problems.add(path + ":" + n.line() + ":" + n.column() + ": " + message);
    }

    private void problem(YamlTree.Entry e, String message) {
        problems.add(path + ":" + e.line() + ":" + e.column() + ": " + message);
    }
}
