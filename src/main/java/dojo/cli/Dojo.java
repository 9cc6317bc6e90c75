package dojo.cli;

import dojo.ControlChars;
import dojo.DojoException;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** Entry point of {@code ./dojo}. Exit codes: 0 success, 1 a check failed, 2 bad usage or input. */
@Command(
        name = "dojo",
        mixinStandardHelpOptions = true,
        versionProvider = Dojo.Version.class,
        description = "Attention Dojo: learn self-attention and transformers for interviews.")
public final class Dojo implements java.util.concurrent.Callable<Integer> {

    /** The subcommands' names, in {@link #COMMANDS} order (a test checks them against each @Command). */
    static final List<String> NAMES = List.of("quiz", "review", "stats", "lint", "export", "exercises", "hint", "grade",
            "watch", "bench", "workshop", "train", "viz", "help");

    /** The subcommands, in the order the usage lists them. */
    static final List<Class<?>> COMMANDS = List.of(
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
            VizCommand.class,
            CommandLine.HelpCommand.class);

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
        CommandLine cl = commandLine(args);
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
            String unknownCommand = unknownCommand(ex);
            e.println("dojo: error: " + ControlChars.escape(unknownCommand != null ? unknownCommand : String.valueOf(ex.getMessage())));
            e.println("dojo: see '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help'");
            e.flush();
            return DojoException.BAD_INPUT;
        });
        return cl.execute(args);
    }

    /**
     * The command line for {@code args}: when the first word names a command, only that command is built.
     * picocli instantiates every registered command, and building all of them (workshop servers, JSON mappers,
     * ...) cost a third of the start-up of {@code dojo stats}. Usage, {@code help}, a bare {@code dojo} and an
     * unknown word get them all (listing, suggestions).
     */
    public static CommandLine commandLine(String[] args) {
        CommandLine cl = new CommandLine(new Dojo());
        String first = null;
        for (String a : args) {
            if (a.equals("--")) break;
            if (!a.startsWith("-")) {
                first = a;
                break;
            }
        }
        // by name, without reading the other commands' annotations (that loads their classes and nested commands)
        int at = first == null || first.equals("help") ? -1 : NAMES.indexOf(first);
        Class<?> only = at < 0 ? null : COMMANDS.get(at);
        if (only == null || only == TrainCommand.class || only == VizCommand.class) {
            // the model list in train's and viz's help
            System.setProperty("dojo.models", String.join(", ", dojo.models.ExperimentCatalog.standard().names()));
        }
        for (Class<?> c : COMMANDS) {
            if (only == null || c == only) cl.addSubcommand(c);
        }
        return cl;
    }

    /** "unknown command 'quix'; did you mean 'quiz'?" when the first word names no command, else null. */
    private static String unknownCommand(CommandLine.ParameterException ex) {
        if (!(ex instanceof CommandLine.UnmatchedArgumentException u) || ex.getCommandLine().getParent() != null) return null;
        List<String> unmatched = u.getUnmatched();
        if (unmatched.isEmpty() || unmatched.get(0).startsWith("-")) return null;
        String word = unmatched.get(0);
        return "unknown command '" + word + "'" + Suggestions.didYouMean(word, ex.getCommandLine().getSubcommands().keySet());
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
