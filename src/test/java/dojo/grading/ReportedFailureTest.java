package dojo.grading;

import static org.assertj.core.api.Assertions.assertThat;

import dojo.grading.junit.ReportedFailure;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TagFilter;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/** The learner's mvn test: exercise failures reach JUnit as aborted, and the scoreboard still counts them as failures. */
class ReportedFailureTest {
    @TempDir
    Path temp;

    private record Run(TestExecutionSummary summary, GradeReport report) {}

    private Run run(String mode) throws Exception {
        Path project = GradingEngineTest.project(temp.resolve(mode), "wrong");
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(DiscoverySelectors.selectPackage("dojo.grading.fixture.zz_fixture"))
                .configurationParameter(GradingSettings.PROJECT_DIR, project.toString())
                .configurationParameter(GradingSettings.TREE, project.resolve("exercises").toString())
                .configurationParameter(GradingSettings.EXERCISES, "zz_fixture")
                .configurationParameter(ReportedFailure.MODE_KEY, mode)
                .filters(TagFilter.includeTags("exercise")).build();
        Launcher launcher = LauncherFactory.create(LauncherConfig.builder().enableTestExecutionListenerAutoRegistration(false).build());
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        ResultsCollector collector = new ResultsCollector();
        launcher.execute(request, summary, collector);
        return new Run(summary.getSummary(), collector.report(ExerciseIndex.load(project), "exercises", List.of(), Map.of()));
    }

    @Test
    void inScoreboardModeAFailedTestReachesJUnitAsAbortedButIsCountedAsFailed() throws Exception {
        Run r = run(ReportedFailure.SCOREBOARD_ONLY);

        assertThat(r.summary().getTotalFailureCount()).isZero();
        assertThat(r.summary().getTestsAbortedCount()).isPositive();
        ExerciseReport e = r.report().exercise("zz_fixture").orElseThrow();
        assertThat(e.status()).isEqualTo(ExerciseStatus.FAILED);
        assertThat(e.failures()).isNotEmpty().allMatch(t -> t.status() == TestStatus.FAILED && t.message() != null);
    }

    @Test
    void otherwiseAFailedTestIsAJUnitFailure() throws Exception {
        Run r = run("junit");

        assertThat(r.summary().getTotalFailureCount()).isPositive();
        assertThat(r.report().exercise("zz_fixture").orElseThrow().status()).isEqualTo(ExerciseStatus.FAILED);
    }
}
