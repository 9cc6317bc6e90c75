package dojo.cli;

import dojo.DojoException;
import dojo.grading.ExerciseIndex;
import dojo.grading.ExerciseIndexException;
import dojo.grading.GradeRequest;
import dojo.grading.GradingEngine;
import dojo.grading.render.WatchScreenRenderer;
import dojo.grading.watch.TreeWatcher;
import dojo.grading.watch.WatchRound;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code dojo watch [EXERCISE]}: a warm process that regrades on every save until Ctrl-C. */
@Command(name = "watch", mixinStandardHelpOptions = true,
        description = {"Regrade your exercises every time you save.",
            "Shows the scoreboard, the first failure with its likely cause, the next hint command, and the next exercise "
                    + "when one passes. Only the exercise you changed (and those that require it) is graded again. Ctrl-C stops."},
        footer = {"", "Examples:", "  ./dojo watch                  watch every exercise",
            "  ./dojo watch ex02_attention   grade and watch one exercise (and what it requires)"})
public final class WatchCommand implements Callable<Integer> {
    private static final String CLEAR = "\033[H\033[2J\033[3J";

    @Parameters(paramLabel = "EXERCISE", arity = "0..*", description = "Exercises to watch: ids, numbers (2) or the start of one id (ex02); default: all.")
    List<String> exercises = new ArrayList<>();

    @Option(names = "--tree", paramLabel = "DIR", description = "Source tree to watch (default: exercises/ of the project).")
    Path tree;

    @Option(names = "--public-only", description = "Run only the public suites (skip hidden ones).")
    boolean publicOnly;

    @Option(names = "--timeout", paramLabel = "DURATION", description = "Time limit per test (default: ${DEFAULT-VALUE}).",
            defaultValue = "5s")
    String timeout;

    @Option(names = "--no-clear", description = "Do not clear the screen between rounds (it is never cleared when the"
            + " output is not a terminal).")
    boolean noClear;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    private final Path projectDir;

    public WatchCommand() {
        this(ProjectPaths.projectDir());
    }

    /** For tests and embedding: watch the checkout at {@code projectDir}. */
    public WatchCommand(Path projectDir) {
        this.projectDir = projectDir;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Duration limit = GradeCommand.timeLimit(timeout);
        Path treeDir = GradeCommand.resolveTree(projectDir, tree);
        GradeRequest request;
        try {
            ExerciseIndex index = ExerciseIndex.load(projectDir);
            // an unknown one is bad usage, before anything is watched
            request = GradeRequest.of(projectDir).withTree(treeDir).withExercises(ExerciseArgs.ids(index, exercises))
                    .withTimeout(limit);
        } catch (ExerciseIndexException | IllegalArgumentException e) {
            throw DojoException.badInput(e.getMessage());
        }
        boolean clear = !noClear && dojo.terminal.TerminalIO.stdioIsTerminal();
        String shown = treeDir.startsWith(projectDir.toAbsolutePath().normalize())
                ? projectDir.toAbsolutePath().normalize().relativize(treeDir).toString() : treeDir.toString();
        WatchScreenRenderer renderer = new WatchScreenRenderer(dojo.terminal.TerminalIO.outputColumns());
        CountDownLatch stopped = new CountDownLatch(1);
        Thread main = Thread.currentThread();
        TreeWatcher watcher = new TreeWatcher(publicOnly ? request.publicOnly() : request, new GradingEngine(),
                Clock.systemUTC(), () -> GradeCommand.hintsSeen(projectDir));
        // Ctrl-C: stop waiting for events, let the round in progress finish printing, then say goodbye
        Thread hook = new Thread(() -> {
            watcher.close();
            main.interrupt();
            try {
                stopped.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "dojo-watch-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            show(out, renderer, watcher.gradeAll(), shown, clear);
            while (!Thread.currentThread().isInterrupted()) {
                WatchRound round;
                try {
                    round = watcher.awaitAndGrade();
                } catch (ExerciseIndexException | IllegalArgumentException e) {
                    // e.g. exercises/index.yaml saved half-edited: say so and keep watching
                    out.println("dojo watch: " + e.getMessage() + " (fix it and save again)");
                    out.flush();
                    continue;
                }
                if (round == null) {
                    break;
                }
                show(out, renderer, round, shown, clear);
            }
        } catch (ExerciseIndexException e) {
            throw DojoException.badInput(e.getMessage());
        } finally {
            watcher.close();
            out.println("dojo watch: stopped.");
            out.flush();
            stopped.countDown();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // already shutting down (Ctrl-C): the hook is running
        }
        return 0;
    }


    private static void show(PrintWriter out, WatchScreenRenderer renderer, WatchRound round, String shown, boolean clear) {
        out.print((clear ? CLEAR : round.number() > 1 ? "\n" + "=".repeat(72) + "\n" : "") + renderer.render(round, shown));
        out.flush();
    }
}
