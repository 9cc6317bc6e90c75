package dojo.lint;

import dojo.ControlChars;
import dojo.questions.Diagnostic;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Renders a {@link LintReport}: compiler-style lines, a summary line, or JSON-ready maps. */
public final class LintFormatter {
    private final Path base;

    /** @param base directory that paths are shown relative to (usually the working directory) */
    public LintFormatter(Path base) {
        this.base = base.toAbsolutePath().normalize();
    }

    /** The path for a line of text: relative to the base when inside it, quoted with escapes when unsafe. */
    public String path(Path file) {
        return ControlChars.quote(rawPath(file));
    }

    /** The path as it is (JSON escapes it by itself). */
    private String rawPath(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        String shown = abs.startsWith(base) ? base.relativize(abs).toString() : file.toString();
        return shown.isEmpty() ? "." : shown.replace('\\', '/');
    }

    /** {@code path:line:col: error|warning: message}, always one line (names and messages are escaped). */
    public String line(Diagnostic d) {
        return path(d.pos().file()) + ":" + d.pos().line() + ":" + d.pos().column() + ": "
                + d.severity().name().toLowerCase(Locale.ROOT) + ": " + ControlChars.escape(d.message());
    }

    public List<String> lines(LintReport report) {
        List<String> out = new ArrayList<>();
        for (Diagnostic d : report.diagnostics()) out.add(line(d));
        return out;
    }

    /** {@code lint: 3 errors, 1 warning in 12 files} or {@code lint: 24 files, 412 questions, no problems}. */
    public String summary(LintReport r) {
        if (r.diagnostics().isEmpty()) {
            return "lint: " + plural(r.files(), "file") + ", " + plural(r.questions(), "question") + ", no problems";
        }
        return "lint: " + plural(r.errors(), "error") + ", " + plural(r.warnings(), "warning") + " in "
                + plural(r.files(), "file");
    }

    public static String plural(long n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }

    /** The report as plain maps and lists, for a JSON writer. */
    public Map<String, Object> toJson(LintReport r) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("files", r.files());
        root.put("questions", r.questions());
        root.put("errors", r.errors());
        root.put("warnings", r.warnings());
        List<Map<String, Object>> ds = new ArrayList<>();
        for (Diagnostic d : r.diagnostics()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("file", rawPath(d.pos().file()));
            m.put("line", d.pos().line());
            m.put("column", d.pos().column());
            m.put("severity", d.severity().name().toLowerCase(Locale.ROOT));
            m.put("message", d.message());
            ds.add(m);
        }
        root.put("diagnostics", ds);
        return root;
    }

    /** One row per bank: answer positions, correct-longest share and multiple-choice prefix share, flagged with '!'. */
    public static List<String> skewTable(List<AnswerSkew> banks) {
        List<String> out = new ArrayList<>();
        out.add(String.format(Locale.ROOT, "%-4s %-20s %6s  %-24s %11s %14s", "lang", "bank", "single", "answer at a/b/c/d/...",
                "longest", "multi prefix"));
        for (AnswerSkew s : banks) {
            StringBuilder pos = new StringBuilder();
            for (int i = 0; i < s.positions().length; i++) pos.append(i == 0 ? "" : "/").append(s.positions()[i]);
            if (!s.skewedPositions().isEmpty()) pos.append(" !");
            String longest = String.format(Locale.ROOT, "%d (%.0f%%)%s", s.longest(), 100 * s.longestShare(),
                    s.single() >= AnswerSkew.MIN_SINGLE_LONGEST && s.longestShare() > AnswerSkew.MAX_LONGEST_SHARE ? " !" : "");
            String prefix = String.format(Locale.ROOT, "%d/%d (%.0f%%)%s", s.prefix(), s.multiple(), 100 * s.prefixShare(),
                    s.multiple() >= AnswerSkew.MIN_MULTIPLE && s.prefixShare() > AnswerSkew.MAX_PREFIX_SHARE ? " !" : "");
            out.add(String.format(Locale.ROOT, "%-4s %-20s %6d  %-24s %11s %14s", s.lang(), s.bank(), s.single(), pos,
                    longest, prefix));
        }
        return out;
    }
}
