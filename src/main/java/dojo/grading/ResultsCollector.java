package dojo.grading;

import dojo.grading.junit.DoesNotCompileError;
import dojo.grading.junit.ExerciseSuite;
import dojo.grading.junit.Hidden;
import dojo.grading.junit.NotStartedException;
import dojo.grading.junit.ReportedFailure;
import dojo.grading.junit.Task;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.opentest4j.TestAbortedException;

/**
 * Listens to a JUnit run and records the outcome of every test of an {@link ExerciseSuite}; {@link #report} turns
 * them into a {@link GradeReport}. Shared by every front-end: the grading engine, the {@code mvn test}
 * scoreboard listener and the suite gate.
 */
public final class ResultsCollector implements TestExecutionListener {
    /** Exercism's limit for a test's output. */
    public static final int MAX_OUTPUT = 500;

    private final List<TestOutcome> outcomes = java.util.Collections.synchronizedList(new ArrayList<>());
    private final Map<String, StringBuilder> output = new ConcurrentHashMap<>();
    private volatile TestPlan plan;

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        this.plan = testPlan;
    }

    @Override
    public void reportingEntryPublished(TestIdentifier id, ReportEntry entry) {
        entry.getKeyValuePairs().forEach((k, v) -> {
            if (k.equals("stdout") || k.equals("stderr")) {
                output.computeIfAbsent(id.getUniqueId(), x -> new StringBuilder()).append(v);
            }
        });
    }

    @Override
    public void executionSkipped(TestIdentifier id, String reason) {
        if (id.isTest()) {
            suite(id).ifPresent(s -> outcomes.add(outcome(id, s, TestStatus.SKIPPED, reason)));
        }
    }

    @Override
    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
        Optional<Suite> suite = suite(id);
        if (suite.isEmpty()) {
            return;
        }
        Throwable t = result.getThrowable().orElse(null);
        TestExecutionResult.Status verdict = result.getStatus();
        if (t instanceof ReportedFailure reported) {
            // a failure handed to JUnit as aborted (the learner's mvn test): count it as the failure it is
            t = reported.failure();
            verdict = TestExecutionResult.Status.FAILED;
        }
        if (id.isContainer() && verdict == TestExecutionResult.Status.SUCCESSFUL) {
            return;
        }
        if (id.isContainer() && verdict == TestExecutionResult.Status.ABORTED && !(t instanceof NotStartedException)) {
            return; // an assumption skipped a whole class: nothing to count
        }
        TestStatus status;
        String message = null;
        switch (verdict) {
            case SUCCESSFUL:
                status = TestStatus.PASSED;
                break;
            case ABORTED:
                status = t instanceof NotStartedException ? TestStatus.NOT_STARTED : TestStatus.SKIPPED;
                message = t == null ? "aborted" : t.getMessage();
                break;
            default:
                if (t instanceof DoesNotCompileError) {
                    status = TestStatus.DOES_NOT_COMPILE;
                    message = t.getMessage();
                } else if (t instanceof AssertionError) {
                    status = TestStatus.FAILED;
                    message = t.getMessage() == null ? "assertion failed (" + t.getClass().getSimpleName() + ")" : forLearner(t.getMessage());
                } else {
                    status = TestStatus.ERRORED;
                    message = "error in the test suite, not in your code: " + describe(t);
                }
        }
        if (id.isContainer()) {
            message = "the suite " + suite.get().name + " could not run: " + message;
        }
        outcomes.add(outcome(id, suite.get(), status, message));
    }

    /** A stack frame of the JDK's reflection, JUnit, AssertJ or the grader: how the test called the learner's code. */
    private static final Pattern INTERNAL_FRAME = Pattern.compile("^\\s*at (?:java\\.base/)?(?:jdk\\.internal\\.|java\\.lang\\.reflect\\."
            + "|org\\.junit\\.|org\\.assertj\\.|dojo\\.grading\\.)\\S*\\(.*\\)\\s*$");
    /** AssertJ's note under a cut stack trace: advice for whoever writes the test, not for the learner. */
    private static final Pattern ASSERTJ_CUT = Pattern.compile("^\\s*\\.\\.\\.\\(\\d+ remaining lines not displayed - this can be changed "
            + "with Assertions\\.setMaxStackTraceElementsDisplayed\\)\\s*$");
    /** The name of the class loader a graded tree runs in, before each of its frames ("dojo-tree-exercises//"). */
    private static final Pattern TREE_LOADER = Pattern.compile("dojo-tree-[^/\\s]*//");

    /**
     * An assertion's message as a learner reads it: when it holds the stack trace of an exception their code threw
     * (AssertJ's "Expecting actual throwable to be an instance of ... but was ..."), only the frames of their code
     * and the tests stay, without the class loader's name: the JDK's reflection frames below them and AssertJ's note
     * on how to show more are how the grader called the code, nothing to fix.
     */
    static String forLearner(String message) {
        List<String> lines = message.lines().toList();
        List<String> kept = lines.stream()
                .filter(l -> !INTERNAL_FRAME.matcher(l).matches() && !ASSERTJ_CUT.matcher(l).matches())
                .map(l -> TREE_LOADER.matcher(l).replaceAll(""))
                .toList();
        return kept.equals(lines) ? message : String.join("\n", kept);
    }

    private static String describe(Throwable t) {
        if (t == null) {
            return "unknown failure";
        }
        StringBuilder b = new StringBuilder(t.getClass().getName());
        if (t.getMessage() != null) {
            b.append(": ").append(t.getMessage());
        }
        if (t.getStackTrace().length > 0) {
            b.append(" at ").append(t.getStackTrace()[0]);
        }
        return b.toString();
    }

    private TestOutcome outcome(TestIdentifier id, Suite s, TestStatus status, String message) {
        String name = id.getDisplayName();
        String code = s.method == null ? s.name : s.method.getName();
        if (s.method != null && !id.getSource().filter(MethodSource.class::isInstance).isPresent()) {
            name = s.methodDisplayName + ": " + name; // a dynamic test or invocation: keep its parent's sentence
        }
        Integer task = null;
        if (s.method != null) {
            task = AnnotationSupport.findAnnotation(s.method, Task.class).map(Task::value).orElse(null);
        }
        if (task == null) {
            for (Class<?> c = s.type; c != null && task == null; c = c.getEnclosingClass()) {
                task = AnnotationSupport.findAnnotation(c, Task.class).map(Task::value).orElse(null);
            }
        }
        StringBuilder out = output.get(id.getUniqueId());
        String text = out == null || out.length() == 0 ? null : truncate(out.toString(), MAX_OUTPUT);
        return new TestOutcome(s.exerciseId, name, code, s.name, status, message, text, task, s.hidden);
    }

    static String truncate(String s, int max) {
        if (s.length() <= max) {
            return s;
        }
        String marker = "... (truncated)";
        return s.substring(0, max - marker.length()) + marker;
    }

    /** Where a test belongs: exercise, class, method. */
    private record Suite(String exerciseId, Class<?> type, String name, Method method, String methodDisplayName, boolean hidden) {}

    private Optional<Suite> suite(TestIdentifier id) {
        Method method = null;
        String methodName = null;
        Class<?> type = null;
        for (TestIdentifier cur = id; cur != null; cur = parent(cur)) {
            TestSource src = cur.getSource().orElse(null);
            if (src instanceof MethodSource ms && method == null) {
                try {
                    method = ms.getJavaMethod();
                    methodName = cur.getDisplayName();
                    type = ms.getJavaClass();
                } catch (RuntimeException e) {
                    return Optional.empty();
                }
                break;
            }
            if (src instanceof ClassSource cs) {
                try {
                    type = cs.getJavaClass();
                } catch (RuntimeException e) {
                    return Optional.empty();
                }
                break;
            }
        }
        if (type == null) {
            return Optional.empty();
        }
        Optional<String> ex = Optional.empty();
        for (Class<?> c = type; c != null && ex.isEmpty(); c = c.getEnclosingClass()) {
            ex = AnnotationSupport.findAnnotation(c, ExerciseSuite.class).map(ExerciseSuite::value);
        }
        if (ex.isEmpty()) {
            return Optional.empty();
        }
        boolean hidden = false;
        for (Class<?> c = type; c != null; c = c.getEnclosingClass()) {
            hidden |= AnnotationSupport.isAnnotated(c, Hidden.class);
        }
        return Optional.of(new Suite(ex.get(), type, type.getSimpleName(), method, methodName, hidden));
    }

    private TestIdentifier parent(TestIdentifier id) {
        TestPlan p = plan;
        if (p == null) {
            return null;
        }
        return id.getParentIdObject().map(p::getTestIdentifier).orElse(null);
    }

    /** True when at least one exercise test finished (or was skipped) in this run. */
    public boolean sawExerciseTests() {
        return !outcomes.isEmpty();
    }

    public List<TestOutcome> outcomes() {
        synchronized (outcomes) {
            return List.copyOf(outcomes);
        }
    }

    /**
     * The grade of what ran.
     *
     * @param index the exercise index (order, titles, points, hints)
     * @param tree the graded tree as shown to the user
     * @param expected exercises that must appear even without tests (reported {@code NO_TESTS}); may be empty
     * @param hintsSeen hint tiers revealed per exercise id
     */
    public GradeReport report(ExerciseIndex index, String tree, Collection<String> expected, Map<String, Integer> hintsSeen) {
        Map<String, List<TestOutcome>> byExercise = new LinkedHashMap<>();
        for (TestOutcome o : outcomes()) {
            byExercise.computeIfAbsent(o.exerciseId(), k -> new ArrayList<>()).add(o);
        }
        List<ExerciseReport> reports = new ArrayList<>();
        for (ExerciseInfo info : index.exercises()) {
            List<TestOutcome> tests = byExercise.remove(info.id());
            if (tests == null && !expected.contains(info.id())) {
                continue;
            }
            reports.add(exerciseReport(info, tests == null ? List.of() : tests, hintsSeen.getOrDefault(info.id(), 0)));
        }
        for (Map.Entry<String, List<TestOutcome>> stray : byExercise.entrySet()) {
            // a suite names an exercise the index does not have: report it so the problem is visible
            ExerciseInfo info = new ExerciseInfo(stray.getKey(), "(not in " + ExerciseIndex.RELATIVE_PATH + ")", 0,
                    "dojo.exercise.api.Unknown", stray.getKey() + ".Unknown", List.of("-"), List.of("-"), List.of(), List.of(), 0);
            reports.add(exerciseReport(info, stray.getValue(), 0));
        }
        return new GradeReport(tree, reports);
    }

    /** The report of one exercise from its test outcomes (the workshop grader rebuilds reports from streamed outcomes). */
    public static ExerciseReport exerciseReport(ExerciseInfo info, List<TestOutcome> unordered, int hintsSeen) {
        // public suites first (what the learner can read and run), then hidden ones; within each, by task
        // (tests without a task last), then execution order: the first failure is then the most basic one
        List<TestOutcome> tests = unordered.stream().sorted(java.util.Comparator.comparing(TestOutcome::hidden)
                .thenComparing(t -> t.taskId() == null ? Integer.MAX_VALUE : t.taskId())).toList();
        List<TestOutcome> counted = tests.stream().filter(t -> t.status() != TestStatus.SKIPPED).toList();
        int total = counted.size();
        int passed = (int) counted.stream().filter(t -> t.status() == TestStatus.PASSED).count();
        ExerciseStatus status;
        String first = null;
        if (total == 0) {
            status = ExerciseStatus.NO_TESTS;
            first = "no tests ran for this exercise (package exercises." + info.id() + ")";
        } else if (counted.stream().anyMatch(t -> t.status() == TestStatus.DOES_NOT_COMPILE)) {
            status = ExerciseStatus.DOES_NOT_COMPILE;
            first = counted.stream().filter(t -> t.status() == TestStatus.DOES_NOT_COMPILE).findFirst()
                    .map(TestOutcome::messageFirstLine).orElse("does not compile");
        } else if (counted.stream().allMatch(t -> t.status() == TestStatus.NOT_STARTED)) {
            status = ExerciseStatus.NOT_STARTED;
        } else if (passed == total) {
            status = ExerciseStatus.PASSED;
        } else {
            status = ExerciseStatus.FAILED;
            // the most diagnostic failure: one with a likely cause if any (public first), else the first
            TestOutcome f = counted.stream().filter(t -> t.status() == TestStatus.FAILED || t.status() == TestStatus.ERRORED)
                    .sorted(java.util.Comparator.comparing((TestOutcome t) -> !t.hasLikelyCause())).findFirst()
                    .orElseGet(() -> counted.stream().filter(t -> t.status() != TestStatus.PASSED).findFirst().orElseThrow());
            first = f.name() + ": " + f.messageFirstLine();
        }
        double points = status == ExerciseStatus.PASSED || status == ExerciseStatus.FAILED
                ? ExerciseReport.points(info.points(), passed, total) : 0;
        int seen = Math.min(Math.max(hintsSeen, 0), info.hints().size());
        return new ExerciseReport(info.id(), info.title(), status, points, info.points(), passed, total, tests, first,
                seen, info.hints().size());
    }
}
