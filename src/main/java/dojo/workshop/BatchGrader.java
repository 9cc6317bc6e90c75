package dojo.workshop;

import dojo.grading.ExerciseIndex;
import dojo.grading.FileTrees;
import dojo.grading.HostClasspath;
import dojo.workshop.sandbox.Isolation;
import dojo.workshop.sandbox.SandboxSpec;
import dojo.workshop.sandbox.SubmissionRunner;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Grades the roster (or one shard of it), {@code jobs} submissions at a time, each in its own sandboxed JVM, and
 * writes one {@code <learner>.json} per learner as soon as it is graded. Every learner of the shard gets a result:
 * no submission, a crash or a limit still produce one.
 */
public final class BatchGrader {

    /**
     * What to grade.
     *
     * @param projectDir the host checkout (framework, suites, index)
     * @param config the workshop
     * @param layout the workshop's folders
     * @param out where grade files go
     * @param jobs submissions graded at once
     * @param shard the slice of the roster
     * @param isolation the isolation to use (from {@link Isolation#detect()})
     */
    public record Request(Path projectDir, WorkshopConfig config, WorkshopLayout layout, Path out, int jobs, Shard shard,
            Isolation isolation) {}

    /** The batch: every result of the shard, in roster order, and the wall-clock time. */
    public record Summary(List<SubmissionResult> results, long millis, String isolation) {}

    private final Clock clock;
    private final List<Path> classpath;

    public BatchGrader(Clock clock) {
        this(clock, HostClasspath.current());
    }

    public BatchGrader(Clock clock, List<Path> classpath) {
        this.clock = clock;
        this.classpath = List.copyOf(classpath);
    }

    private List<Path> snapshotClasspath(Path snapshot) {
        List<Path> out = new ArrayList<>();
        for (int i = 0; i < classpath.size(); i++) {
            Path p = classpath.get(i);
            out.add(java.nio.file.Files.isDirectory(p) ? snapshot.resolve(String.valueOf(i)) : p);
        }
        return out;
    }

    private Path snapshot(Path root) {
        try {
            java.nio.file.Files.createDirectories(root);
            Path dir = java.nio.file.Files.createTempDirectory(root, "cp-");
            for (int i = 0; i < classpath.size(); i++) {
                Path p = classpath.get(i);
                if (java.nio.file.Files.isDirectory(p)) {
                    copyTree(p, dir.resolve(String.valueOf(i)));
                }
            }
            return dir;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot copy the framework classes to " + root + ": " + e.getMessage(), e);
        }
    }

    private static void copyTree(Path from, Path to) throws java.io.IOException {
        try (java.util.stream.Stream<Path> s = java.nio.file.Files.walk(from)) {
            for (Path f : s.toList()) {
                Path t = to.resolve(from.relativize(f).toString());
                if (java.nio.file.Files.isDirectory(f)) {
                    java.nio.file.Files.createDirectories(t);
                } else if (java.nio.file.Files.isRegularFile(f)) {
                    java.nio.file.Files.copy(f, t);
                }
            }
        }
    }

    /** Grades; {@code progress} hears about each learner as it is done (from worker threads, one at a time). */
    public Summary grade(Request r, Consumer<SubmissionResult> progress) {
        if (r.jobs() < 1) {
            throw new IllegalArgumentException("--jobs must be at least 1");
        }
        ExerciseIndex index = ExerciseIndex.load(r.projectDir());
        Path project = r.projectDir();
        List<Path> hide = new ArrayList<>(List.of(project.resolve("solutions"), project.resolve("src/hidden"),
                project.resolve("src/mutants"), project.resolve("scripts/golden"), r.layout().submissions(),
                r.layout().grades(), r.out(), r.layout().feedback(), r.layout().gradescope(), r.layout().dir().resolve("release")));
        String home = System.getProperty("user.home");
        if (home != null) {
            for (String secret : List.of(".ssh", ".gnupg", ".aws", ".config", ".docker", ".git-credentials")) {
                hide.add(Path.of(home, secret));
            }
        }
        // the framework's class folders are copied once: a rebuild of the checkout during a batch cannot break grading
        Path snapshot = snapshot(r.layout().work().resolve("framework"));
        SandboxSpec spec = new SandboxSpec(SandboxSpec.currentJava(), snapshotClasspath(snapshot), r.isolation(),
                r.config().limits(), hide);
        SubmissionRunner runner = new SubmissionRunner(project, index, r.config().exercises(), spec,
                r.layout().work().resolve("jobs"), clock);
        SubmissionStore store = new SubmissionStore(r.layout().submissions());
        List<Learner> mine = new ArrayList<>();
        for (int i = 0; i < r.config().roster().size(); i++) {
            if (r.shard().includes(i)) {
                mine.add(r.config().roster().get(i));
            }
        }
        long t0 = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(r.jobs());
        Object lock = new Object();
        List<Future<SubmissionResult>> futures = new ArrayList<>();
        for (Learner l : mine) {
            futures.add(pool.submit(() -> {
                SubmissionResult res = store.latest(l.id()).map(runner::grade).orElseGet(() -> runner.missing(l.id()));
                GradeStore.write(r.out(), res);
                synchronized (lock) {
                    progress.accept(res);
                }
                return res;
            }));
        }
        List<SubmissionResult> results = new ArrayList<>();
        try {
            for (Future<SubmissionResult> f : futures) {
                results.add(f.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("grading was interrupted", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            throw c instanceof RuntimeException re ? re : new IllegalStateException(c);
        } finally {
            pool.shutdownNow();
            FileTrees.deleteQuietly(snapshot);
        }
        return new Summary(results, (System.nanoTime() - t0) / 1_000_000, spec.isolation().describe());
    }
}
