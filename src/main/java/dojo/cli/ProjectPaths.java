package dojo.cli;

import java.nio.file.Path;

/** Where the checkout lives: the launcher passes {@code -Ddojo.project.dir}; defaults to the working directory. */
public final class ProjectPaths {
    private ProjectPaths() {}

    public static Path projectDir() {
        return Path.of(System.getProperty("dojo.project.dir", ".")).toAbsolutePath().normalize();
    }

    public static Path questions() {
        return projectDir().resolve("questions");
    }

    public static Path exercises() {
        return projectDir().resolve("exercises");
    }

    public static Path solutions() {
        return projectDir().resolve("solutions");
    }
}
