package dojo.grading.junit;

import dojo.exercise.api.NotImplementedYet;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.opentest4j.AssertionFailedError;

/**
 * Stands between a suite and the learner object (a dynamic proxy of the API interface): creates the learner
 * instance on first use, on the test's own thread, and remembers whether learner code threw
 * {@link NotImplementedYet} or any other exception, even if the test then caught it.
 */
final class LearnerCall implements InvocationHandler {
    private final Class<?> implementation;
    private final String exerciseId;
    private Object target;
    private volatile NotImplementedYet notImplemented;
    private volatile String notImplementedWhere;
    private final Set<Throwable> thrown = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));

    private LearnerCall(Class<?> implementation, String exerciseId) {
        this.implementation = implementation;
        this.exerciseId = exerciseId;
    }

    /** A proxy of {@code api} whose calls go to a fresh instance of {@code implementation}. */
    static Object proxy(Class<?> api, Class<?> implementation, String exerciseId, java.util.function.Consumer<LearnerCall> register) {
        LearnerCall call = new LearnerCall(implementation, exerciseId);
        register.accept(call);
        return Proxy.newProxyInstance(api.getClassLoader(), new Class<?>[] {api}, call);
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.getDeclaringClass() == Object.class) {
            switch (method.getName()) {
                case "equals":
                    return proxy == args[0];
                case "hashCode":
                    return System.identityHashCode(proxy);
                default:
                    return "learner " + implementation.getName();
            }
        }
        Object t = instance(method);
        List<Snapshot> before = snapshots(method, args);
        try {
            Object result = method.invoke(t, args);
            for (Snapshot s : before) {
                String where = s.firstDifference();
                if (where != null) {
                    // checked before anything else: expected values computed from a changed input would mislead
                    throw new AssertionFailedError(implementation.getSimpleName() + "." + method.getName() + "(...) changed its input "
                            + s.name() + where + ": never write into the arguments (allocate new arrays for results and "
                            + "intermediate values)");
                }
            }
            return result;
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            record(cause, method.getName());
            throw cause;
        }
    }

    /** A deep copy of one float array argument (or float-array component of a record argument). */
    private record Snapshot(String name, Object live, Object copy) {
        /** " at [i, j]" for the first changed element, " (its shape)" when rows were replaced, or null. */
        String firstDifference() {
            return diff(live, copy, "");
        }

        private static String diff(Object live, Object copy, String prefix) {
            if (live instanceof float[] a) {
                float[] b = (float[]) copy;
                if (a.length != b.length) {
                    return " (its shape" + (prefix.isEmpty() ? "" : " at [" + prefix + "]") + ")";
                }
                for (int i = 0; i < a.length; i++) {
                    if (Float.floatToIntBits(a[i]) != Float.floatToIntBits(b[i])) {
                        return " at [" + prefix + i + "]";
                    }
                }
                return null;
            }
            Object[] a = (Object[]) live;
            Object[] b = (Object[]) copy;
            if (a == null || a.length != b.length) {
                return " (its shape)";
            }
            for (int i = 0; i < a.length; i++) {
                if (a[i] == null || b[i] == null) {
                    if (a[i] != b[i]) {
                        return " (row " + prefix + i + " was replaced)";
                    }
                    continue;
                }
                String d = diff(a[i], b[i], prefix + i + ", ");
                if (d != null) {
                    return d;
                }
            }
            return null;
        }
    }

    private static List<Snapshot> snapshots(Method method, Object[] args) {
        List<Snapshot> out = new ArrayList<>();
        if (args == null) {
            return out;
        }
        java.lang.reflect.Parameter[] params = method.getParameters();
        for (int i = 0; i < args.length; i++) {
            String name = params[i].isNamePresent() ? params[i].getName() : "argument " + (i + 1);
            Object a = args[i];
            if (isFloatArray(a)) {
                out.add(new Snapshot(name, a, deepCopy(a)));
            } else if (a != null && a.getClass().isRecord()) {
                for (java.lang.reflect.RecordComponent c : a.getClass().getRecordComponents()) {
                    try {
                        Object v = c.getAccessor().invoke(a);
                        if (isFloatArray(v)) {
                            out.add(new Snapshot(name + "." + c.getName() + "()", v, deepCopy(v)));
                        }
                    } catch (ReflectiveOperationException | RuntimeException e) {
                        // a component we cannot read is not checked
                    }
                }
            }
        }
        return out;
    }

    private static boolean isFloatArray(Object o) {
        return o instanceof float[] || o instanceof float[][] || o instanceof float[][][];
    }

    private static Object deepCopy(Object o) {
        if (o instanceof float[] f) {
            return f.clone();
        }
        Object[] a = (Object[]) o;
        Object[] c = (Object[]) java.lang.reflect.Array.newInstance(a.getClass().getComponentType(), a.length);
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i] == null ? null : deepCopy(a[i]);
        }
        return c;
    }

    private synchronized Object instance(Method method) throws Throwable {
        if (target != null) {
            return target;
        }
        Constructor<?> ctor;
        try {
            ctor = implementation.getDeclaredConstructor();
        } catch (NoSuchMethodException e) {
            throw new org.opentest4j.AssertionFailedError(implementation.getName()
                    + " needs a public constructor without parameters: the grader creates it with new "
                    + implementation.getSimpleName() + "()");
        }
        if (!Modifier.isPublic(ctor.getModifiers()) || !Modifier.isPublic(implementation.getModifiers())) {
            ctor.setAccessible(true);
        }
        try {
            target = ctor.newInstance();
            return target;
        } catch (InvocationTargetException e) {
            record(e.getCause(), "new " + implementation.getSimpleName() + "()");
            throw e.getCause();
        }
    }

    private void record(Throwable t, String where) {
        if (t instanceof NotImplementedYet n) {
            if (notImplemented == null) {
                notImplemented = n;
                notImplementedWhere = where;
            }
        } else if (t != null) {
            thrown.add(t);
        }
    }

    boolean sawNotImplemented() {
        return notImplemented != null;
    }

    String notImplementedDescription() {
        return implementation.getSimpleName() + (notImplementedWhere.startsWith("new ") ? " constructor" : "."
                + notImplementedWhere + "(...)") + " still throws NotImplementedYet";
    }

    boolean threw(Throwable t) {
        return thrown.contains(t);
    }

    String exerciseId() {
        return exerciseId;
    }
}
