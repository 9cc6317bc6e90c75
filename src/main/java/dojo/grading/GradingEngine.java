package dojo.grading;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TagFilter;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Grades a source tree: runs the exercise suites ({@code exercises.<id>} packages on the classpath) in-process with
 * the JUnit Platform Launcher against the tree, and returns a {@link GradeReport}. Never prints: test output is
 * captured into the report.
 */
public final class GradingEngine {

    /**
     * Grades the requested exercises of the request's tree.
     *
     * @throws IllegalArgumentException for an unknown exercise id (the message lists the valid ones) or a tree
     *     that is not a directory
     * @throws ExerciseIndexException when {@code exercises/index.yaml} is missing or invalid
     */
    public GradeReport grade(GradeRequest request) {
        return grade(request, new TestExecutionListener[0]);
    }

    /** As {@link #grade(GradeRequest)}, also telling {@code listeners} about the run (the workshop sandbox streams results). */
    public GradeReport grade(GradeRequest request, TestExecutionListener... listeners) {
        ExerciseIndex index = ExerciseIndex.load(request.projectDir());
        List<ExerciseInfo> selected = new ArrayList<>();
        if (request.exercises().isEmpty()) {
            selected.addAll(index.exercises());
        } else {
            Set<String> seen = new LinkedHashSet<>();
            for (String id : request.exercises()) {
                if (seen.add(id)) {
                    selected.add(index.require(id));
                }
            }
        }
        if (!Files.isDirectory(request.tree())) {
            throw new IllegalArgumentException("tree to grade is not a directory: " + request.tree());
        }
        LauncherDiscoveryRequestBuilder builder = LauncherDiscoveryRequestBuilder.request()
                .selectors(selected.stream().map(e -> DiscoverySelectors.selectPackage(request.suitePackageRoot() + "." + e.id())).collect(Collectors.toList()))
                .configurationParameter(GradingSettings.PROJECT_DIR, request.projectDir().toString())
                .configurationParameter(GradingSettings.TREE, request.tree().toString())
                .configurationParameter(GradingSettings.TIMEOUT, request.timeout().toMillis() + "ms")
                .configurationParameter(GradingSettings.EXERCISES,
                        selected.stream().map(ExerciseInfo::id).collect(Collectors.joining(",")))
                .configurationParameter("junit.platform.output.capture.stdout", "true")
                .configurationParameter("junit.platform.output.capture.stderr", "true")
                .configurationParameter("junit.platform.output.capture.maxBuffer", String.valueOf(4 * ResultsCollector.MAX_OUTPUT))
                .filters(TagFilter.includeTags("exercise"));
        if (!request.includeHidden()) {
            builder.filters(TagFilter.excludeTags("hidden"));
        }
        LauncherDiscoveryRequest discovery = builder.build();
        // no auto-registered listeners: the mvn-test scoreboard listener must not fire for nested runs
        Launcher launcher = LauncherFactory.create(LauncherConfig.builder()
                .enableTestExecutionListenerAutoRegistration(false)
                .build());
        ResultsCollector collector = new ResultsCollector();
        TestExecutionListener[] all = new TestExecutionListener[listeners.length + 1];
        all[0] = collector;
        System.arraycopy(listeners, 0, all, 1, listeners.length);
        launcher.execute(discovery, all);
        return collector.report(index, display(request), selected.stream().map(ExerciseInfo::id).collect(Collectors.toList()),
                request.hintsSeen());
    }

    private static String display(GradeRequest r) {
        return r.tree().startsWith(r.projectDir()) ? r.projectDir().relativize(r.tree()).toString() : r.tree().toString();
    }
}
