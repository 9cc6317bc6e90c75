package dojo.grading.junit;

import dojo.exercise.api.NotImplementedYet;
import dojo.grading.ExerciseBuild;
import dojo.grading.ExerciseIndex;
import dojo.grading.ExerciseInfo;
import dojo.grading.GradingSettings;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.DynamicTestInvocationContext;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.platform.commons.support.AnnotationSupport;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * Connects an {@link ExerciseSuite} to the learner's code: compiles the tree being graded (once per run, cached
 * in the root store), hands test methods a fresh learner object for parameters of the exercise's API type, runs
 * each test on its own thread with a time limit, and turns what learner code does into teaching outcomes:
 * {@link NotImplementedYet} becomes "not started" (skipped), a compile error fails with javac's diagnostics, a
 * learner exception fails with its type, message and learner source line, a loop that does not end fails only
 * its own test.
 */
public final class ExerciseExtension implements BeforeEachCallback, ParameterResolver, InvocationInterceptor {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ExerciseExtension.class);
    private static final String CALLS = "learner-calls";

    static GradingSession session(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(GradingSession.class,
                k -> new GradingSession(GradingSettings.from(context::getConfigurationParameter)), GradingSession.class);
    }

    /** The exercise id of the suite running in this context, from {@link ExerciseSuite} on the class or an outer class. */
    static Optional<String> exerciseId(Class<?> testClass) {
        for (Class<?> c = testClass; c != null; c = c.getEnclosingClass()) {
            Optional<ExerciseSuite> s = AnnotationSupport.findAnnotation(c, ExerciseSuite.class);
            if (s.isPresent()) {
                return Optional.of(s.get().value());
            }
        }
        return Optional.empty();
    }

    private static ExerciseInfo exercise(ExtensionContext context) {
        GradingSession session = session(context);
        String id = exerciseId(context.getRequiredTestClass()).orElseThrow(() -> new AssertionFailedError(
                context.getRequiredTestClass().getName() + " uses ExerciseExtension without @ExerciseSuite(\"<exercise id>\")"));
        return session.index().find(id).orElseThrow(() -> new AssertionFailedError("@ExerciseSuite(\"" + id
                + "\") names no exercise in " + ExerciseIndex.RELATIVE_PATH + "; valid: " + String.join(", ", session.index().ids())));
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        ExerciseInfo info = exercise(context);
        try {
            learnerClass(context, info, info);
        } catch (AssertionError e) {
            throw reported(e, context);
        }
    }

    /** In the learner's mvn test a failure is reported by the scoreboard only (see {@link ReportedFailure}). */
    private static Throwable reportedAs(Throwable t, ExtensionContext context) {
        if (t instanceof TestAbortedException) {
            return t;
        }
        boolean scoreboardOnly = context.getConfigurationParameter(ReportedFailure.MODE_KEY)
                .map(ReportedFailure.SCOREBOARD_ONLY::equals).orElse(false);
        return scoreboardOnly ? new ReportedFailure(t) : t;
    }

    private static RuntimeException reported(AssertionError e, ExtensionContext context) {
        Throwable r = reportedAs(e, context);
        if (r instanceof RuntimeException re) {
            return re;
        }
        throw e;
    }

    /** Loads {@code wanted}'s implementation from the build of {@code suite}'s exercise, or ends the test as it must. */
    private static Class<?> learnerClass(ExtensionContext context, ExerciseInfo suite, ExerciseInfo wanted) {
        GradingSession session = session(context);
        ExerciseBuild build = session.compiled().build(suite.id());
        if (build instanceof ExerciseBuild.Failed f) {
            throw new DoesNotCompileError(f.diagnostics());
        }
        if (build instanceof ExerciseBuild.Missing m) {
            throw new NotStartedException("not started: " + m.reason());
        }
        ClassLoader loader = ((ExerciseBuild.Compiled) build).loader();
        String file = session.display(session.settings().tree().resolve(wanted.implementationFile()));
        Class<?> impl;
        try {
            impl = Class.forName(wanted.implementation(), false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new AssertionFailedError(file + " compiled but declares no class " + wanted.implementation()
                    + ": check that it starts with 'package " + wanted.id() + ";' and declares 'public class "
                    + wanted.implementationSimpleName() + "'");
        }
        Class<?> api;
        try {
            api = Class.forName(wanted.api(), false, ExerciseExtension.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new AssertionFailedError(ExerciseIndex.RELATIVE_PATH + ": api " + wanted.api() + " of " + wanted.id()
                    + " is not a class of the framework");
        }
        if (!api.isAssignableFrom(impl)) {
            throw new AssertionFailedError(file + ": class " + wanted.implementationSimpleName() + " must implement "
                    + api.getName() + " (declare 'implements " + api.getSimpleName() + "')");
        }
        return impl;
    }

    // ---- parameters -------------------------------------------------------------------------------------------

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Class<?> type = parameterContext.getParameter().getType();
        return type.isInterface() && provider(type, extensionContext).isPresent();
    }

    private static Optional<ExerciseInfo> provider(Class<?> type, ExtensionContext context) {
        ExerciseInfo own = exercise(context);
        if (own.api().equals(type.getName())) {
            return Optional.of(own);
        }
        return session(context).index().withRequirements(own).stream()
                .filter(e -> e.api().equals(type.getName())).findFirst();
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Class<?> type = parameterContext.getParameter().getType();
        ExerciseInfo own = exercise(extensionContext);
        ExerciseInfo wanted = provider(type, extensionContext)
                .orElseThrow(() -> new ParameterResolutionException("no exercise provides " + type.getName()));
        Class<?> impl = learnerClass(extensionContext, own, wanted);
        return LearnerCall.proxy(type, impl, wanted.id(), call -> calls(extensionContext).add(call));
    }

    @SuppressWarnings("unchecked")
    private static List<LearnerCall> calls(ExtensionContext context) {
        return context.getStore(NAMESPACE).getOrComputeIfAbsent(CALLS, k -> new ArrayList<LearnerCall>(), List.class);
    }

    // ---- time limit and outcome translation -------------------------------------------------------------------

    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> invocationContext,
            ExtensionContext extensionContext) throws Throwable {
        limited(invocation, extensionContext);
    }

    @Override
    public void interceptTestTemplateMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> invocationContext,
            ExtensionContext extensionContext) throws Throwable {
        limited(invocation, extensionContext);
    }

    @Override
    public <T> T interceptTestFactoryMethod(Invocation<T> invocation, ReflectiveInvocationContext<Method> invocationContext,
            ExtensionContext extensionContext) throws Throwable {
        return limited(invocation, extensionContext);
    }

    @Override
    public void interceptDynamicTest(Invocation<Void> invocation, DynamicTestInvocationContext invocationContext,
            ExtensionContext extensionContext) throws Throwable {
        limited(invocation, extensionContext);
    }

    private <T> T limited(Invocation<T> invocation, ExtensionContext context) throws Throwable {
        GradingSession session = session(context);
        Duration limit = session.settings().timeout();
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread worker = new Thread(null, () -> {
            try {
                result.set(invocation.proceed());
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "dojo-test: " + context.getDisplayName(), 0);
        worker.setDaemon(true);
        worker.setContextClassLoader(Thread.currentThread().getContextClassLoader());
        worker.start();
        worker.join(limit.toMillis());
        if (worker.isAlive()) {
            stop(worker);
            throw reportedAs(new AssertionFailedError("timed out after " + GradingSettings.describe(limit)
                    + ": does your loop terminate?"), context);
        }
        List<LearnerCall> calls = calls(context);
        Optional<LearnerCall> notStarted = calls.stream().filter(LearnerCall::sawNotImplemented).findFirst();
        if (notStarted.isPresent()) {
            throw new NotStartedException("not started: " + notStarted.get().notImplementedDescription());
        }
        Throwable t = failure.get();
        if (t == null) {
            return result.get();
        }
        throw reportedAs(translate(t, calls, session.index()), context);
    }

    @SuppressWarnings({"removal", "deprecation"})
    private static void stop(Thread worker) throws InterruptedException {
        worker.interrupt();
        worker.join(100);
        if (worker.isAlive()) {
            try {
                worker.stop(); // JDK 17-19 can still stop a runaway loop; later JDKs leave a daemon thread behind
            } catch (UnsupportedOperationException | SecurityException e) {
                // nothing more we can do in-process
            }
        }
    }

    static Throwable translate(Throwable t, List<LearnerCall> calls, ExerciseIndex index) {
        if (t instanceof NotImplementedYet) {
            return new NotStartedException("not started: learner code still throws NotImplementedYet");
        }
        if (t instanceof AssertionError || t instanceof TestAbortedException) {
            return t;
        }
        String where = learnerFrame(t, index);
        boolean fromLearner = where != null || calls.stream().anyMatch(c -> c.threw(t));
        if (!fromLearner) {
            return t;
        }
        StringBuilder m = new StringBuilder("threw ").append(t.getClass().getSimpleName());
        if (t.getMessage() != null && !t.getMessage().isBlank()) {
            m.append(": ").append(t.getMessage().strip());
        }
        if (where != null) {
            m.append(" at ").append(where);
        }
        if (t instanceof StackOverflowError) {
            m.append(" (does your recursion terminate?)");
        } else if (t instanceof OutOfMemoryError) {
            m.append(" (are you allocating inside a loop that never ends?)");
        }
        AssertionFailedError e = new AssertionFailedError(m.toString(), t);
        return e;
    }

    /** The first stack frame in learner code, as {@code ex01_softmax/StableSoftmax.java:23}, or null. */
    static String learnerFrame(Throwable t, ExerciseIndex index) {
        for (StackTraceElement f : t.getStackTrace()) {
            String cls = f.getClassName();
            for (ExerciseInfo e : index.exercises()) {
                if (cls.startsWith(e.id() + ".")) {
                    String pkg = cls.substring(0, cls.lastIndexOf('.')).replace('.', '/');
                    String file = f.getFileName() != null ? f.getFileName() : cls.substring(cls.lastIndexOf('.') + 1) + ".java";
                    return pkg + "/" + file + (f.getLineNumber() > 0 ? ":" + f.getLineNumber() : "");
                }
            }
        }
        return null;
    }
}
