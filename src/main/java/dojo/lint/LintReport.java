package dojo.lint;

import dojo.questions.Diagnostic;
import java.nio.file.Path;
import java.util.List;

/**
 * The result of linting some banks.
 *
 * @param files       bank files checked
 * @param questions   {@code ##} questions found, including those with errors
 * @param diagnostics every problem, sorted by file, line, column
 * @param unreadable  paths that do not exist or could not be read
 */
public record LintReport(int files, int questions, List<Diagnostic> diagnostics, List<Path> unreadable) {
    public LintReport {
        diagnostics = List.copyOf(diagnostics);
        unreadable = List.copyOf(unreadable);
    }

    public long errors() {
        return diagnostics.stream().filter(d -> d.severity() == Diagnostic.Severity.ERROR).count();
    }

    public long warnings() {
        return diagnostics.stream().filter(d -> d.severity() == Diagnostic.Severity.WARNING).count();
    }

    /** 0 clean (warnings allowed), 1 at least one error, 2 some input could not be read. */
    public int exitCode() {
        if (!unreadable.isEmpty()) return 2;
        return errors() > 0 ? 1 : 0;
    }
}
