package dojo.grading;

import java.nio.file.Path;

/** Test access to package-private helpers. */
final class GradingEngineTestSupport {
    private GradingEngineTestSupport() {}

    static void deleteTree(Path p) {
        FileTrees.deleteQuietly(p);
    }
}
