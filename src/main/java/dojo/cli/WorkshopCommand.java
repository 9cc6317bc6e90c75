package dojo.cli;

import dojo.DojoException;
import dojo.grading.ExerciseIndex;
import dojo.grading.ExerciseIndexException;
import dojo.workshop.Learner;
import dojo.workshop.WorkshopConfig;
import dojo.workshop.WorkshopConfigParser;
import dojo.workshop.WorkshopException;
import dojo.workshop.WorkshopInit;
import dojo.workshop.WorkshopLayout;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code dojo workshop}: study-group workshops; each subcommand is a thin front-end to {@code dojo.workshop}. */
@Command(name = "workshop", mixinStandardHelpOptions = true,
        description = {"Run a study group: starter repo, sandboxed batch grading, gradebook, feedback, report, live quiz.",
            "Every subcommand works on the workshop folder (-C DIR) that holds workshop.yaml. See docs/workshop.md."},
        subcommands = {WorkshopCommand.Init.class, WorkshopReleaseCommand.class, WorkshopOutputCommands.Collect.class, WorkshopGradeCommands.Grade.class, WorkshopGradeCommands.Merge.class,
            WorkshopOutputCommands.GradebookCmd.class, WorkshopOutputCommands.FeedbackCmd.class, WorkshopOutputCommands.Report.class,
            WorkshopSimilarityCommand.class, WorkshopLiveCommand.Live.class, WorkshopLiveCommand.Join.class})
public final class WorkshopCommand implements Runnable {

    @Option(names = {"-C", "--dir"}, paramLabel = "DIR", scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "The workshop directory (holds workshop.yaml; default: the working directory).")
    Path dir = Path.of(".");

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    private final Path projectDir;

    public WorkshopCommand() {
        this(ProjectPaths.projectDir());
    }

    /** For tests: the host checkout at {@code projectDir}. */
    public WorkshopCommand(Path projectDir) {
        this.projectDir = projectDir;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    Path projectDir() {
        return projectDir;
    }

    WorkshopLayout layout() {
        return new WorkshopLayout(dir);
    }

    ExerciseIndex index() {
        try {
            return ExerciseIndex.load(projectDir);
        } catch (ExerciseIndexException e) {
            throw DojoException.badInput(e.getMessage());
        }
    }

    /** The workshop's configuration; bad input becomes one line per problem, exit 2. */
    WorkshopConfig config() {
        try {
            return WorkshopConfigParser.load(layout().config(), index());
        } catch (WorkshopException e) {
            throw DojoException.badInput(e.getMessage());
        }
    }

    /** {@code dojo workshop init}. */
    @Command(name = "init", mixinStandardHelpOptions = true,
            description = "Write workshop.yaml: roster and teams, exercises and points, due date, late policy, limits.",
            footer = {"", "Example:", "  ./dojo workshop -C ~/course init --name 'Spring study group' --assignment attention-1 \\",
                "      --due '2027-03-01 23:59' --timezone Europe/Berlin --roster roster.csv",
                "", "roster.csv has a header with columns id,first,last,email,team,language (id required)."})
    static final class Init implements Callable<Integer> {
        @ParentCommand
        WorkshopCommand parent;

        @Option(names = "--name", description = "Workshop name (default: the directory's name).")
        String name;

        @Option(names = "--assignment", defaultValue = "attention", description = "Assignment name (default: ${DEFAULT-VALUE}).")
        String assignment;

        @Option(names = "--due", paramLabel = "'YYYY-MM-DD HH:MM'", description = "Due date, local time of --timezone (default: 14 days from now, 23:59).")
        String due;

        @Option(names = "--timezone", paramLabel = "ZONE", description = "IANA time zone, e.g. Europe/Berlin (default: the system's).")
        String timezone;

        @Option(names = "--roster", paramLabel = "CSV", description = "Roster to import (columns id,first,last,email,team,language).")
        Path roster;

        @Option(names = "--force", description = "Overwrite an existing workshop.yaml.")
        boolean force;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            WorkshopLayout layout = parent.layout();
            Path file = layout.config();
            if (Files.exists(file) && !force) {
                throw DojoException.badInput(file + " exists; use --force to overwrite it");
            }
            ZoneId zone;
            try {
                zone = timezone == null ? ZoneId.systemDefault() : ZoneId.of(timezone);
            } catch (java.time.DateTimeException e) {
                throw DojoException.badInput("--timezone: unknown time zone '" + timezone + "' (e.g. Europe/Berlin)");
            }
            LocalDateTime dueAt;
            try {
                dueAt = due == null ? LocalDateTime.now(zone).plusDays(14).withHour(23).withMinute(59).withSecond(0).withNano(0)
                        : LocalDateTime.parse(due.strip().replace(' ', 'T'), DateTimeFormatter.ISO_LOCAL_DATE_TIME);
            } catch (DateTimeParseException e) {
                throw DojoException.badInput("--due: '" + due + "' is not a date and time like '2027-03-01 23:59'");
            }
            List<Learner> learners = List.of();
            if (roster != null) {
                try {
                    learners = WorkshopInit.readRosterCsv(roster.toString(), Files.readString(roster, StandardCharsets.UTF_8));
                } catch (NoSuchFileException e) {
                    throw DojoException.badInput("--roster: " + roster + " not found");
                } catch (IOException e) {
                    throw DojoException.badInput("--roster: cannot read " + roster + ": " + e.getMessage());
                } catch (WorkshopException e) {
                    throw DojoException.badInput(e.getMessage());
                }
            }
            String workshopName = name != null ? name : layout.dir().getFileName() == null ? "workshop" : layout.dir().getFileName().toString();
            ExerciseIndex index = parent.index();
            String text = WorkshopInit.text(index, workshopName, assignment, dueAt, zone, learners);
            try {
                // the roster CSV's problems (bad id, duplicate, language) are checked the same way as a hand-edited file
                WorkshopConfigParser.parse(file.toString(), text, index);
            } catch (WorkshopException e) {
                throw DojoException.badInput(e.getMessage());
            }
            try {
                Files.createDirectories(layout.dir());
                Files.writeString(file, text, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw DojoException.badInput("cannot write " + file + ": " + e.getMessage());
            }
            PrintWriter out = spec.commandLine().getOut();
            out.println("wrote " + file + " (" + index.exercises().size() + " exercises, " + learners.size() + " learners, due "
                    + dueAt.toString().replace('T', ' ') + " " + zone.getId() + ")");
            out.println("next: ./dojo workshop -C " + layout.dir() + " release --out <starter-dir>");
            out.flush();
            return 0;
        }
    }
}
