package dojo.workshop.sandbox;

import dojo.grading.ResultsCollector;
import dojo.grading.TestOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Streams a grading run test by test: the plan, each test method as it starts, and each outcome as soon as the
 * grading engine's own {@link ResultsCollector} has recorded it, so a JVM that dies mid-run has already told its
 * parent everything that finished and which test was running.
 */
public final class StreamingListener implements TestExecutionListener {
    private final ResultsCollector collector = new ResultsCollector();
    private final Consumer<SandboxEvent> sink;
    private final String suiteRoot;
    private int emitted;

    /** @param suiteRoot the suites' package root ({@code exercises}): {@code exercises.<id>.SomeTest} belongs to {@code <id>} */
    public StreamingListener(String suiteRoot, Consumer<SandboxEvent> sink) {
        this.suiteRoot = suiteRoot;
        this.sink = sink;
    }

    @Override
    public void testPlanExecutionStarted(TestPlan plan) {
        collector.testPlanExecutionStarted(plan);
        List<SandboxEvent> tests = new ArrayList<>();
        for (TestIdentifier root : plan.getRoots()) {
            for (TestIdentifier id : plan.getDescendants(root)) {
                if (!isMethod(id)) {
                    continue;
                }
                Optional<TestIdentifier> parent = plan.getParent(id);
                if (parent.isPresent() && isMethod(parent.get())) {
                    continue;
                }
                tests.add(SandboxEvent.planned(id.getUniqueId(), exercise(id), id.getDisplayName(), hidden(id)));
            }
        }
        sink.accept(new SandboxEvent(SandboxEvent.PLAN, null, null, null, null, tests));
    }

    @Override
    public void executionStarted(TestIdentifier id) {
        collector.executionStarted(id);
        if (isMethod(id)) {
            sink.accept(new SandboxEvent(SandboxEvent.STARTED, id.getUniqueId(), exercise(id), id.getDisplayName(), null, null,
                    hidden(id)));
        }
    }

    @Override
    public void reportingEntryPublished(TestIdentifier id, ReportEntry entry) {
        collector.reportingEntryPublished(id, entry);
    }

    @Override
    public void executionSkipped(TestIdentifier id, String reason) {
        collector.executionSkipped(id, reason);
        flush(id);
    }

    @Override
    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
        collector.executionFinished(id, result);
        int before = emitted;
        flush(id);
        if (emitted == before && isMethod(id)) {
            sink.accept(new SandboxEvent(SandboxEvent.FINISHED, id.getUniqueId(), null, null, null, null));
        }
    }

    private synchronized void flush(TestIdentifier id) {
        List<TestOutcome> all = collector.outcomes();
        for (int i = emitted; i < all.size(); i++) {
            sink.accept(new SandboxEvent(SandboxEvent.FINISHED, id.getUniqueId(), null, null, all.get(i), null));
        }
        emitted = all.size();
    }

    private static boolean isMethod(TestIdentifier id) {
        return id.getSource().filter(MethodSource.class::isInstance).isPresent();
    }

    /** True for a test of a class (or enclosing class) marked {@code @Hidden}. */
    private static boolean hidden(TestIdentifier id) {
        TestSource src = id.getSource().orElse(null);
        if (src instanceof MethodSource ms) {
            try {
                for (Class<?> c = ms.getJavaClass(); c != null; c = c.getEnclosingClass()) {
                    if (c.isAnnotationPresent(dojo.grading.junit.Hidden.class)) {
                        return true;
                    }
                }
            } catch (RuntimeException e) {
                return false;
            }
        }
        return false;
    }

    private String exercise(TestIdentifier id) {
        TestSource src = id.getSource().orElse(null);
        if (src instanceof MethodSource ms) {
            String cls = ms.getClassName();
            String prefix = suiteRoot + ".";
            if (cls.startsWith(prefix)) {
                String rest = cls.substring(prefix.length());
                int dot = rest.indexOf('.');
                return dot < 0 ? rest : rest.substring(0, dot);
            }
        }
        return "";
    }
}
