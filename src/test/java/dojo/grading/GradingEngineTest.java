package dojo.grading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine end to end on fixture trees (src/test/resources/grading/common overlaid with trees/*) graded with the fixture suites in
 * dojo.grading.fixture: statuses, points, teaching messages for learner exceptions, loops and compile errors.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GradingEngineTest {
    @TempDir
    Path temp;

    private final Map<String, GradeReport> graded = new HashMap<>();

    static Path resource(String name) {
        try {
            return Path.of(Objects.requireNonNull(GradingEngineTest.class.getResource("/grading/" + name), name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A throwaway project: fixture index + grading/common (the exercises every tree shares) overlaid with
     * the named tree (only what that case changes) as its exercises/.
     */
    static Path project(Path dir, String tree) throws IOException {
        Path project = dir.resolve(tree);
        Path exercises = project.resolve("exercises");
        Files.createDirectories(exercises);
        Files.copy(resource("fixture-index.yaml"), exercises.resolve("index.yaml"));
        copyInto(resource("common"), exercises);
        copyInto(resource("trees/" + tree), exercises);
        return project;
    }

    private static void copyInto(Path from, Path exercises) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.collect(Collectors.toList())) {
                Path to = exercises.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    static GradeRequest request(Path project) {
        return GradeRequest.of(project).withSuitePackageRoot("dojo.grading.fixture");
    }

    private GradeReport grade(String tree) throws IOException {
        if (!graded.containsKey(tree)) {
            Path project = project(temp, tree);
            graded.put(tree, new GradingEngine().grade(request(project).withTimeout(Duration.ofMillis(300))));
        }
        return graded.get(tree);
    }

    private static ExerciseReport exercise(GradeReport r, String id) {
        return r.exercise(id).orElseThrow();
    }

    private static TestOutcome test(ExerciseReport e, String name) {
        return e.tests().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow(() -> new AssertionError(
                "no test '" + name + "' in " + e.tests().stream().map(TestOutcome::name).collect(Collectors.toList())));
    }

    @Test
    @DisplayName("stubs are not started, even where a test catches the NotImplementedYet, and earn 0 points")
    void stubsNotStarted() throws IOException {
        GradeReport r = grade("stub");
        ExerciseReport e = exercise(r, "zz_fixture");
        assertThat(e.status()).isEqualTo(ExerciseStatus.NOT_STARTED);
        assertThat(e.tests()).extracting(TestOutcome::status).containsOnly(TestStatus.NOT_STARTED).hasSize(3);
        assertThat(test(e, "null is rejected").message()).contains("StableSoftmax.softmaxRows(...) still throws NotImplementedYet");
        assertThat(e.points()).isZero();
        assertThat(exercise(r, "zz_other").status()).isEqualTo(ExerciseStatus.NOT_STARTED);
        assertThat(r.attemptedAllPass()).isTrue();
        assertThat(r.anyAttempted()).isFalse();
    }

    @Test
    @DisplayName("a correct tree passes with full points, task ids, hidden flags and output cut to 500 characters")
    void correctTreePasses() throws IOException {
        GradeReport r = grade("good");
        ExerciseReport e = exercise(r, "zz_fixture");
        assertThat(e.status()).isEqualTo(ExerciseStatus.PASSED);
        assertThat(e.points()).isEqualTo(10.0);
        assertThat(e.passed()).isEqualTo(3);
        assertThat(test(e, "softmax of [0, ln 3] is [0.25, 0.75]").taskId()).isEqualTo(1);
        assertThat(test(e, "null is rejected").taskId()).isEqualTo(2);
        assertThat(test(e, "a test that prints").taskId()).isNull();
        assertThat(test(e, "a test that prints").output()).hasSize(500).endsWith("(truncated)");
        assertThat(test(e, "null is rejected").testCode()).isEqualTo("nullRejected");
        assertThat(exercise(r, "zz_other").tests()).allMatch(TestOutcome::hidden);
        assertThat(r.points()).isEqualTo(15.0);
        assertThat(r.maxPoints()).isEqualTo(15);
    }

    @Test
    @DisplayName("a learner exception fails the test naming the exception, its message and the learner's source line")
    void learnerExceptionIsExplained() throws IOException {
        ExerciseReport e = exercise(grade("throwing"), "zz_fixture");
        assertThat(e.status()).isEqualTo(ExerciseStatus.FAILED);
        assertThat(test(e, "softmax of [0, ln 3] is [0.25, 0.75]").message())
                .isEqualTo("threw IllegalStateException: boom at zz_fixture/StableSoftmax.java:12");
        assertThat(e.firstFailure()).startsWith("softmax of [0, ln 3] is [0.25, 0.75]: threw IllegalStateException");
    }

    @Test
    @DisplayName("a loop that never ends fails only its own tests, with a timeout message")
    void loopTimesOut() throws IOException {
        GradeReport r = grade("looping");
        ExerciseReport e = exercise(r, "zz_fixture");
        assertThat(e.status()).isEqualTo(ExerciseStatus.FAILED);
        assertThat(test(e, "softmax of [0, ln 3] is [0.25, 0.75]").message())
                .isEqualTo("timed out after 300 ms: does your loop terminate?");
        assertThat(exercise(r, "zz_other").status()).isEqualTo(ExerciseStatus.PASSED);
    }

    @Test
    @DisplayName("a compile error is reported as path:line:col and does not stop the other exercise")
    void compileErrorIsolated() throws IOException {
        GradeReport r = grade("broken");
        ExerciseReport e = exercise(r, "zz_fixture");
        assertThat(e.status()).isEqualTo(ExerciseStatus.DOES_NOT_COMPILE);
        assertThat(e.points()).isZero();
        assertThat(e.firstFailure()).isEqualTo("does not compile: exercises/zz_fixture/StableSoftmax.java:8:17: error: ';' expected");
        assertThat(e.tests()).extracting(TestOutcome::status).containsOnly(TestStatus.DOES_NOT_COMPILE);
        assertThat(exercise(r, "zz_other").status()).isEqualTo(ExerciseStatus.PASSED);
        assertThat(r.attemptedAllPass()).isFalse();
    }

    @Test
    @DisplayName("a wrong answer fails with a teaching message and partial points below the maximum")
    void wrongAnswerPartialPoints() throws IOException {
        ExerciseReport e = exercise(grade("wrong"), "zz_fixture");
        assertThat(e.status()).isEqualTo(ExerciseStatus.FAILED);
        assertThat(e.passed()).isEqualTo(2);
        assertThat(e.total()).isEqualTo(3);
        assertThat(e.points()).isEqualTo(6.7);
        assertThat(test(e, "softmax of [0, ln 3] is [0.25, 0.75]").message())
                .contains("softmax([[0, ln 3]]): not close to the expected values", "worst index [0, 1]");
    }

    @Test
    @DisplayName("an exercise missing from the tree is not started")
    void missingExerciseNotStarted() throws IOException {
        Path project = project(temp.resolve("missing"), "good");
        GradingEngineTestSupport.deleteTree(project.resolve("exercises/zz_fixture"));
        ExerciseReport e = exercise(new GradingEngine().grade(request(project)), "zz_fixture");
        assertThat(e.status()).isEqualTo(ExerciseStatus.NOT_STARTED);
        assertThat(e.tests().get(0).message()).isEqualTo("not started: exercises/zz_fixture/ not found");
    }

    @Test
    @DisplayName("grading one exercise by id, and public-only grading, leave the rest out")
    void selection() throws IOException {
        Path project = project(temp.resolve("select"), "good");
        GradeReport one = new GradingEngine().grade(request(project).withExercises(List.of("zz_other")));
        assertThat(one.exercises()).extracting(ExerciseReport::id).containsExactly("zz_other");
        GradeReport pub = new GradingEngine().grade(request(project).withExercises(List.of("zz_other")).publicOnly());
        assertThat(exercise(pub, "zz_other").status()).isEqualTo(ExerciseStatus.NO_TESTS);
    }

    @Test
    @DisplayName("an unknown exercise id is rejected with the list of valid ids")
    void unknownExercise() throws IOException {
        Path project = project(temp.resolve("unknown"), "good");
        assertThatThrownBy(() -> new GradingEngine().grade(request(project).withExercises(List.of("zz_nope"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown exercise 'zz_nope'; valid: zz_fixture, zz_other");
    }
}
