package dojo.cli;

import dojo.DojoException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dojo.grading.ExerciseIndex;
import dojo.grading.ExerciseIndexException;
import dojo.grading.ExerciseInfo;
import dojo.grading.ExerciseReport;
import dojo.grading.GradeReport;
import dojo.grading.GradeRequest;
import dojo.grading.GradingEngine;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dojo exercises}: the exercise path, in order, with each exercise's status and points. */
@Command(name = "exercises", mixinStandardHelpOptions = true,
        description = {"List the exercises in order, with status and points.",
            "Grades exercises/ to find the status; --no-grade lists the path only."})
public final class ExercisesCommand implements Callable<Integer> {

    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;

    @Option(names = "--no-grade", description = "Do not grade; list the path only (status shown as '?').")
    boolean noGrade;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    private final Path projectDir;

    public ExercisesCommand() {
        this(ProjectPaths.projectDir());
    }

    public ExercisesCommand(Path projectDir) {
        this.projectDir = projectDir;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        ExerciseIndex index;
        GradeReport report = null;
        Map<String, Integer> hints = GradeCommand.hintsSeen(projectDir);
        try {
            index = ExerciseIndex.load(projectDir);
            if (!noGrade) {
                report = new GradingEngine().grade(GradeRequest.of(projectDir).withHintsSeen(hints));
            }
        } catch (ExerciseIndexException | IllegalArgumentException e) {
            throw DojoException.badInput(e.getMessage());
        }
        if (json) {
            out.print(json(index, report, hints));
        } else {
            int cols = dojo.terminal.TerminalIO.outputColumns();
            out.print(table(index, report, cols > 0 ? cols - 1 : Integer.MAX_VALUE));
        }
        out.flush();
        return 0;
    }

    /**
     * The path as a table at most {@code width} columns wide: on a narrow terminal the titles are cut (ending in
     * "…"), never the ids, statuses or points, and never below 12 columns of title.
     */
    static String table(ExerciseIndex index, GradeReport report, int width) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"#", "exercise", "title", "status", "points"});
        int n = 0;
        for (ExerciseInfo e : index.exercises()) {
            n++;
            Optional<ExerciseReport> r = report == null ? Optional.empty() : report.exercise(e.id());
            rows.add(new String[] {
                String.valueOf(n), e.id(), e.title(),
                r.map(x -> x.status().label()).orElse("?"),
                r.map(x -> String.format(Locale.ROOT, "%.1f", x.points())).orElse("?") + "/" + e.points()
            });
        }
        int[] w = new int[5];
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                w[i] = Math.max(w[i], dojo.terminal.DisplayWidth.of(r[i]));
            }
        }
        int others = w[0] + w[1] + w[3] + w[4] + 4 * 2;
        if (others + w[2] > width) {
            w[2] = Math.max(12, width - others);
            for (String[] r : rows) r[2] = dojo.terminal.DisplayWidth.cut(r[2], w[2]);
        }
        StringBuilder b = new StringBuilder();
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < r.length; i++) {
                String fill = " ".repeat(w[i] - dojo.terminal.DisplayWidth.of(r[i]));
                line.append(i == 0 ? "" : "  ").append(i == 0 || i == 4 ? fill + r[i] : r[i] + fill);
            }
            b.append(line.toString().stripTrailing()).append('\n');
        }
        if (report != null) {
            b.append(dojo.grading.render.ScoreboardRenderer.totalLine(report)).append('\n');
        }
        java.util.Optional<dojo.grading.ExerciseInfo> next = NextExercise.firstUnfinished(index, report);
        List<String> parts = next.isEmpty()
                ? List.of("Every exercise passes: well done.", "Grade again: ./dojo grade", "Hints: ./dojo hint <exercise>")
                : List.of((NextExercise.nothingStarted(report) ? "Start with: exercises/" : "Next: exercises/") + next.get().id()
                        + "/README.md", "Grade: ./dojo grade " + next.get().id(), "Hints: ./dojo hint " + next.get().id());
        // one line when it fits, else the first part on its own line and the commands below it
        String one = String.join("   ", parts);
        b.append(one.length() <= width ? one : parts.get(0) + "\n" + String.join("   ", parts.subList(1, parts.size()))).append('\n');
        return b.toString();
    }

    private static String json(ExerciseIndex index, GradeReport report, Map<String, Integer> hints) {
        ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ArrayNode arr = m.createArrayNode();
        for (ExerciseInfo e : index.exercises()) {
            ObjectNode n = arr.addObject();
            n.put("id", e.id());
            n.put("title", e.title());
            n.put("max_points", e.points());
            Optional<ExerciseReport> r = report == null ? Optional.empty() : report.exercise(e.id());
            if (r.isPresent()) {
                n.put("status", r.get().status().name().toLowerCase(Locale.ROOT));
                n.put("points", r.get().points());
                n.put("passed", r.get().passed());
                n.put("total", r.get().total());
            }
            n.put("api", e.api());
            n.put("implementation", e.implementation());
            e.objectives().forEach(n.putArray("objectives")::add);
            e.tags().forEach(n.putArray("tags")::add);
            e.requires().forEach(n.putArray("requires")::add);
            n.put("hint_tiers", e.hints().size());
            n.put("hints_seen", Math.min(hints.getOrDefault(e.id(), 0), e.hints().size()));
        }
        try {
            return m.writeValueAsString(arr) + "\n";
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
