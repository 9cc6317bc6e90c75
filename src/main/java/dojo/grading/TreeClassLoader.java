package dojo.grading;

import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;

/**
 * Loads the classes compiled from one tree. Child-first for classes it holds, so the tree being graded wins
 * even if an IDE also compiled {@code exercises/} onto the framework classpath; everything else (the
 * exercise API, the JDK) comes from the parent, so learner objects implement the framework's interfaces.
 */
final class TreeClassLoader extends URLClassLoader {
    static {
        registerAsParallelCapable();
    }

    TreeClassLoader(String name, Path classesDir, ClassLoader parent) {
        super(name, new URL[] {toUrl(classesDir)}, parent);
    }

    private static URL toUrl(Path dir) {
        try {
            return dir.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(dir.toString(), e);
        }
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        synchronized (getClassLoadingLock(name)) {
            Class<?> c = findLoadedClass(name);
            if (c == null && findResource(name.replace('.', '/') + ".class") != null) {
                c = findClass(name);
            }
            if (c == null) {
                return super.loadClass(name, resolve);
            }
            if (resolve) {
                resolveClass(c);
            }
            return c;
        }
    }
}
