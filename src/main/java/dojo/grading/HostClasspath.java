package dojo.grading;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * The classpath this JVM runs with (framework, suites, dependencies), including what a manifest-only jar (surefire's)
 * hides: what the grading compiler compiles against and what a sandboxed grading JVM runs with.
 */
public final class HostClasspath {
    private HostClasspath() {}

    public static List<Path> current() {
        Set<Path> out = new LinkedHashSet<>();
        for (String prop : new String[] {"java.class.path", "surefire.test.class.path", "jdk.module.path"}) {
            String v = System.getProperty(prop);
            if (v == null || v.isBlank()) {
                continue;
            }
            for (String part : v.split(File.pathSeparator)) {
                if (!part.isBlank()) {
                    add(Path.of(part).toAbsolutePath().normalize(), out);
                }
            }
        }
        List<Path> existing = new ArrayList<>();
        for (Path p : out) {
            if (Files.exists(p)) {
                existing.add(p);
            }
        }
        return existing;
    }

    private static void add(Path p, Set<Path> out) {
        if (!out.add(p) || !p.toString().endsWith(".jar") || !Files.isRegularFile(p)) {
            return;
        }
        try (JarFile jar = new JarFile(p.toFile())) {
            Manifest mf = jar.getManifest();
            String cp = mf == null ? null : mf.getMainAttributes().getValue("Class-Path");
            if (cp == null) {
                return;
            }
            for (String entry : cp.trim().split("\\s+")) {
                try {
                    add(Path.of(p.getParent().toUri().resolve(entry)).toAbsolutePath().normalize(), out);
                } catch (IllegalArgumentException e) {
                    // not a file URL
                }
            }
        } catch (IOException e) {
            // unreadable jar: javac or the grading JVM will report what it cannot load
        }
    }
}
