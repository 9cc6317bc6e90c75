package dojo.grading;

import static org.assertj.core.api.Assertions.assertThat;

import dojo.cli.ExercisesCommand;
import dojo.cli.GradeCommand;
import dojo.cli.HintCommand;
import dojo.grading.mutant.MutantCatalog;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** dojo grade / exercises / hint on this checkout: output, files and exit codes. */
class GradingCommandsTest {
    static final Path PROJECT = Path.of(System.getProperty("dojo.project.dir", ".")).toAbsolutePath().normalize();

    @TempDir
    Path temp;

    record Run(int exit, String out, String err) {}

    static Run run(Callable<Integer> command, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(command);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        cl.setExecutionExceptionHandler((ex, c, p) -> {
            c.getErr().println("dojo: error: " + ex.getMessage());
            return ex instanceof dojo.DojoException d ? d.exitCode() : 2;
        });
        cl.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println("dojo: error: " + ex.getMessage());
            return 2;
        });
        return new Run(cl.execute(args), out.toString(), err.toString());
    }

    @Test
    @DisplayName("dojo grade --tree solutions passes with exit 0 and writes results.json and report.md")
    void gradeSolutions() throws IOException {
        Path json = temp.resolve("out/results.json");
        Path md = temp.resolve("out/report.md");
        Run r = run(new GradeCommand(PROJECT), "ex01_softmax", "--tree", PROJECT.resolve("solutions").toString(),
                "--json", json.toString(), "--markdown", md.toString());
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("ex01_softmax  passed").contains("total 10.0/10 points: 1 passed");
        assertThat(Files.readString(json)).contains("\"version\" : 3", "\"status\" : \"pass\"");
        assertThat(Files.readString(md)).startsWith("# Attention Dojo: grade report");
    }

    @Test
    @DisplayName("dojo grade on a wrong attempt exits 1 and prints each failing test with its message")
    void gradeWrongAttempt() throws IOException {
        MutantCatalog mutants = new MutantCatalog(PROJECT);
        Path tree = mutants.writeTree(mutants.load(PROJECT.resolve("src/mutants/ex01_softmax/masked_row_nan.patch")),
                List.of("ex01_softmax"), temp.resolve("tree"));
        Run r = run(new GradeCommand(PROJECT), "ex01_softmax", "--tree", tree.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("FAILED").contains("  x a fully masked row gives zeros, not NaN")
                .contains("stuck? ./dojo hint ex01_softmax");
    }

    @Test
    @DisplayName("dojo grade and dojo hint take an exercise's number or the start of its id")
    void shorthands() {
        Run byNumber = run(new GradeCommand(PROJECT), "1");
        assertThat(byNumber.exit()).as(byNumber.err()).isZero();
        assertThat(byNumber.out()).contains("ex01_softmax").doesNotContain("ex02_attention");
        Path ledger = temp.resolve("hints.json");
        Clock clock = Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC);
        Run hint = run(new HintCommand(PROJECT, ledger, clock), "ex02");
        assertThat(hint.out()).startsWith("Hint 1 of 3 for ex02_attention");
    }

    @Test
    @DisplayName("dojo grade with an unknown exercise or a bad option exits 2 naming the valid choices")
    void gradeBadUsage() {
        Run unknown = run(new GradeCommand(PROJECT), "ex99_nope");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("unknown exercise 'ex99_nope'; valid: ex01_softmax");
        Run typo = run(new GradeCommand(PROJECT), "ex2_attention");
        assertThat(typo.exit()).isEqualTo(2);
        assertThat(typo.err()).startsWith("dojo: error: unknown exercise 'ex2_attention'; did you mean 'ex02_attention'? (valid: ex01_softmax");
        Run several = run(new GradeCommand(PROJECT), "ex0");
        assertThat(several.exit()).isEqualTo(2);
        assertThat(several.err()).startsWith("dojo: error: 'ex0' starts 9 exercise ids; valid: ex01_softmax");
        Run timeout = run(new GradeCommand(PROJECT), "--timeout", "soon");
        assertThat(timeout.exit()).isEqualTo(2);
        assertThat(timeout.err()).contains("--timeout: dojo.grading.timeout: cannot read 'soon'");
        Run tree = run(new GradeCommand(PROJECT), "--tree", temp.resolve("absent").toString());
        assertThat(tree.exit()).isEqualTo(2);
        assertThat(tree.err()).contains("is not a directory");
    }

    @Test
    @DisplayName("dojo exercises --no-grade --json lists the path from the index")
    void exercisesJson() {
        Run r = run(new ExercisesCommand(PROJECT), "--no-grade", "--json");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("\"id\" : \"ex01_softmax\"", "\"max_points\" : 10", "\"hint_tiers\" : 4");
        Run table = run(new ExercisesCommand(PROJECT), "--no-grade");
        assertThat(table.out().lines()).anyMatch(l -> l.matches(" *1  ex01_softmax +Numerically stable row-wise softmax +\\? +\\?/10"));
    }

    @Test
    @DisplayName("dojo hint reveals one tier at a time, remembers it, and repeats the last when all are shown")
    void hints() {
        Path ledger = temp.resolve("hints.json");
        Clock clock = Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC);
        Run first = run(new HintCommand(PROJECT, ledger, clock), "ex01_softmax");
        assertThat(first.out()).startsWith("Hint 1 of 4 for ex01_softmax").contains("(3 more: run ./dojo hint ex01_softmax again)");
        for (int i = 0; i < 3; i++) {
            run(new HintCommand(PROJECT, ledger, clock), "ex01_softmax");
        }
        assertThat(HintLedger.load(ledger).seen("ex01_softmax")).isEqualTo(4);
        Run after = run(new HintCommand(PROJECT, ledger, clock), "ex01_softmax");
        assertThat(after.out()).startsWith("All 4 hints of ex01_softmax are revealed; the last one again:\nHint 4 of 4");
        Run all = run(new HintCommand(PROJECT, ledger, clock), "ex01_softmax", "--all");
        assertThat(all.out()).contains("Hint 1 of 4", "Hint 4 of 4");
        Run unknown = run(new HintCommand(PROJECT, ledger, clock), "nope");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("valid: ex01_softmax");
    }

    @Test
    @DisplayName("hints are wrapped within 80 columns when not on a terminal, each line indented")
    void hintsAreWrapped() {
        Path ledger = temp.resolve("hints-wrap.json");
        Clock clock = Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC);
        for (int i = 0; i < 4; i++) run(new HintCommand(PROJECT, ledger, clock), "ex02_attention");
        Run all = run(new HintCommand(PROJECT, ledger, clock), "ex02_attention", "--all");
        assertThat(all.out().lines().toList()).hasSizeGreaterThan(4)
                .allSatisfy(l -> assertThat(l.length()).as(l).isLessThanOrEqualTo(80))
                .filteredOn(l -> !l.startsWith("Hint ")).allSatisfy(l -> assertThat(l).startsWith("  "));
    }

    @Test
    @DisplayName("hint --help and grade --help have no hard line breaks inside a sentence: picocli wraps them")
    void helpTextIsWrappedByPicocli() {
        picocli.CommandLine cl = dojo.cli.Dojo.commandLine(new String[0]);   // every command, as for ./dojo --help
        String hint = cl.getSubcommands().get("hint").setUsageHelpWidth(200).getUsageMessage();
        String grade = cl.getSubcommands().get("grade").setUsageHelpWidth(200).getUsageMessage();
        assertThat(hint).contains("Revealed tiers are remembered (in $DOJO_HOME/hints.json, or .dojo/hints.json in the project) "
                + "and shown in the scoreboard.");
        assertThat(grade).contains("Exit code: 0 every attempted exercise passes (not started ones do not count), 1 some fail "
                + "or do not compile, 2 bad usage.");
    }
}
