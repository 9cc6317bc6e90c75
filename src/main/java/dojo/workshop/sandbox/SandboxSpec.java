package dojo.workshop.sandbox;

import dojo.workshop.Limits;
import java.nio.file.Path;
import java.util.List;

/**
 * How to start grading JVMs.
 *
 * @param java the java launcher
 * @param classpath the host's framework, suites and dependencies
 * @param isolation what the operating system offers
 * @param limits resource limits
 * @param hide folders the submission must not see (solutions, hidden suites, mutants, other submissions, grades)
 */
public record SandboxSpec(Path java, List<Path> classpath, Isolation isolation, Limits limits, List<Path> hide) {

    public SandboxSpec {
        classpath = List.copyOf(classpath);
        hide = List.copyOf(hide);
    }

    /** The JVM running this code. */
    public static Path currentJava() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }
}
