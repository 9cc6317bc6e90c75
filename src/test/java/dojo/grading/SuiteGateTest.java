package dojo.grading;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The suite gate: every exercise's suites pass on {@code solutions/}, reject every known-wrong implementation in
 * {@code src/mutants/<id>/<mutant>/}, and report the stubs in {@code exercises/} as not started. A suite that lets
 * a mutant pass is a defect of the suite. Skipped where {@code solutions/} is absent (a workshop starter repo).
 *
 * <p>The stub check grades the learner's {@code exercises/}: once a learner has started an exercise it is skipped
 * (not failed) unless {@code -Ddojo.gate.strict=true} (CI), where a stub that is not reported not-started fails.
 */
@DisplayName("suite gate")
class SuiteGateTest {
    private static final Path PROJECT = Path.of(System.getProperty("dojo.project.dir", ".")).toAbsolutePath().normalize();
    private static final boolean STRICT = Boolean.getBoolean("dojo.gate.strict");

    private final GradingEngine engine = new GradingEngine();

    @TestFactory
    @DisplayName("every exercise: solution passes, mutants are rejected, stub is not started")
    Stream<DynamicTest> gate() {
        Path solutions = PROJECT.resolve("solutions");
        Assumptions.assumeTrue(Files.isDirectory(solutions), "no solutions/ here (workshop starter repo): gate skipped");
        ExerciseIndex index = ExerciseIndex.load(PROJECT);
        List<DynamicTest> tests = new ArrayList<>();
        for (ExerciseInfo e : index.exercises()) {
            tests.add(DynamicTest.dynamicTest(e.id() + " passes every test on solutions/", () -> solutionPasses(e)));
            for (Path mutant : mutants(e)) {
                String name = mutant.getFileName().toString();
                tests.add(DynamicTest.dynamicTest(e.id() + " rejects mutant " + name, () -> mutantRejected(index, e, mutant)));
            }
            tests.add(DynamicTest.dynamicTest(e.id() + " stub in exercises/ is reported not started", () -> stubNotStarted(e)));
        }
        return tests.stream();
    }

    private void solutionPasses(ExerciseInfo e) {
        GradeReport report = engine.grade(GradeRequest.of(PROJECT).withTree(PROJECT.resolve("solutions")).withExercises(List.of(e.id())));
        ExerciseReport r = report.exercise(e.id()).orElseThrow();
        List<String> problems = r.tests().stream().filter(t -> t.status() != TestStatus.PASSED)
                .map(t -> t.status() + " " + t.suite() + " > " + t.name() + ": " + t.message()).collect(Collectors.toList());
        assertThat(problems).as("tests of %s that do not pass on solutions/ (every test must pass, none may be skipped)", e.id())
                .isEmpty();
        assertThat(r.status()).as("status of %s on solutions/ (%s)", e.id(), r.firstFailure()).isEqualTo(ExerciseStatus.PASSED);
        assertThat(r.tests().stream().anyMatch(TestOutcome::hidden))
                .as("%s has a hidden suite (src/hidden/java/exercises/%s/*HiddenTest.java)", e.id(), e.id())
                .isEqualTo(Files.isDirectory(PROJECT.resolve("src/hidden/java/exercises").resolve(e.id())));
    }

    private void mutantRejected(ExerciseIndex index, ExerciseInfo e, Path mutant) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(mutant)) {
            files = s.filter(p -> p.toString().endsWith(".java")).collect(Collectors.toList());
        }
        assertThat(files).as("Java files in %s", PROJECT.relativize(mutant)).isNotEmpty();
        for (Path f : files) {
            assertThat(Files.readAllLines(f, StandardCharsets.UTF_8).get(0))
                    .as("first line of %s (must say what is wrong)", PROJECT.relativize(f)).startsWith("// MUTANT: ");
        }
        Path tree = PROJECT.resolve("target/dojo/gate").resolve(e.id()).resolve(mutant.getFileName().toString());
        TreeCompiler.deleteTree(tree);
        for (ExerciseInfo needed : index.withRequirements(e)) {
            copy(PROJECT.resolve("solutions").resolve(needed.id()), tree.resolve(needed.id()));
        }
        copy(mutant, tree.resolve(e.id()));
        GradeReport report = engine.grade(GradeRequest.of(PROJECT).withTree(tree).withExercises(List.of(e.id())));
        ExerciseReport r = report.exercise(e.id()).orElseThrow();
        assertThat(r.status()).as("%s on mutant %s: it must compile (a mutant is wrong behaviour, not broken code): %s",
                e.id(), mutant.getFileName(), r.firstFailure()).isNotEqualTo(ExerciseStatus.DOES_NOT_COMPILE);
        long failing = r.tests().stream().filter(t -> t.status() == TestStatus.FAILED).count();
        assertThat(failing).as("failing tests of %s on mutant %s (%s); no test caught it: the suites have a gap",
                e.id(), mutant.getFileName(), firstLine(mutant)).isPositive();
    }

    private void stubNotStarted(ExerciseInfo e) {
        GradeReport report = engine.grade(GradeRequest.of(PROJECT).withExercises(List.of(e.id())));
        ExerciseReport r = report.exercise(e.id()).orElseThrow();
        if (r.status() != ExerciseStatus.NOT_STARTED && !STRICT) {
            Assumptions.abort("exercises/" + e.id() + " is " + r.status().label()
                    + ", not in its stub state: you have started it, so the stub check is skipped (CI runs it with -Ddojo.gate.strict=true)");
        }
        assertThat(r.status()).as("status of the stub exercises/%s (every method must throw NotImplementedYet, and it must compile): %s",
                e.id(), r.firstFailure()).isEqualTo(ExerciseStatus.NOT_STARTED);
    }

    private List<Path> mutants(ExerciseInfo e) {
        Path dir = PROJECT.resolve("src/mutants").resolve(e.id());
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isDirectory).sorted().collect(Collectors.toList());
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static String firstLine(Path mutant) {
        try (Stream<Path> s = Files.walk(mutant)) {
            Path f = s.filter(p -> p.toString().endsWith(".java")).findFirst().orElseThrow();
            return Files.readAllLines(f, StandardCharsets.UTF_8).get(0).replaceFirst("^// MUTANT: ", "");
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.collect(Collectors.toList())) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(p, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
