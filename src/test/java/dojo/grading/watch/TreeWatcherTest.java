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
}
