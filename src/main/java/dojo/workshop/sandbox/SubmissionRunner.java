package dojo.workshop.sandbox;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dojo.grading.ExerciseIndex;
import dojo.grading.ExerciseInfo;
import dojo.grading.ExerciseReport;
import dojo.grading.FileTrees;
import dojo.grading.ResultsCollector;
import dojo.grading.TestOutcome;
import dojo.grading.TestStatus;
import dojo.workshop.Submission;
import dojo.workshop.SubmissionResult;
import dojo.workshop.SubmissionResult.RunRecord;
import dojo.workshop.WorkshopExercise;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * Grades one submission in its own JVM(s), under the sandbox: copies only the submission's exercise sources into a
 * fresh job folder, starts {@link GradeOneMain} there and reads its stream test by test. When a JVM ends early (a
 * crash, {@code System.exit}, a limit), the test that was running fails with the reason, the rest of its exercise
 * counts as not run, and a new JVM grades the exercises that had not started yet, until the wall-clock budget is spent.
 */
public final class SubmissionRunner {
    /** Largest source file copied from a submission. */
    public static final long MAX_SOURCE_BYTES = 512 * 1024;
    private static final int MAX_EVENT_LINE = 4 << 20;
    private static final int STDERR_TAIL = 2000;

    private final Path projectDir;
    private final ExerciseIndex index;
    private final List<WorkshopExercise> exercises;
    private final SandboxSpec spec;
    private final Path workRoot;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private final SecureRandom random = new SecureRandom();

    public SubmissionRunner(Path projectDir, ExerciseIndex index, List<WorkshopExercise> exercises, SandboxSpec spec,
            Path workRoot, Clock clock) {
        this.projectDir = projectDir;
        this.index = index;
        this.exercises = List.copyOf(exercises);
        this.spec = spec;
        this.workRoot = workRoot;
        this.clock = clock;
    }

    /** Grades {@code submission}; never throws for anything the submission does. */
    public SubmissionResult grade(Submission submission) {
        long start = System.nanoTime();
        Path job;
        try {
            Files.createDirectories(workRoot);
            job = Files.createTempDirectory(workRoot, submission.learner() + "-");
            prepare(submission, job);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the grading folder in " + workRoot + ": " + e.getMessage(), e);
        }
        try {
            return gradeIn(submission, job, start);
        } finally {
            FileTrees.deleteQuietly(job);
        }
    }

    private SubmissionResult gradeIn(Submission submission, Path job, long start) {
        long deadline = start + spec.limits().wall().toNanos();
        Map<String, List<TestOutcome>> outcomes = new LinkedHashMap<>();
        for (WorkshopExercise e : exercises) {
            outcomes.put(e.id(), new ArrayList<>());
        }
        List<String> remaining = new ArrayList<>(outcomes.keySet());
        List<RunRecord> runs = new ArrayList<>();
        String message = null;
        while (!remaining.isEmpty()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                String why = "wall-clock limit " + seconds(spec.limits().wall()) + " reached before grading started";
                for (String id : remaining) {
                    outcomes.get(id).add(lost(id, "not run: " + why));
                }
                message = message == null ? why : message;
                break;
            }
            Run run = runOnce(job, remaining, left);
            Set<String> touched = new LinkedHashSet<>();
            for (SandboxEvent e : run.events) {
                if (SandboxEvent.STARTED.equals(e.type()) && e.exercise() != null && !e.exercise().isEmpty()) {
                    touched.add(e.exercise());
                }
                if (SandboxEvent.FINISHED.equals(e.type()) && e.outcome() != null && outcomes.containsKey(e.outcome().exerciseId())) {
                    outcomes.get(e.outcome().exerciseId()).add(e.outcome());
                    touched.add(e.outcome().exerciseId());
                }
            }
            runs.add(new RunRecord(List.copyOf(remaining), run.exitCode, run.done ? null : run.ending, run.runningName,
                    run.millis, run.stderrTail));
            if (run.done) {
                break;
            }
            // the JVM ended early: the running test failed with the reason, the rest of its exercise was lost
            String why = run.ending;
            String thisRun = run.runningName == null ? why : why + " while running '" + run.runningName + "'";
            message = message == null ? thisRun : message + "; then " + thisRun;
            if (run.runningUid != null && run.runningExercise != null && outcomes.containsKey(run.runningExercise)) {
                outcomes.get(run.runningExercise).add(new TestOutcome(run.runningExercise, run.runningName, "", "",
                        TestStatus.FAILED, "the grading JVM ended while this test was running: " + why, null, null, run.runningHidden));
                touched.add(run.runningExercise);
            }
            Set<String> finishedUids = new LinkedHashSet<>();
            for (SandboxEvent e : run.events) {
                if (SandboxEvent.FINISHED.equals(e.type()) && e.uid() != null) {
                    finishedUids.add(e.uid());
                }
            }
            for (SandboxEvent planned : run.plan) {
                if (!touched.contains(planned.exercise()) || planned.uid().equals(run.runningUid)) {
                    continue;
                }
                boolean done = finishedUids.stream().anyMatch(u -> u.startsWith(planned.uid()));
                if (!done && outcomes.containsKey(planned.exercise())) {
                    outcomes.get(planned.exercise()).add(new TestOutcome(planned.exercise(), planned.name(), "", "",
                            TestStatus.FAILED, "not run: the grading JVM ended during '" + run.runningName + "' (" + why + ")",
                            null, null, planned.hiddenTest()));
                }
            }
            List<String> next = remaining.stream().filter(id -> !touched.contains(id)).toList();
            if (next.size() == remaining.size()) {
                // no progress at all (the JVM could not start grading): every remaining exercise gets the reason
                for (String id : remaining) {
                    outcomes.get(id).add(lost(id, "grading could not run: " + why));
                }
                break;
            }
            remaining = new ArrayList<>(next);
        }
        List<ExerciseReport> reports = new ArrayList<>();
        for (WorkshopExercise we : exercises) {
            reports.add(report(we, outcomes.get(we.id())));
        }
        boolean complete = runs.stream().allMatch(r -> r.ending() == null) && message == null;
        return new SubmissionResult(submission.learner(), submission.stamp(), submission.submittedAt(),
                complete ? SubmissionResult.Status.COMPLETE : SubmissionResult.Status.INCOMPLETE, message, reports, runs,
                (System.nanoTime() - start) / 1_000_000, spec.isolation().describe(), clock.instant(),
                submission.frameworkChanges());
    }

    /** The report of a workshop exercise (the workshop's points) from its outcomes. */
    ExerciseReport report(WorkshopExercise we, List<TestOutcome> tests) {
        ExerciseInfo i = index.require(we.id());
        ExerciseInfo withPoints = new ExerciseInfo(i.id(), i.title(), we.points(), i.api(), i.implementation(), i.objectives(),
                i.hints(), i.tags(), i.requires(), i.line());
        return ResultsCollector.exerciseReport(withPoints, tests, 0);
    }

    /** A result for a learner without a submission: every exercise not started, 0 points. */
    public SubmissionResult missing(String learner) {
        List<ExerciseReport> reports = new ArrayList<>();
        for (WorkshopExercise we : exercises) {
            reports.add(report(we, List.of()));
        }
        return new SubmissionResult(learner, null, null, SubmissionResult.Status.NO_SUBMISSION, "no submission collected",
                reports, List.of(), 0, spec.isolation().describe(), clock.instant(), List.of());
    }

    private static TestOutcome lost(String exercise, String message) {
        return new TestOutcome(exercise, "grading", "", "", TestStatus.FAILED, message, null, null, false);
    }

    // ---- the job folder ---------------------------------------------------------------------------------------------

    /** The job folder: the host's index and, per exercise of the index, only the submission's .java files. */
    private void prepare(Submission submission, Path job) throws IOException {
        Path ex = Files.createDirectories(job.resolve("exercises"));
        Files.createDirectories(job.resolve("tmp"));
        Files.copy(projectDir.resolve(ExerciseIndex.RELATIVE_PATH), ex.resolve("index.yaml"));
        for (ExerciseInfo info : index.exercises()) {
            Path from = submission.exercises().resolve(info.id());
            if (!Files.isDirectory(from, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            Path to = Files.createDirectories(ex.resolve(info.id()));
            try (Stream<Path> files = Files.list(from)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    String name = f.getFileName().toString();
                    // regular .java files only: no links (to the solutions, to /etc), no class files, nothing huge
                    if (name.endsWith(".java") && Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)
                            && Files.size(f) <= MAX_SOURCE_BYTES) {
                        Files.copy(f, to.resolve(name));
                    }
                }
            }
        }
    }

    // ---- one JVM ----------------------------------------------------------------------------------------------------

    private static final class Run {
        final List<SandboxEvent> events = new ArrayList<>();
        List<SandboxEvent> plan = List.of();
        boolean done;
        int exitCode;
        String ending;
        String runningUid;
        String runningName;
        String runningExercise;
        boolean runningHidden;
        long millis;
        String stderrTail;
    }

    private Run runOnce(Path job, List<String> ids, long budgetNanos) {
        Run run = new Run();
        long t0 = System.nanoTime();
        String token = HexFormat.of().formatHex(random.generateSeed(16));
        List<String> cmd = SandboxCommand.build(spec, job, ids);
        Process p;
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(job.toFile());
            // a clean environment: nothing of the host's (tokens, proxies) reaches the submission
            Map<String, String> env = pb.environment();
            String path = env.getOrDefault("PATH", "/usr/bin:/bin");
            env.clear();
            env.put("PATH", path);
            env.put("HOME", job.toString());
            env.put("LANG", "C.UTF-8");
            env.put("MALLOC_ARENA_MAX", "2"); // glibc reserves 64 MB of address space per thread arena otherwise
            p = pb.start();
        } catch (IOException e) {
            run.ending = "cannot start the grading JVM: " + e.getMessage();
            run.exitCode = -1;
            return run;
        }
        AtomicLong outputBytes = new AtomicLong();
        AtomicReference<String> killedFor = new AtomicReference<>();
        TailBuffer tail = new TailBuffer(STDERR_TAIL);
        Thread out = new Thread(() -> readEvents(p.getInputStream(), token, run, outputBytes, tail, p, killedFor), "grade-stdout");
        Thread err = new Thread(() -> pump(p.getErrorStream(), outputBytes, tail, p, killedFor), "grade-stderr");
        out.setDaemon(true);
        err.setDaemon(true);
        out.start();
        err.start();
        try (OutputStream stdin = p.getOutputStream()) {
            stdin.write((token + "\n").getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            // the JVM died before reading its token: reported below from its exit
        }
        boolean exited;
        try {
            exited = p.waitFor(Math.max(1, budgetNanos / 1_000_000), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exited = false;
            killedFor.compareAndSet(null, "grading was interrupted");
        }
        if (!exited) {
            killedFor.compareAndSet(null, "wall-clock limit " + seconds(spec.limits().wall()) + " reached");
        }
        killTree(p);
        try {
            out.join(5000);
            err.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        run.exitCode = killedFor.get() != null ? -1 : p.exitValue();
        run.millis = (System.nanoTime() - t0) / 1_000_000;
        run.stderrTail = tail.text();
        synchronized (run) {
            if (!run.done) {
                run.ending = killedFor.get() != null ? killedFor.get() : ending(p.exitValue(), run.stderrTail);
            }
        }
        return run;
    }

    private void readEvents(InputStream in, String token, Run run, AtomicLong outputBytes, TailBuffer tail, Process p,
            AtomicReference<String> killedFor) {
        byte[] prefix = (token + " ").getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        boolean overlong = false;
        try {
            int n;
            while ((n = in.read(buf)) > 0) {
                for (int i = 0; i < n; i++) {
                    byte b = buf[i];
                    if (b == '\n') {
                        if (!overlong) {
                            handleLine(line.toByteArray(), prefix, run, outputBytes, tail, p, killedFor);
                        }
                        line.reset();
                        overlong = false;
                    } else if (!overlong) {
                        line.write(b);
                        if (line.size() > MAX_EVENT_LINE) {
                            overlong = true;
                            count(line.size(), outputBytes, p, killedFor);
                            line.reset();
                        }
                    } else {
                        count(1, outputBytes, p, killedFor);
                    }
                }
            }
        } catch (IOException e) {
            // the process ended
        }
    }

    private void handleLine(byte[] bytes, byte[] prefix, Run run, AtomicLong outputBytes, TailBuffer tail, Process p,
            AtomicReference<String> killedFor) {
        if (startsWith(bytes, prefix)) {
            try {
                SandboxEvent e = json.readValue(bytes, prefix.length, bytes.length - prefix.length, SandboxEvent.class);
                synchronized (run) {
                    switch (e.type()) {
                        case SandboxEvent.PLAN -> run.plan = e.tests() == null ? List.of() : e.tests();
                        case SandboxEvent.STARTED -> {
                            run.runningUid = e.uid();
                            run.runningName = e.name();
                            run.runningExercise = e.exercise();
                            run.runningHidden = e.hiddenTest();
                        }
                        case SandboxEvent.FINISHED -> {
                            run.events.add(e);
                            if (e.uid() != null && e.uid().equals(run.runningUid)) {
                                run.runningUid = null;
                                run.runningName = null;
                                run.runningExercise = null;
                            }
                        }
                        case SandboxEvent.DONE -> run.done = true;
                        default -> { }
                    }
                    if (SandboxEvent.STARTED.equals(e.type())) {
                        run.events.add(e);
                    }
                }
                return;
            } catch (IOException ex) {
                // not an event after all: counts as output
            }
        }
        tail.append(bytes);
        count(bytes.length + 1, outputBytes, p, killedFor);
    }

    private void pump(InputStream in, AtomicLong outputBytes, TailBuffer tail, Process p, AtomicReference<String> killedFor) {
        byte[] buf = new byte[8192];
        try {
            int n;
            while ((n = in.read(buf)) > 0) {
                tail.append(java.util.Arrays.copyOf(buf, n));
                count(n, outputBytes, p, killedFor);
            }
        } catch (IOException e) {
            // the process ended
        }
    }

    private void count(long n, AtomicLong outputBytes, Process p, AtomicReference<String> killedFor) {
        if (outputBytes.addAndGet(n) > spec.limits().outputBytes() && killedFor.compareAndSet(null,
                "output limit: printed more than " + size(spec.limits().outputBytes()) + " outside the tests")) {
            killTree(p);
        }
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** Why a JVM ended without saying it was done, from its exit status and what it printed. */
    String ending(int exit, String stderr) {
        String s = stderr == null ? "" : stderr;
        if (s.contains("OutOfMemoryError") || s.contains("Cannot reserve") || s.contains("insufficient memory")) {
            return "out of memory (heap " + size(spec.limits().memoryBytes()) + ", address space "
                    + size(spec.limits().addressSpaceBytes()) + "), exit code " + exit;
        }
        if (exit > 128) {
            int sig = exit - 128;
            return switch (sig) {
                case 24 -> "CPU limit " + seconds(spec.limits().cpu()) + " reached (SIGXCPU)";
                case 9 -> "killed (SIGKILL: CPU or memory limit)";
                case 25 -> "file-size limit " + size(spec.limits().fileSizeBytes()) + " exceeded (SIGXFSZ)";
                case 6, 11 -> "the JVM crashed (signal " + sig + ")";
                default -> "ended by signal " + sig;
            };
        }
        if (exit == 0) {
            return "the JVM ended with exit code 0 before grading finished (System.exit(0) or Runtime.halt(0)?)";
        }
        return "the JVM ended with exit code " + exit + " before grading finished (System.exit(" + exit + ")?)";
    }

    static void killTree(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        try {
            p.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String seconds(Duration d) {
        return dojo.grading.GradingSettings.describe(d);
    }

    static String size(long bytes) {
        if (bytes % (1L << 30) == 0) {
            return (bytes >> 30) + " GB";
        }
        if (bytes % (1L << 20) == 0) {
            return (bytes >> 20) + " MB";
        }
        if (bytes % (1L << 10) == 0) {
            return (bytes >> 10) + " KB";
        }
        return bytes + " bytes";
    }

    /** Keeps the last {@code max} characters of what was appended. */
    private static final class TailBuffer {
        private final int max;
        private final StringBuilder b = new StringBuilder();

        TailBuffer(int max) {
            this.max = max;
        }

        synchronized void append(byte[] bytes) {
            b.append(new String(bytes, 0, Math.min(bytes.length, 8 * max), StandardCharsets.UTF_8)).append('\n');
            if (b.length() > 2 * max) {
                b.delete(0, b.length() - max);
            }
        }

        synchronized String text() {
            String s = b.length() > max ? b.substring(b.length() - max) : b.toString();
            // the incubator-module warning of the JDK is noise for the host
            return s.replace("WARNING: Using incubator modules: jdk.incubator.vector\n", "").strip();
        }
    }
}
