package dojo.grading.junit;

import dojo.grading.ExerciseIndex;
import dojo.grading.GradeReport;
import dojo.grading.GradingSettings;
import dojo.grading.HintLedger;
import dojo.grading.ResultsCollector;
import dojo.grading.render.FailureRenderer;
import dojo.grading.render.MarkdownReportRenderer;
import dojo.grading.render.ResultsJsonRenderer;
import dojo.grading.render.ScoreboardRenderer;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * The {@code mvn test} front-end: registered through
 * {@code META-INF/services/org.junit.platform.launcher.TestExecutionListener} in the test resources, it collects
 * exercise results while surefire runs the suites and, at the end of a run in which exercise suites ran, writes
 * {@code target/dojo/results.json} and {@code target/dojo/report.md} and prints the scoreboard.
 *
 * <p>Output goes to {@code System.out}: surefire 3.5.4 forwards it through its event channel, so it appears
 * in the console after the last test class's results, in order. {@code -Ddojo.scoreboard=stderr} writes to the
 * JVM's original standard error ({@link FileDescriptor#err}) instead, which surefire copies to the console
 * even with {@code redirectTestOutputToFile}, but unordered relative to the test results;
 * {@code -Ddojo.scoreboard=off} silences it.
 */
public final class ScoreboardListener implements TestExecutionListener {
    private final ResultsCollector collector = new ResultsCollector();
    private TestPlan plan;

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        plan = testPlan;
        collector.testPlanExecutionStarted(testPlan);
    }

    @Override
    public void executionSkipped(TestIdentifier testIdentifier, String reason) {
        collector.executionSkipped(testIdentifier, reason);
    }

    @Override
    public void executionFinished(TestIdentifier testIdentifier, TestExecutionResult testExecutionResult) {
        collector.executionFinished(testIdentifier, testExecutionResult);
    }

    @Override
    public void reportingEntryPublished(TestIdentifier testIdentifier, ReportEntry entry) {
        collector.reportingEntryPublished(testIdentifier, entry);
    }

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        if (!collector.sawExerciseTests()) {
            return;
        }
        GradingSettings settings = GradingSettings.from(key -> (plan != null ? plan : testPlan).getConfigurationParameters().get(key));
        String mode = System.getProperty("dojo.scoreboard", "stdout");
        try {
            ExerciseIndex index = ExerciseIndex.load(settings.projectDir());
            Map<String, Integer> hints;
            try {
                hints = HintLedger.load(HintLedger.defaultFile(settings.projectDir())).seenByExercise();
            } catch (RuntimeException e) {
                hints = Map.of();
            }
            Path tree = settings.tree();
            String shown = tree.startsWith(settings.projectDir()) ? settings.projectDir().relativize(tree).toString() : tree.toString();
            GradeReport report = collector.report(index, shown, List.of(), hints);
            Path out = settings.projectDir().resolve("target").resolve("dojo");
            Files.createDirectories(out);
            Files.writeString(out.resolve("results.json"), new ResultsJsonRenderer().render(report), StandardCharsets.UTF_8);
            Files.writeString(out.resolve("report.md"), new MarkdownReportRenderer().render(report), StandardCharsets.UTF_8);
            print(mode, new FailureRenderer().render(report) + "\n" + new ScoreboardRenderer().render(report)
                    + "details: " + settings.projectDir().relativize(out.resolve("report.md")) + ", "
                    + settings.projectDir().relativize(out.resolve("results.json")) + "\n");
        } catch (IOException | RuntimeException e) {
            print(mode, "dojo: could not write the exercise scoreboard: " + e.getMessage() + "\n");
        }
    }

    @SuppressWarnings("resource") // the JVM's own descriptor: never close it
    private static void print(String mode, String text) {
        if (mode.equals("off")) {
            return;
        }
        if (!mode.equals("stderr")) {
            System.out.print(text);
            System.out.flush();
            return;
        }
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        err.print(text);
        err.flush();
    }
}
