package dojo.cli;

import dojo.DojoException;
import dojo.grading.ExerciseIndex;
import dojo.grading.ExerciseIndexException;
import dojo.grading.GradeReport;
import dojo.grading.GradeRequest;
import dojo.grading.GradingEngine;
import dojo.grading.GradingSettings;
import dojo.grading.HintLedger;
import dojo.grading.render.FailureRenderer;
import dojo.grading.render.MarkdownReportRenderer;
import dojo.grading.render.ResultsJsonRenderer;
import dojo.grading.render.ScoreboardRenderer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code dojo grade}: grades exercises (all, or the ones named) and prints the scoreboard and what failed. */
@Command(name = "grade", mixinStandardHelpOptions = true,
        description = {"Grade your exercises: compile them, run their public and hidden tests, print a scoreboard.",
            "Exit code: 0 every attempted exercise passes (not started ones do not count), 1 some fail or do not "
                + "compile, 2 bad usage."},
        footer = {"", "Examples:", "  ./dojo grade                       grade everything in exercises/",
            "  ./dojo grade ex01_softmax          one exercise",
            "  ./dojo grade --tree solutions      the reference answers (should all pass)",
            "  ./dojo grade --json target/dojo/results.json --markdown target/dojo/report.md"})
public final class GradeCommand implements Callable<Integer> {

    @Parameters(paramLabel = "EXERCISE", arity = "0..*", description = "Exercises: ids (see 'dojo exercises'), numbers (2) or the start of one id (ex02); default: all.")
    List<String> exercises = new ArrayList<>();

    @Option(names = "--tree", paramLabel = "DIR", description = "Source tree to grade (default: exercises/ of the project).")
    Path tree;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write results.json (Exercism v3 + points) to FILE.")
    Path json;

    @Option(names = "--markdown", paramLabel = "FILE", description = "Also write a Markdown report to FILE.")
    Path markdown;

    @Option(names = "--public-only", description = "Run only the public suites (skip hidden ones).")
    boolean publicOnly;

    @Option(names = "--timeout", paramLabel = "DURATION", description = "Time limit per test, e.g. 5s or 500ms (default: ${DEFAULT-VALUE}).",
            defaultValue = "5s")
    String timeout;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    private final Path projectDir;

    public GradeCommand() {
        this(ProjectPaths.projectDir());
    }

    /** For tests and embedding: grade the checkout at {@code projectDir}. */
    public GradeCommand(Path projectDir) {
        this.projectDir = projectDir;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Duration limit = timeLimit(timeout);
        Path treeDir = resolveTree(projectDir, tree);
        GradeReport report;
        ExerciseIndex index;
        List<String> ids;
        try {
            Map<String, Integer> hints = hintsSeen(projectDir);
            index = ExerciseIndex.load(projectDir);
            ids = ExerciseArgs.ids(index, exercises);   // "2", "ex02": ex02_attention
            GradeRequest request = GradeRequest.of(projectDir).withTree(treeDir).withExercises(ids)
                    .withTimeout(limit).withHintsSeen(hints);
            report = new GradingEngine().grade(publicOnly ? request.publicOnly() : request);
        } catch (ExerciseIndexException | IllegalArgumentException e) {
            throw DojoException.badInput(e.getMessage());
        }
        out.print(ScoreboardRenderer.forColumns(dojo.terminal.TerminalIO.outputColumns()).render(report));
        out.print(details(report));
        NextExercise.afterGrading(index, report, ids).ifPresent(out::println);
        write(json, new ResultsJsonRenderer().render(report));
        write(markdown, new MarkdownReportRenderer().render(report));
        out.flush();
        return report.attemptedAllPass() ? 0 : DojoException.CHECK_FAILED;
    }

    /** The {@code --timeout} value (e.g. 5s, 500ms) as a per-test limit; bad input names the option. */
    static Duration timeLimit(String timeout) {
        try {
            return GradingSettings.parseDuration(timeout);
        } catch (IllegalArgumentException e) {
            throw DojoException.badInput("--timeout: " + e.getMessage());
        }
    }

    /** A tree given on the command line: relative to the working directory if it exists there, else to the project. */
    static Path resolveTree(Path projectDir, Path tree) {
        if (tree == null) {
            return projectDir.resolve("exercises");
        }
        Path p = tree.isAbsolute() || Files.isDirectory(tree) ? tree.toAbsolutePath() : projectDir.resolve(tree);
        if (!Files.isDirectory(p)) {
            throw DojoException.badInput("--tree: " + tree + " is not a directory");
        }
        return p.normalize();
    }

    static Map<String, Integer> hintsSeen(Path projectDir) {
        try {
            return HintLedger.load(HintLedger.defaultFile(projectDir)).seenByExercise();
        } catch (RuntimeException e) {
            return Map.of(); // a broken ledger must not stop grading; 'dojo hint' reports it
        }
    }

    /** What failed, per exercise: every failing test once, most diagnostic first (see {@link FailureRenderer}). */
    static String details(GradeReport report) {
        return new FailureRenderer().render(report);
    }


    private static void write(Path file, String text) {
        if (file == null) {
            return;
        }
        try {
            Path abs = file.toAbsolutePath();
            if (abs.getParent() != null) {
                Files.createDirectories(abs.getParent());
            }
            Files.writeString(abs, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw DojoException.badInput("cannot write " + file + ": " + e.getMessage());
        }
    }
}
