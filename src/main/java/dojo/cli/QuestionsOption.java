package dojo.cli;

import dojo.DojoException;
import dojo.questions.Diagnostic;
import dojo.questions.QuestionLibrary;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --questions}: the bank files or directories to load (default: the checkout's questions/). */
public final class QuestionsOption {
    @Option(names = "--questions", paramLabel = "PATH",
            description = "Question bank file or directory (repeatable; default: questions/ of the checkout).")
    List<Path> paths;

    /**
     * Loads the banks once. If any has an error, prints every error as {@code path:line:col: error: ...}
     * on {@code err} and fails with exit code 2: a quiz never runs on a bank it misreads.
     */
    public QuestionLibrary load(PrintWriter err) {
        return load(err, null);
    }

    /**
     * Like {@link #load(PrintWriter)}, but when {@code lang} is given and a directory to load has a
     * subdirectory of that name (the {@code questions/en}, {@code questions/zh} layout), only that
     * subdirectory is read: a quiz in one language need not parse the other (startup time), and the
     * cross-language checks are {@code dojo lint}'s job.
     */
    public QuestionLibrary load(PrintWriter err, String lang) {
        List<Path> from = paths == null || paths.isEmpty() ? List.of(ProjectPaths.questions()) : paths;
        if (lang != null) {
            List<Path> narrowed = new ArrayList<>();
            for (Path p : from) {
                Path sub = p.resolve(lang);
                narrowed.add(Files.isDirectory(p) && Files.isDirectory(sub) ? sub : p);
            }
            from = narrowed;
        }
        QuestionLibrary lib = QuestionLibrary.load(from);
        if (lib.hasErrors()) {
            long n = 0;
            for (Diagnostic d : lib.diagnostics()) {
                if (d.severity() == Diagnostic.Severity.ERROR) {
                    err.println(d);
                    n++;
                }
            }
            err.flush();
            throw DojoException.badInput(n + (n == 1 ? " error" : " errors")
                    + " in the question banks; fix them first (dojo lint shows the same list)");
        }
        if (lib.banks().isEmpty()) {
            throw DojoException.badInput("no question banks found in " + from);
        }
        return lib;
    }
}
