package dojo.cli;

import dojo.DojoException;
import dojo.grading.ExerciseIndex;
import dojo.grading.ExerciseIndexException;
import dojo.grading.ExerciseInfo;
import dojo.grading.HintLedger;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import dojo.terminal.MarkdownRenderer;
import dojo.terminal.TerminalIO;
import picocli.CommandLine.Spec;

/** {@code dojo hint EXERCISE}: reveals the next hint tier of an exercise and remembers it. */
@Command(name = "hint", mixinStandardHelpOptions = true,
        description = {"Show the next hint for an exercise, gentlest first.",
            "Revealed tiers are remembered (in $DOJO_HOME/hints.json, or .dojo/hints.json in the project) "
                + "and shown in the scoreboard."})
public final class HintCommand implements Callable<Integer> {

    @Parameters(paramLabel = "EXERCISE", description = "The exercise: its id (see 'dojo exercises'), number (2) or the start of its id (ex02).")
    String exercise;

    @Option(names = "--all", description = "Show every tier revealed so far, instead of revealing a new one.")
    boolean all;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    private final Path projectDir;
    private final Path ledgerFile;
    private final Clock clock;

    public HintCommand() {
        this(ProjectPaths.projectDir(), null, Clock.systemUTC());
    }

    /** For tests and embedding; {@code ledgerFile} null means the default location. */
    public HintCommand(Path projectDir, Path ledgerFile, Clock clock) {
        this.projectDir = projectDir;
        this.ledgerFile = ledgerFile;
        this.clock = clock;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        ExerciseInfo info;
        HintLedger ledger;
        try {
            info = ExerciseArgs.one(ExerciseIndex.load(projectDir), exercise);
            ledger = HintLedger.load(ledgerFile != null ? ledgerFile : HintLedger.defaultFile(projectDir));
        } catch (ExerciseIndexException | IllegalArgumentException e) {
            throw DojoException.badInput(e.getMessage());
        }
        int tiers = info.hints().size();
        int seen = Math.min(ledger.seen(info.id()), tiers);
        if (all) {
            if (seen == 0) {
                out.println("No hints revealed yet for " + info.id() + ". Run: ./dojo hint " + info.id());
            }
            for (int t = 1; t <= seen; t++) {
                print(out, info, t);
            }
            out.flush();
            return 0;
        }
        if (seen >= tiers) {
            out.println("All " + tiers + " hints of " + info.id() + " are revealed; the last one again:");
            print(out, info, tiers);
            out.println("Still stuck? Read exercises/" + info.id() + "/README.md once more, or compare with solutions/"
                    + info.id() + "/ if your checkout has it.");
            out.flush();
            return 0;
        }
        int tier = seen + 1;
        ledger.reveal(info.id(), tier, clock);
        print(out, info, tier);
        if (tier < tiers) {
            out.println("(" + (tiers - tier) + " more: run ./dojo hint " + info.id() + " again)");
        }
        out.flush();
        return 0;
    }

    /** The hint, rendered as Markdown and wrapped to the terminal (80 columns when not a terminal). */
    private static void print(PrintWriter out, ExerciseInfo info, int tier) {
        out.println("Hint " + tier + " of " + info.hints().size() + " for " + info.id() + " (" + info.title() + "):");
        TerminalIO.OutputStyle style = TerminalIO.outputStyle(System.getenv());
        for (String line : new MarkdownRenderer(style.color(), style.width()).render(info.hints().get(tier - 1), "  ", "  ")) {
            out.println(line);
        }
    }
}
