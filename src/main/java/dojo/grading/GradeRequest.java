package dojo.grading;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What to grade.
 *
 * @param projectDir the checkout (index, suites, target/)
 * @param tree the source tree to grade (e.g. {@code <project>/exercises} or {@code <project>/solutions})
 * @param exercises ids to grade, in any order; empty for all exercises of the index
 * @param timeout time limit per test
 * @param includeHidden run hidden suites too (they are absent from a workshop starter repo anyway)
 * @param hintsSeen hint tiers revealed per exercise, for the scoreboard's next-hint column
 * @param suitePackageRoot where the suites live: exercise {@code id}'s suites are in package
 *     {@code <suitePackageRoot>.<id>} (always {@code exercises}, except in the engine's own tests)
 */
public record GradeRequest(Path projectDir, Path tree, List<String> exercises, Duration timeout, boolean includeHidden,
        Map<String, Integer> hintsSeen, String suitePackageRoot) {

    public static final String SUITE_PACKAGE_ROOT = "exercises";

    public GradeRequest {
        projectDir = projectDir.toAbsolutePath().normalize();
        tree = projectDir.resolve(tree).toAbsolutePath().normalize();
        exercises = List.copyOf(exercises);
        hintsSeen = Map.copyOf(hintsSeen);
    }

    public GradeRequest(Path projectDir, Path tree, List<String> exercises, Duration timeout, boolean includeHidden,
            Map<String, Integer> hintsSeen) {
        this(projectDir, tree, exercises, timeout, includeHidden, hintsSeen, SUITE_PACKAGE_ROOT);
    }

    public GradeRequest withSuitePackageRoot(String root) {
        return new GradeRequest(projectDir, tree, exercises, timeout, includeHidden, hintsSeen, root);
    }

    /** Everything in {@code <project>/exercises}, hidden suites included, default time limit. */
    public static GradeRequest of(Path projectDir) {
        return new GradeRequest(projectDir, projectDir.resolve("exercises"), List.of(), GradingSettings.DEFAULT_TIMEOUT,
                true, Map.of());
    }

    public GradeRequest withTree(Path newTree) {
        return new GradeRequest(projectDir, newTree, exercises, timeout, includeHidden, hintsSeen, suitePackageRoot);
    }

    public GradeRequest withExercises(List<String> ids) {
        return new GradeRequest(projectDir, tree, ids, timeout, includeHidden, hintsSeen, suitePackageRoot);
    }

    public GradeRequest withHintsSeen(Map<String, Integer> seen) {
        return new GradeRequest(projectDir, tree, exercises, timeout, includeHidden, seen, suitePackageRoot);
    }

    public GradeRequest withTimeout(Duration limit) {
        return new GradeRequest(projectDir, tree, exercises, limit, includeHidden, hintsSeen, suitePackageRoot);
    }

    public GradeRequest publicOnly() {
        return new GradeRequest(projectDir, tree, exercises, timeout, false, hintsSeen, suitePackageRoot);
    }
}
