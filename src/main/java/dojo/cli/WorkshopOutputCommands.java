package dojo.cli;

import dojo.DojoException;
import dojo.grading.ExerciseIndex;
import dojo.grading.ExerciseInfo;
import dojo.workshop.GradeStore;
import dojo.workshop.SubmissionResult;
import dojo.workshop.SubmissionStore;
import dojo.workshop.WorkshopConfig;
import dojo.workshop.WorkshopException;
import dojo.workshop.WorkshopLayout;
import dojo.workshop.collect.Collector;
import dojo.workshop.feedback.Feedback;
import dojo.workshop.feedback.HintSchedule;
import dojo.workshop.gradebook.Gradebook;
import dojo.workshop.gradebook.GradebookRenderers;
import dojo.workshop.release.Checksums;
import dojo.workshop.report.CohortHtml;
import dojo.workshop.report.CohortReport;
import dojo.workshop.similarity.SimilarityStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code dojo workshop collect | gradebook | feedback | report}. */
final class WorkshopOutputCommands {
    private WorkshopOutputCommands() {}

    static void write(Path file, String text) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw DojoException.badInput("cannot write " + file + ": " + e.getMessage());
        }
    }

    static Map<String, SubmissionResult> grades(WorkshopLayout layout) {
        try {
            Map<String, SubmissionResult> g = GradeStore.readAll(layout.grades());
            if (g.isEmpty()) {
                throw DojoException.badInput(layout.grades() + ": no grades yet; run './dojo workshop grade' first");
            }
            return g;
        } catch (WorkshopException e) {
            throw DojoException.badInput(e.getMessage());
        }
    }

    static Gradebook gradebook(WorkshopCommand parent) {
        WorkshopConfig config = parent.config();
        Map<String, Set<String>> similar = SimilarityStore.flagged(parent.layout().dir().resolve(SimilarityStore.FILE));
        return Gradebook.build(config, grades(parent.layout()), similar);
    }

    @Command(name = "collect", mixinStandardHelpOptions = true,
            description = {"Collect submissions: folders, git repositories and bundles, zip files.",
                "FROM holds one entry per learner, named by learner id:",
                "ada/ (a folder or a git repository), ada.git, ada.bundle (git bundle) or ada.zip.",
                "Each is kept as submissions/<learner>/<time>/ with its submission time; framework files a learner",
                "changed are flagged against the release checksums. Exit code: 0 all collected, 1 some skipped."})
    static final class Collect implements Callable<Integer> {
        @ParentCommand
        WorkshopCommand parent;

        @Parameters(paramLabel = "FROM", description = "Folder holding one entry per learner.")
        Path from;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            WorkshopConfig config = parent.config();
            WorkshopLayout layout = parent.layout();
            if (!Files.isDirectory(from)) {
                throw DojoException.badInput(from + " is not a folder");
            }
            Optional<Map<String, String>> sums = Files.isRegularFile(layout.checksums())
                    ? Optional.of(Checksums.read(layout.checksums())) : Optional.empty();
            PrintWriter w = spec.commandLine().getOut();
            if (sums.isEmpty()) {
                w.println("note: " + layout.checksums() + " not found (no release from this workshop): framework changes are not checked");
            }
            List<Collector.Collected> got = new Collector(config, new SubmissionStore(layout.submissions()), sums,
                    layout.work().resolve("collect"), Clock.systemUTC()).collect(from);
            int skipped = 0;
            for (Collector.Collected c : got) {
                String line = String.format("%-16s %-7s ", c.learner(), c.kind());
                if (c.stamp() != null) {
                    line += "stored " + c.stamp() + " (submitted " + c.submittedAt() + ")";
                } else {
                    line += c.note();
                    if (c.note() != null && c.note().startsWith("skipped")) {
                        skipped++;
                    }
                }
                if (!c.frameworkChanges().isEmpty()) {
                    line += "  CHANGED FRAMEWORK FILES: " + String.join(", ", c.frameworkChanges());
                }
                w.println(line);
            }
            long missing = config.roster().stream().filter(l -> got.stream().noneMatch(c -> c.learner().equals(l.id()))).count();
            w.println("collected " + got.stream().filter(c -> c.stamp() != null).count() + ", skipped " + skipped + "; " + missing
                    + " learner(s) of the roster had no entry in " + from);
            w.flush();
            return skipped > 0 ? DojoException.CHECK_FAILED : 0;
        }
    }

    @Command(name = "gradebook", mixinStandardHelpOptions = true,
            description = {"Write the gradebook: CSV, JSON and Gradescope results.json per learner.",
                "gradebook.csv has nbgrader's columns, then points per exercise, team, days late, similarity flag;",
                "gradebook.json the same with exercise details; gradescope/<learner>/results.json per learner."})
    static final class GradebookCmd implements Callable<Integer> {
        @ParentCommand
        WorkshopCommand parent;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            Gradebook g = gradebook(parent);
            WorkshopLayout layout = parent.layout();
            Map<String, Integer> live;
            try {
                live = dojo.workshop.live.LiveOutputs.pointsByLearner(layout.dir());
            } catch (IOException e) {
                throw DojoException.badInput(e.getMessage());
            }
            write(layout.dir().resolve("gradebook.csv"), GradebookRenderers.csv(g, live));
            write(layout.dir().resolve("gradebook.json"), GradebookRenderers.json(g, live));
            for (Gradebook.Row r : g.rows()) {
                write(layout.gradescope().resolve(r.learner().id()).resolve("results.json"), GradebookRenderers.gradescope(r, g.config(), Instant.now()));
            }
            PrintWriter w = spec.commandLine().getOut();
            long graded = g.rows().stream().filter(r -> r.result() != null).count();
            w.println("wrote gradebook.csv, gradebook.json and " + g.rows().size() + " gradescope/<learner>/results.json in "
                    + layout.dir() + " (" + graded + " of " + g.rows().size() + " learners graded)");
            w.flush();
            return 0;
        }
    }

    @Command(name = "feedback", mixinStandardHelpOptions = true,
            description = {"Write feedback/<learner>.md for every learner, in their language (en or zh).",
                "First failure per exercise, the next hint, and what stays hidden until the due date."})
    static final class FeedbackCmd implements Callable<Integer> {
        @ParentCommand
        WorkshopCommand parent;

        @Option(names = "--now", paramLabel = "INSTANT", description = "Write as of this time (ISO, e.g. 2027-03-02T00:00:00Z); default: now.")
        String now;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            Instant at;
            try {
                at = now == null ? Instant.now() : Instant.parse(now);
            } catch (java.time.format.DateTimeParseException e) {
                throw DojoException.badInput("--now: '" + now + "' is not an instant like 2027-03-02T00:00:00Z");
            }
            Gradebook g = gradebook(parent);
            ExerciseIndex index = parent.index();
            WorkshopLayout layout = parent.layout();
            Path hintsFile = layout.feedback().resolve("hints.json");
            HintSchedule schedule;
            try {
                schedule = HintSchedule.load(hintsFile);
            } catch (WorkshopException e) {
                throw DojoException.badInput(e.getMessage());
            }
            Map<String, Integer> tiers = new LinkedHashMap<>();
            for (ExerciseInfo e : index.exercises()) {
                tiers.put(e.id(), e.hints().size());
            }
            int n = 0;
            for (Gradebook.Row r : g.rows()) {
                Map<String, Integer> hint = r.result() == null ? Map.of() : schedule.next(r.result(), tiers);
                write(layout.feedback().resolve(r.learner().id() + ".md"), Feedback.markdown(r, g.config(), index, hint, at));
                n++;
            }
            schedule.save(hintsFile);
            PrintWriter w = spec.commandLine().getOut();
            w.println("wrote " + n + " feedback files to " + layout.feedback() + (g.config().hiddenDetailsVisible(at)
                    ? " (hidden test details included: past the due date)" : " (hidden tests shown as counts until the due date)"));
            w.flush();
            return 0;
        }
    }

    @Command(name = "report", mixinStandardHelpOptions = true,
            description = "Write report.html: pass rate per exercise and per test, the score histogram, the hardest tests.")
    static final class Report implements Callable<Integer> {
        @ParentCommand
        WorkshopCommand parent;

        @Option(names = "--out", paramLabel = "FILE", description = "Where to write it (default: report.html in the workshop).")
        Path out;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            WorkshopConfig config = parent.config();
            CohortReport r = CohortReport.build(config, grades(parent.layout()));
            Path file = out == null ? parent.layout().dir().resolve("report.html") : out;
            write(file, CohortHtml.render(r, Instant.now()));
            PrintWriter w = spec.commandLine().getOut();
            w.printf(java.util.Locale.ROOT, "wrote %s: %d of %d learners submitted, mean %.1f / %d%n", file.toAbsolutePath(),
                    r.submitted(), r.learners(), r.mean(), config.maxPoints());
            w.flush();
            return 0;
        }
    }
}
