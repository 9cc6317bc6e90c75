package dojo.cli;

import dojo.DojoException;
import dojo.grading.ExerciseReport;
import dojo.workshop.BatchGrader;
import dojo.workshop.GradeStore;
import dojo.workshop.Shard;
import dojo.workshop.SubmissionResult;
import dojo.workshop.WorkshopConfig;
import dojo.workshop.WorkshopException;
import dojo.workshop.WorkshopLayout;
import dojo.workshop.sandbox.Isolation;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code dojo workshop grade} and {@code dojo workshop merge}. */
final class WorkshopGradeCommands {
    private WorkshopGradeCommands() {}

    @Command(name = "grade", mixinStandardHelpOptions = true,
            description = {"Grade every learner's latest submission, each in its own sandboxed JVM, into grades/<learner>.json.",
                "Exit code: 0 every learner graded completely, 1 some submission crashed or hit a limit (it still has a",
                "result), 2 bad usage."},
            footer = {"", "Examples:", "  ./dojo workshop grade --jobs 2", "  ./dojo workshop grade --shard 2/4 --out shard-2   (then: merge shard-*)"})
    static final class Grade implements Callable<Integer> {
        @ParentCommand
        WorkshopCommand parent;

        @Option(names = "--jobs", defaultValue = "1", description = "Submissions graded at once (default: ${DEFAULT-VALUE}).")
        int jobs;

        @Option(names = "--shard", paramLabel = "I/N", description = "Grade only shard I of N of the roster (1-based).")
        String shard;

        @Option(names = "--out", paramLabel = "DIR", description = "Where grade files go (default: grades/ in the workshop).")
        Path out;

        @Option(names = "--no-sandbox", description = "Do not use namespaces or prlimit (a host without them; not for untrusted code).")
        boolean noSandbox;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            if (jobs < 1) {
                throw DojoException.badInput("--jobs must be at least 1, not " + jobs);
            }
            Shard s;
            try {
                s = shard == null ? Shard.all() : Shard.parse(shard);
            } catch (IllegalArgumentException e) {
                throw DojoException.badInput("--shard: " + e.getMessage());
            }
            WorkshopConfig config = parent.config();
            if (config.roster().isEmpty()) {
                throw DojoException.badInput(parent.layout().config() + ": the roster is empty; add learners under 'roster:'");
            }
            WorkshopLayout layout = parent.layout();
            Path target = out == null ? layout.grades() : out.toAbsolutePath().normalize();
            Isolation isolation = noSandbox ? Isolation.none() : Isolation.detect();
            PrintWriter w = spec.commandLine().getOut();
            w.println("isolation: " + isolation.describe());
            w.printf(Locale.ROOT, "grading shard %s of %d learners with %d job(s) into %s%n", s,
                    config.roster().size(), jobs, target);
            w.flush();
            BatchGrader.Summary summary;
            try {
                summary = new BatchGrader(Clock.systemUTC()).grade(new BatchGrader.Request(parent.projectDir(), config, layout,
                        target, jobs, s, isolation), r -> {
                            w.println(line(r));
                            w.flush();
                        });
            } catch (WorkshopException | IllegalArgumentException e) {
                throw DojoException.badInput(e.getMessage());
            }
            long incomplete = summary.results().stream().filter(r -> r.status() == SubmissionResult.Status.INCOMPLETE).count();
            long missing = summary.results().stream().filter(r -> r.status() == SubmissionResult.Status.NO_SUBMISSION).count();
            double avg = summary.results().stream().filter(r -> r.status() != SubmissionResult.Status.NO_SUBMISSION)
                    .mapToLong(SubmissionResult::millis).average().orElse(0);
            w.printf(Locale.ROOT, "graded %d learners in %.1f s (%.1f s per submission on average): %d complete, %d incomplete, %d without a submission%n",
                    summary.results().size(), summary.millis() / 1000.0, avg / 1000.0,
                    summary.results().size() - incomplete - missing, incomplete, missing);
            w.flush();
            return incomplete > 0 ? DojoException.CHECK_FAILED : 0;
        }

        static String line(SubmissionResult r) {
            StringBuilder b = new StringBuilder();
            b.append(String.format(Locale.ROOT, "%-16s %6.1f/%-4d %5.1f s  ", r.learner(), r.points(), r.maxPoints(), r.millis() / 1000.0));
            switch (r.status()) {
                case NO_SUBMISSION -> b.append("no submission");
                case COMPLETE -> b.append(summary(r));
                case INCOMPLETE -> b.append(summary(r)).append("  INCOMPLETE: ").append(r.message());
            }
            if (!r.frameworkChanges().isEmpty()) {
                b.append("  (changed framework files: ").append(String.join(", ", r.frameworkChanges())).append(')');
            }
            return b.toString();
        }

        private static String summary(SubmissionResult r) {
            StringBuilder b = new StringBuilder();
            for (ExerciseReport e : r.exercises()) {
                if (b.length() > 0) {
                    b.append(' ');
                }
                b.append(e.id(), 0, Math.min(4, e.id().length())).append(':').append(e.status().name().toLowerCase(Locale.ROOT).replace('_', '-'));
                if (e.total() > 0 && e.status() != dojo.grading.ExerciseStatus.NOT_STARTED) {
                    b.append(' ').append(e.passed()).append('/').append(e.total());
                }
            }
            return b.toString();
        }
    }

    @Command(name = "merge", mixinStandardHelpOptions = true,
            description = {"Merge the grade folders of shards (grade --shard I/N --out DIR) into grades/.",
                "Exit code: 0 every learner of the roster has a grade, 1 some are missing (listed), 2 bad input",
                "(a learner graded twice, a learner not in the roster)."})
    static final class Merge implements Callable<Integer> {
        @ParentCommand
        WorkshopCommand parent;

        @Parameters(paramLabel = "DIR", arity = "1..*", description = "Grade folders of the shards.")
        List<Path> dirs;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            WorkshopConfig config = parent.config();
            List<String> missing;
            try {
                missing = GradeStore.merge(dirs.stream().map(d -> d.toAbsolutePath().normalize()).toList(),
                        parent.layout().grades(), config);
            } catch (WorkshopException e) {
                throw DojoException.badInput(e.getMessage());
            }
            PrintWriter w = spec.commandLine().getOut();
            int merged = config.roster().size() - missing.size();
            w.println("merged " + merged + " of " + config.roster().size() + " learners from " + dirs.size() + " folder(s) into "
                    + parent.layout().grades());
            if (!missing.isEmpty()) {
                w.println("missing (no shard graded them): " + String.join(", ", missing));
            }
            w.flush();
            return missing.isEmpty() ? 0 : DojoException.CHECK_FAILED;
        }
    }
}
