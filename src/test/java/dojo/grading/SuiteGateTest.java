package dojo.grading;

import static org.assertj.core.api.Assertions.assertThat;

import dojo.grading.assertions.HiddenMessages;
import dojo.grading.mutant.MutantCatalog;
import dojo.grading.mutant.MutantPatch;
import dojo.grading.mutant.MutantPatchException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The suite gate: every exercise's suites pass on {@code solutions/}, reject every known-wrong implementation (a
 * mutant: {@code src/mutants/<id>/<mutant>.patch}, a diff against {@code solutions/}), and report the stubs in
 * {@code exercises/} as not started. A suite that lets a mutant pass is a defect of the suite; a patch that no longer
 * applies to the solution, or changes nothing, fails its test too. Skipped where {@code solutions/} is absent (a
 * workshop starter repo).
 *
 * <p>The stub check grades the learner's {@code exercises/}: once a learner has started an exercise it is skipped
 * (not failed) unless {@code -Ddojo.gate.strict=true} (CI), where a stub that is not reported not-started fails.
 */
@DisplayName("suite gate")
class SuiteGateTest {
    private static final Path PROJECT = Path.of(System.getProperty("dojo.project.dir", ".")).toAbsolutePath().normalize();
    private static final boolean STRICT = Boolean.getBoolean("dojo.gate.strict");
    /** {@code -Ddojo.gate.only=ex11_text_classifier,ex12_...}: gate these exercises only (while writing one). */
    private static final List<String> ONLY = System.getProperty("dojo.gate.only", "").isBlank() ? List.of()
            : List.of(System.getProperty("dojo.gate.only").split(","));

    private final GradingEngine engine = new GradingEngine();
    private final MutantCatalog mutants = new MutantCatalog(PROJECT);

    @TestFactory
    @DisplayName("every exercise: solution passes, mutants are rejected, stub is not started")
    Stream<DynamicTest> gate() {
        Path solutions = PROJECT.resolve("solutions");
        Assumptions.assumeTrue(Files.isDirectory(solutions), "no solutions/ here (workshop starter repo): gate skipped");
        ExerciseIndex index = ExerciseIndex.load(PROJECT);
        List<DynamicTest> tests = new ArrayList<>();
        tests.add(DynamicTest.dynamicTest(MutantCatalog.RELATIVE_DIR + "/ holds only <id>/<name>.patch files",
                () -> assertThat(mutants.misplaced(index.ids())).as("misplaced entries in %s/", MutantCatalog.RELATIVE_DIR).isEmpty()));
        for (ExerciseInfo e : index.exercises()) {
            if (!ONLY.isEmpty() && !ONLY.contains(e.id())) continue;
            tests.add(DynamicTest.dynamicTest(e.id() + " passes every test on solutions/", () -> solutionPasses(e)));
            for (Path patch : mutants.patches(e.id())) {
                String name = patch.getFileName().toString().replaceFirst("\\.patch$", "");
                tests.add(DynamicTest.dynamicTest(e.id() + " rejects mutant " + name, () -> mutantRejected(index, e, patch)));
                tests.add(DynamicTest.dynamicTest(e.id() + " mutant " + name + ": hidden messages reveal no expected values",
                        () -> hiddenMessagesRevealNoValues(index, e, patch)));
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

    /** Each mutant is graded once; its rejection test and its leak scan read the same report. */
    private final Map<Path, GradeReport> graded = new HashMap<>();

    private void mutantRejected(ExerciseIndex index, ExerciseInfo e, Path patch) {
        MutantPatch mutant = loadMutant(patch);
        ExerciseReport r = gradeMutant(index, e, patch).exercise(e.id()).orElseThrow();
        assertThat(r.status()).as("%s on mutant %s: it must compile (a mutant is wrong behaviour, not broken code): %s",
                e.id(), mutant.source(), r.firstFailure()).isNotEqualTo(ExerciseStatus.DOES_NOT_COMPILE);
        long failing = r.tests().stream().filter(t -> t.status() == TestStatus.FAILED).count();
        assertThat(failing).as("failing tests of %s on mutant %s (%s); no test caught it: the suites have a gap",
                e.id(), mutant.source(), mutant.description()).isPositive();
    }

    /**
     * The leak scan: every failure message of a hidden test on a mutant names the property, the position and the
     * order of magnitude of the error, never a number from which an expected value can be rebuilt
     * ({@link HiddenMessages}).
     */
    private void hiddenMessagesRevealNoValues(ExerciseIndex index, ExerciseInfo e, Path patch) {
        ExerciseReport r = gradeMutant(index, e, patch).exercise(e.id()).orElseThrow();
        List<String> leaks = r.tests().stream().filter(TestOutcome::hidden).filter(t -> t.message() != null)
                .flatMap(t -> HiddenMessages.leaks(t.message()).stream().map(l -> t.suite() + " > " + t.name() + ": " + l))
                .collect(Collectors.toList());
        assertThat(leaks).as("numbers in hidden-test messages on mutant %s that could rebuild an expected value",
                patch.getFileName()).isEmpty();
    }

    private MutantPatch loadMutant(Path patch) {
        try {
            return mutants.load(patch);
        } catch (MutantPatchException ex) {
            throw Assertions.<RuntimeException>fail(ex.getMessage());
        }
    }

    private GradeReport gradeMutant(ExerciseIndex index, ExerciseInfo e, Path patch) {
        GradeReport cached = graded.get(patch);
        if (cached != null) {
            return cached;
        }
        MutantPatch mutant = loadMutant(patch);
        Path tree;
        try {
            List<String> ids = index.withRequirements(e).stream().map(ExerciseInfo::id).collect(Collectors.toList());
            tree = mutants.writeTree(mutant, ids, PROJECT.resolve("target/dojo/gate").resolve(e.id()).resolve(mutant.name()));
        } catch (MutantPatchException ex) {
            throw Assertions.<RuntimeException>fail(ex.getMessage());
        }
        GradeReport report = engine.grade(GradeRequest.of(PROJECT).withTree(tree).withExercises(List.of(e.id())));
        graded.put(patch, report);
        return report;
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
}
