package dojo.cli;

import dojo.DojoException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dojo.lint.LintFormatter;
import dojo.questions.Diagnostic;
import dojo.lint.LintReport;
import dojo.lint.Linter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code dojo lint [PATH...]}: checks question banks; see docs/lint.md. */
@Command(
        name = "lint",
        mixinStandardHelpOptions = true,
        description = {
            "Check question banks and print every problem as path:line:col: error|warning: message.",
            "Exit code: 0 no errors (warnings allowed), 1 errors found, 2 a path is missing or unreadable."
        })
public final class LintCommand implements Callable<Integer> {
    @Parameters(paramLabel = "PATH", arity = "0..*",
            description = "Bank files or directories (searched recursively for *.md). Default: the project's questions/.")
    List<Path> paths;

    @Option(names = "--json", description = "Print the report as JSON on stdout (the summary still goes to stderr).")
    boolean json;

    @Option(names = "--stats", description = "Print answer-skew statistics per bank and language (answer positions, "
            + "correct option longest, multiple-choice answers as a prefix) instead of the problems; see docs/lint.md.")
    boolean stats;

    @Option(names = "--export-order", description = "With --stats: measure the choices in the order the handout and "
            + "Anki/GIFT exports show them (one fixed shuffle per question id) instead of file order.")
    boolean exportOrder;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<Path> targets = paths == null || paths.isEmpty() ? List.of(ProjectPaths.questions()) : paths;
        if (stats) {
            for (String line : LintFormatter.skewTable(new Linter().skew(targets, exportOrder))) out.println(line);
            out.flush();
            return 0;
        }
        LintReport report = new Linter().lint(targets);
        LintFormatter fmt = new LintFormatter(Path.of(""));
        if (report.files() == 0 && report.unreadable().size() == 1 && report.diagnostics().size() == 1) {
            Diagnostic d = report.diagnostics().get(0);
            throw DojoException.badInput(d.message() + ": " + fmt.path(d.pos().file()));
        }
        if (report.files() == 0 && !report.unreadable().isEmpty()) {
            // nothing could be read at all: each path's problem, one line each, then exit 2
            for (String line : fmt.lines(report)) err.println(line);
            err.flush();
            throw DojoException.badInput("no question banks could be read (" + LintFormatter.plural(report.unreadable().size(), "path")
                    + " missing or unreadable)");
        }
        if (report.files() == 0) {
            throw DojoException.badInput("no question banks (*.md) found in " + String.join(", ",
                    targets.stream().map(Path::toString).toList()));
        }
        if (json) {
            ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            out.println(mapper.writeValueAsString(fmt.toJson(report)));
        } else {
            for (String line : fmt.lines(report)) out.println(line);
        }
        out.flush();
        err.println(fmt.summary(report));
        err.flush();
        return report.exitCode();
    }
}
