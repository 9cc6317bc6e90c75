package dojo.workshop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dojo.grading.ExerciseIndex;
import dojo.grading.ExerciseReport;
import dojo.grading.ExerciseStatus;
import dojo.grading.TestOutcome;
import dojo.workshop.sandbox.Isolation;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hostile corpus, graded once as two shards with two jobs each and merged: every learner gets a result, a
 * crash costs only the tests from there on, and the sandbox holds. Slow (about a minute on 2 cores): runs with
 * {@code -Ddojo.slow=true} (.ci/run does).
 */
@Tag("slow")
@EnabledIfSystemProperty(named = "dojo.slow", matches = "true")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WorkshopHostileCorpusTest {
    private static final Path PROJECT = Path.of(System.getProperty("dojo.project.dir", ".")).toAbsolutePath().normalize();

    @TempDir
    static Path workshop;

    private ServerSocket server;
    private Map<String, SubmissionResult> results;
    private Isolation isolation;
    private List<String> missingAfterMerge;

    @BeforeAll
    void gradeTheCorpus() throws IOException {
        server = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
        Files.deleteIfExists(Path.of("/tmp", Corpus.PWNED));
        Files.deleteIfExists(PROJECT.resolve(Corpus.PWNED));
        Map<String, String> corpus = Corpus.prologues(server.getLocalPort());
        for (Map.Entry<String, String> e : corpus.entrySet()) {
            Corpus.submit(workshop, PROJECT, e.getKey(), e.getValue(), "20270227T100000Z");
        }
        List<String> roster = new ArrayList<>(corpus.keySet());
        roster.add("absent");
        String limits = "limits:\n  wall: 60s\n  cpu: 40s\n  memory: 256m\n  test-timeout: 1s\n  output: 256k\n  file-size: 1m\n";
        Files.writeString(workshop.resolve("workshop.yaml"), Corpus.config(roster, limits));
        ExerciseIndex index = ExerciseIndex.load(PROJECT);
        WorkshopLayout layout = new WorkshopLayout(workshop);
        WorkshopConfig config = WorkshopConfigParser.load(layout.config(), index);
        isolation = Isolation.detect();
        Clock clock = Clock.fixed(Instant.parse("2027-02-28T00:00:00Z"), ZoneOffset.UTC);
        List<Path> shards = List.of(workshop.resolve("shard-1"), workshop.resolve("shard-2"));
        for (int i = 0; i < 2; i++) {
            new BatchGrader(clock).grade(new BatchGrader.Request(PROJECT, config, layout, shards.get(i), 2, new Shard(i + 1, 2),
                    isolation), r -> { });
        }
        missingAfterMerge = GradeStore.merge(shards, layout.grades(), config);
        results = GradeStore.readAll(layout.grades());
    }

    @AfterAll
    void closeServer() throws IOException {
        server.close();
        // the grades stay for inspection (times per submission, messages): target/workshop-corpus/
        Path keep = PROJECT.resolve("target/workshop-corpus");
        Files.createDirectories(keep);
        for (SubmissionResult r : results.values()) {
            GradeStore.write(keep, r);
        }
    }

    private ExerciseReport ex01(String learner) {
        return results.get(learner).exercises().get(0);
    }

    private static String messages(ExerciseReport e) {
        return String.join("\n", e.tests().stream().map(t -> String.valueOf(t.message())).toList());
    }

    @Test
    @DisplayName("every learner of both shards has a merged result, the one without a submission too")
    void everyLearnerHasAResult() {
        assertThat(missingAfterMerge).isEmpty();
        assertThat(results).containsKeys("good", "wrong", "broken", "exit", "loop", "unstoppable", "oom", "stack", "threads",
                "fork", "writer", "reader", "socket", "chatty", "forger", "absent");
        assertThat(results.get("absent").status()).isEqualTo(SubmissionResult.Status.NO_SUBMISSION);
    }

    @Test
    @DisplayName("the reference solution passes and a wrong one fails with messages, both graded completely")
    void goodAndWrong() {
        assertThat(ex01("good").status()).isEqualTo(ExerciseStatus.PASSED);
        assertThat(results.get("good").status()).isEqualTo(SubmissionResult.Status.COMPLETE);
        assertThat(ex01("wrong").status()).isEqualTo(ExerciseStatus.FAILED);
        assertThat(ex01("wrong").passed()).isLessThan(ex01("wrong").total());
        assertThat(ex01("broken").status()).isEqualTo(ExerciseStatus.DOES_NOT_COMPILE);
    }

    @Test
    @DisplayName("System.exit ends the JVM: the running test is named and fails, the tests before it keep their results")
    void systemExit() {
        SubmissionResult r = results.get("exit");
        assertThat(r.status()).isEqualTo(SubmissionResult.Status.INCOMPLETE);
        assertThat(r.message()).contains("exit code 7").contains("while running '");
        assertThat(ex01("exit").passed()).isPositive();
        assertThat(messages(ex01("exit"))).contains("the grading JVM ended while this test was running");
        // tests lost to the crash keep their suite's visibility: hidden ones stay hidden (feedback must not name them)
        assertThat(ex01("exit").tests()).anyMatch(TestOutcome::hidden).anyMatch(t -> !t.hidden());
        assertThat(ex01("exit").tests().stream().filter(TestOutcome::hidden).count())
                .isEqualTo(ex01("good").tests().stream().filter(TestOutcome::hidden).count());
    }

    @Test
    @DisplayName("an endless loop fails only its own test, by the per-test time limit")
    void endlessLoop() {
        assertThat(messages(ex01("loop"))).contains("timed out");
        assertThat(ex01("loop").passed()).isPositive();
        assertThat(messages(ex01("unstoppable"))).contains("timed out");
    }

    @Test
    @DisplayName("running out of heap and overflowing the stack fail the test that did it")
    void oomAndStackOverflow() {
        assertThat(messages(ex01("oom")) + results.get("oom").message()).containsIgnoringCase("memory");
        assertThat(messages(ex01("stack"))).contains("StackOverflowError");
        assertThat(ex01("stack").passed()).isPositive();
    }

    @Test
    @DisplayName("a thread bomb is contained: the learner still gets a result within the wall-clock limit")
    void threadBomb() {
        SubmissionResult r = results.get("threads");
        assertThat(r.millis()).isLessThan(61_000);
        assertThat(ex01("threads").total()).isPositive();
        assertThat(ex01("threads").status()).isNotEqualTo(ExerciseStatus.PASSED);
    }

    @Test
    @DisplayName("printing without end is stopped by the output limit and named")
    void hugeOutput() {
        SubmissionResult r = results.get("chatty");
        assertThat(r.status()).isEqualTo(SubmissionResult.Status.INCOMPLETE);
        assertThat(r.message()).contains("output limit");
    }

    @Test
    @DisplayName("a line that imitates the grader's stream is not believed")
    void forgedEventsAreIgnored() {
        assertThat(ex01("forger").status()).isEqualTo(ExerciseStatus.FAILED);
    }

    @Test
    @DisplayName("a process the submission starts dies with it")
    void forkedProcessesDie() {
        assumeTrue(isolation.namespaces(), "needs unshare (PID namespace)");
        assertThat(ex01("fork").status()).isEqualTo(ExerciseStatus.PASSED);
        assertThat(ProcessHandle.allProcesses().map(p -> p.info().commandLine().orElse(""))
                .filter(c -> c.contains("987654"))).isEmpty();
    }

    @Test
    @DisplayName("the submission cannot write outside its folder, read the solutions or hidden suites, or open a socket")
    void sandboxHolds() throws IOException {
        assumeTrue(isolation.namespaces(), "needs unshare (mount and network namespaces)");
        assertThat(Path.of("/tmp", Corpus.PWNED)).doesNotExist();
        assertThat(PROJECT.resolve(Corpus.PWNED)).doesNotExist();
        for (String learner : List.of("writer", "reader", "socket")) {
            assertThat(ex01(learner).status()).as(learner + ": " + messages(ex01(learner))).isEqualTo(ExerciseStatus.PASSED);
        }
        server.setSoTimeout(1);
        boolean accepted;
        try (var s = server.accept()) {
            accepted = true;
        } catch (SocketTimeoutException e) {
            accepted = false;
        }
        assertThat(accepted).as("a connection reached the host").isFalse();
    }

    @Test
    @DisplayName("every test outcome names its exercise, and hidden tests are marked hidden")
    void outcomesAreWellFormed() {
        List<TestOutcome> all = results.get("good").exercises().get(0).tests();
        assertThat(all).allSatisfy(t -> assertThat(t.exerciseId()).isEqualTo("ex01_softmax"));
        assertThat(all).anyMatch(TestOutcome::hidden).anyMatch(t -> !t.hidden());
    }
}
