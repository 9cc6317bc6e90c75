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
import java.util.Set;

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
        try {
            return method.invoke(t, args);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            record(cause, method.getName());
            throw cause;
        }
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
