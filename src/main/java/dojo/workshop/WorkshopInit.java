package dojo.workshop;

import dojo.grading.ExerciseIndex;
import dojo.grading.ExerciseInfo;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Writes the text of a new {@code workshop.yaml}: every exercise of the index, a roster, commented defaults. */
public final class WorkshopInit {
    private WorkshopInit() {}

    /**
     * The text of a workshop.yaml.
     *
     * @param roster learners (from a roster CSV), may be empty
     */
    public static String text(ExerciseIndex index, String name, String assignment, LocalDateTime due, ZoneId zone,
            List<Learner> roster) {
        StringBuilder b = new StringBuilder();
        b.append("# Attention Dojo workshop: checked by every './dojo workshop' command (errors name line:column).\n");
        b.append("name: ").append(quote(name)).append('\n');
        b.append("assignment: ").append(quote(assignment)).append('\n');
        b.append("# local time in 'timezone' (an IANA zone name)\n");
        b.append("due: \"").append(due.format(DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm", Locale.ROOT))).append("\"\n");
        b.append("timezone: ").append(zone.getId()).append('\n');
        b.append("late:\n");
        b.append("  policy: percent-per-day   # none | zero | percent-per-day\n");
        b.append("  percent-per-day: 10       # of the score, per started day late\n");
        b.append("  cap: 50                   # never more than this percent\n");
        b.append("limits:                     # per submission, each graded in its own JVM\n");
        Limits d = Limits.defaults();
        b.append("  wall: ").append(d.wall().toSeconds()).append("s                 # whole submission, wall clock\n");
        b.append("  cpu: ").append(d.cpu().toSeconds()).append("s                   # CPU seconds per JVM (prlimit)\n");
        b.append("  memory: ").append(d.memoryBytes() >> 20).append("m              # Java heap (-Xmx)\n");
        b.append("  test-timeout: ").append(d.testTimeout().toSeconds()).append("s           # per test\n");
        b.append("  output: ").append(d.outputBytes() >> 20).append("m                # printed outside the tests, then stopped\n");
        b.append("  file-size: ").append(d.fileSizeBytes() >> 20).append("m            # largest file it may write\n");
        b.append("tests:\n");
        b.append("  hidden: hidden-until-due   # hidden-until-due | hidden | visible\n");
        b.append("exercises:\n");
        for (ExerciseInfo e : index.exercises()) {
            b.append("  - id: ").append(e.id()).append('\n');
            b.append("    points: ").append(e.points()).append('\n');
        }
        if (roster.isEmpty()) {
            b.append("# one entry per learner; team and language (en | zh) are optional\n");
            b.append("# roster:\n#   - id: ada\n#     first: Ada\n#     last: Lovelace\n#     email: ada@example.org\n");
            b.append("#     team: red\n#     language: en\n");
            b.append("roster: []\n");
        } else {
            b.append("roster:\n");
            for (Learner l : roster) {
                b.append("  - id: ").append(quote(l.id())).append('\n');
                appendIf(b, "first", l.firstName());
                appendIf(b, "last", l.lastName());
                appendIf(b, "email", l.email());
                appendIf(b, "team", l.team());
                b.append("    language: ").append(l.language()).append('\n');
            }
        }
        return b.toString();
    }

    private static void appendIf(StringBuilder b, String key, String value) {
        if (value != null && !value.isEmpty()) {
            b.append("    ").append(key).append(": ").append(quote(value)).append('\n');
        }
    }

    /** A YAML double-quoted scalar. */
    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                default -> b.append(c);
            }
        }
        return b.append('"').toString();
    }

    /**
     * Reads a roster CSV: a header naming columns id, first, last, email, team, language (any order; id required),
     * then one learner per line. Problems are reported as {@code path:line:col: message}.
     */
    public static List<Learner> readRosterCsv(String path, String text) {
        List<List<String>> rows = Csv.parse(text);
        List<String> problems = new ArrayList<>();
        if (rows.isEmpty()) {
            throw new WorkshopException(path + ":1:1: the roster is empty; expected a header line 'id,first,last,email,team,language'");
        }
        List<String> header = rows.get(0).stream().map(h -> h.strip().toLowerCase(Locale.ROOT)).toList();
        List<String> known = List.of("id", "first", "last", "email", "team", "language");
        for (int i = 0; i < header.size(); i++) {
            if (!known.contains(header.get(i))) {
                problems.add(path + ":1:" + (i + 1) + ": unknown column '" + header.get(i) + "' (columns: " + String.join(", ", known) + ")");
            }
        }
        if (!header.contains("id")) {
            problems.add(path + ":1:1: the header has no 'id' column");
        }
        List<Learner> out = new ArrayList<>();
        for (int r = 1; r < rows.size(); r++) {
            List<String> row = rows.get(r);
            if (row.stream().allMatch(String::isBlank)) {
                continue;
            }
            if (row.size() != header.size()) {
                problems.add(path + ":" + (r + 1) + ":1: " + row.size() + " fields, the header has " + header.size());
                continue;
            }
            java.util.function.Function<String, String> col = c -> header.indexOf(c) < 0 ? "" : row.get(header.indexOf(c)).strip();
            String lang = col.apply("language").isEmpty() ? "en" : col.apply("language");
            out.add(new Learner(col.apply("id"), col.apply("first"), col.apply("last"), col.apply("email"), col.apply("team"), lang));
        }
        if (!problems.isEmpty()) {
            throw new WorkshopException(problems);
        }
        return out;
    }
}
