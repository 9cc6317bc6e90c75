package dojo.cli;

import dojo.ControlChars;
import dojo.DojoException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** Entry point of {@code ./dojo}. Exit codes: 0 success, 1 a check failed, 2 bad usage or input. */
@Command(
        name = "dojo",
        mixinStandardHelpOptions = true,
        versionProvider = Dojo.Version.class,
        description = "Attention Dojo: learn self-attention and transformers for interviews.",
        subcommands = {
            QuizCommand.class,
            ReviewCommand.class,
            StatsCommand.class,
            LintCommand.class,
            ExportCommand.class,
            ExercisesCommand.class,
            HintCommand.class,
            GradeCommand.class,
            WatchCommand.class,
            BenchCommand.class,
            WorkshopCommand.class,
            TrainCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Dojo implements java.util.concurrent.Callable<Integer> {

    @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "Print stack traces with errors.")
    boolean verbose;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Bare {@code dojo}: no command given is a usage error, so the usage goes to stderr with exit code 2. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        spec.commandLine().getErr().println("dojo: error: no command given; try './dojo quiz' (see the commands above)");
        spec.commandLine().getErr().flush();
        return DojoException.BAD_INPUT;
    }

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs one command line; used by main and by tests (no System.exit). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Dojo());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            boolean verbose = parseResult.hasMatchedOption("--verbose")
                    || parseResult.subcommands().stream().anyMatch(p -> p.hasMatchedOption("--verbose"));
            PrintWriter e = commandLine.getErr();
            if (ex instanceof DojoException de) {
                e.println("dojo: error: " + ControlChars.escape(de.getMessage()));
                if (verbose) ex.printStackTrace(e);
                e.flush();
                return de.exitCode();
            }
            e.println("dojo: error: " + ControlChars.escape(describe(ex)));
            if (verbose) ex.printStackTrace(e);
            else e.println("dojo: (run again with --verbose for the stack trace)");
            e.flush();
            return DojoException.BAD_INPUT;
        });
        cl.setParameterExceptionHandler((ex, args2) -> {
            PrintWriter e = ex.getCommandLine().getErr();
            e.println("dojo: error: " + ControlChars.escape(String.valueOf(ex.getMessage())));
            e.println("dojo: see '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help'");
            e.flush();
            return DojoException.BAD_INPUT;
        });
        return cl.execute(args);
    }

    private static String describe(Throwable ex) {
        String msg = ex.getMessage();
        return msg == null || msg.isBlank() ? ex.getClass().getSimpleName() : msg;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Dojo.class.getPackage().getImplementationVersion();
            return new String[] {"dojo " + (v == null ? "0.1.0" : v) + " (Java " + Runtime.version() + ")"};
        }
    }
}
