package dojo.grading.watch;

import static org.assertj.core.api.Assertions.assertThat;

import dojo.grading.ExerciseIndex;
import dojo.grading.ExerciseStatus;
import dojo.grading.GradeRequest;
import dojo.grading.GradingEngine;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TreeWatcherTest {
    @TempDir
    Path temp;

    private static Path resource(String name) {
        try {
            return Path.of(Objects.requireNonNull(TreeWatcherTest.class.getResource("/grading/" + name), name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void copyInto(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    /** The fixture project (index + common exercises) with the stub tree as its exercises/. */
    private Path fixtureProject() throws IOException {
        Path exercises = temp.resolve("project").resolve("exercises");
        Files.createDirectories(exercises);
        Files.copy(resource("fixture-index.yaml"), exercises.resolve("index.yaml"));
        copyInto(resource("common"), exercises);
        copyInto(resource("trees/stub"), exercises);
        return exercises.getParent();
    }

    private static GradeRequest request(Path project) {
        return GradeRequest.of(project).withSuitePackageRoot("dojo.grading.fixture").withTimeout(Duration.ofSeconds(2));
    }

    private static ExerciseIndex realIndex() {
        return ExerciseIndex.load(Path.of(System.getProperty("dojo.project.dir", ".")));
    }

    @Test
    void theFirstRoundGradesEveryWatchedExercise() throws IOException {
        Path project = fixtureProject();
        try (TreeWatcher w = new TreeWatcher(request(project), new GradingEngine(), Clock.systemUTC(), Map::of)) {
            WatchRound first = w.gradeAll();

            assertThat(first.number()).isEqualTo(1);
            assertThat(first.graded()).containsExactly("zz_fixture", "zz_other");
            assertThat(first.report().exercise("zz_fixture").orElseThrow().status()).isEqualTo(ExerciseStatus.NOT_STARTED);
        }
    }

    @Test
    void aSaveRegradesOnlyTheChangedExerciseAndKeepsTheOthersOnTheScoreboard() throws IOException {
        Path project = fixtureProject();
        try (TreeWatcher w = new TreeWatcher(request(project), new GradingEngine(), Clock.systemUTC(), Map::of)) {
            w.gradeAll();
            Files.copy(resource("trees/good/zz_fixture/StableSoftmax.java"),
                    project.resolve("exercises/zz_fixture/StableSoftmax.java"), StandardCopyOption.REPLACE_EXISTING);

            WatchRound round = w.awaitAndGrade();

            assertThat(round.changed()).containsExactly("zz_fixture");
            assertThat(round.graded()).containsExactly("zz_fixture");
            assertThat(round.report().exercises()).extracting(e -> e.id()).containsExactly("zz_fixture", "zz_other");
            assertThat(round.report().exercise("zz_fixture").orElseThrow().status()).isEqualTo(ExerciseStatus.PASSED);
            assertThat(round.justPassed()).containsExactly("zz_fixture");
        }
    }

    @Test
    void aChangeRegradesTheExercisesThatRequireItTransitively() throws IOException {
        Files.createDirectories(temp.resolve("exercises"));
        try (TreeWatcher w = new TreeWatcher(GradeRequest.of(temp), new GradingEngine(), Clock.systemUTC(), Map::of)) {
            ExerciseIndex index = realIndex();

            assertThat(w.affected(index, List.of("ex01_softmax")))
                    .containsExactly("ex01_softmax", "ex02_attention", "ex03_masking", "ex04_multihead");
            assertThat(w.affected(index, List.of("ex03_masking"))).containsExactly("ex03_masking", "ex04_multihead");
            assertThat(w.affected(index, List.of("ex05_fix_seed"))).containsExactly("ex05_fix_seed");
        }
    }

    @Test
    void watchingOneExerciseRegradesOnlyItAndWhatItRequires() throws IOException {
        Files.createDirectories(temp.resolve("exercises"));
        GradeRequest focused = GradeRequest.of(temp).withExercises(List.of("ex02_attention"));
        try (TreeWatcher w = new TreeWatcher(focused, new GradingEngine(), Clock.systemUTC(), Map::of)) {
            ExerciseIndex index = realIndex();

            assertThat(w.affected(index, List.of("ex01_softmax"))).containsExactly("ex01_softmax", "ex02_attention");
            assertThat(w.affected(index, List.of("ex05_fix_seed"))).isEmpty();
        }
    }

    private static dojo.grading.ExerciseReport report(String id, ExerciseStatus s) {
        return new dojo.grading.ExerciseReport(id, id, s, s == ExerciseStatus.PASSED ? 10 : 0, 10, 0, 1, List.of(), null, 0, 3);
    }

    @Test
    @org.junit.jupiter.api.DisplayName("next: the first watched exercise that does not pass, else the first after the watched ones not known to pass")
    void nextFollowsWhatIsWatched() {
        ExerciseIndex index = realIndex();
        java.util.function.Function<dojo.grading.ExerciseReport[], String> next = rs -> {
            var e = TreeWatcher.next(index, new dojo.grading.GradeReport("exercises", List.of(rs)));
            return e == null ? null : e.id();
        };
        // watching ex02 alone, not started: ex02, not ex01 (which was not graded)
        assertThat(next.apply(new dojo.grading.ExerciseReport[] {report("ex02_attention", ExerciseStatus.NOT_STARTED)}))
                .isEqualTo("ex02_attention");
        // ex02 passes: the exercise after it
        assertThat(next.apply(new dojo.grading.ExerciseReport[] {report("ex02_attention", ExerciseStatus.PASSED)}))
                .isEqualTo("ex03_masking");
        // everything watched: the first that does not pass, in index order
        dojo.grading.ExerciseReport[] all = index.exercises().stream()
                .map(e -> report(e.id(), e.id().equals("ex04_multihead") || e.id().equals("ex07_attention_backward")
                        ? ExerciseStatus.FAILED : ExerciseStatus.PASSED))
                .toArray(dojo.grading.ExerciseReport[]::new);
        assertThat(next.apply(all)).isEqualTo("ex04_multihead");
        dojo.grading.ExerciseReport[] allPass = index.exercises().stream().map(e -> report(e.id(), ExerciseStatus.PASSED))
                .toArray(dojo.grading.ExerciseReport[]::new);
        assertThat(next.apply(allPass)).isNull();
    }
}
