package dojo.workshop.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import dojo.grading.GradeRequest;
import dojo.grading.GradingEngine;
import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The grading JVM of one submission (started by {@link SubmissionRunner}, never by hand): grades
 * {@code <job>/exercises} with the host's framework and suites on the classpath and streams every event as one line
 * on standard output, prefixed with a per-run token read from standard input (so what the submission prints cannot
 * pass for a result). Whatever the submission prints outside the tests goes to standard error, which the parent
 * caps. Ends with {@code halt}, so threads the submission left running cannot keep the JVM alive.
 *
 * <p>Arguments: {@code <job-dir> <timeout-ms> <exercise-id>...}
 */
public final class GradeOneMain {
    private GradeOneMain() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: GradeOneMain <job-dir> <timeout-ms> <exercise-id>...");
            Runtime.getRuntime().halt(2);
        }
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String token = in.readLine();
        in.close();
        if (token == null || token.isBlank()) {
            System.err.println("GradeOneMain: no stream token on standard input");
            Runtime.getRuntime().halt(2);
        }
        PrintStream channel = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
        System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8));
        ObjectMapper json = new ObjectMapper();
        Object lock = new Object();
        java.util.function.Consumer<SandboxEvent> sink = e -> {
            String line;
            try {
                line = token + " " + json.writeValueAsString(e);
            } catch (Exception ex) {
                line = token + " " + "{\"type\":\"error\"}";
            }
            synchronized (lock) {
                channel.print(line);
                channel.print('\n');
                channel.flush();
            }
        };
        Path job = Path.of(args[0]).toAbsolutePath();
        List<String> exercises = Arrays.asList(args).subList(2, args.length);
        GradeRequest request = new GradeRequest(job, job.resolve("exercises"), exercises,
                Duration.ofMillis(Long.parseLong(args[1])), true, Map.of());
        int code = 0;
        try {
            new GradingEngine().grade(request, new StreamingListener(GradeRequest.SUITE_PACKAGE_ROOT, sink));
            sink.accept(new SandboxEvent(SandboxEvent.DONE, null, null, null, null, null));
        } catch (Throwable t) {
            System.err.println("GradeOneMain: grading failed: " + t);
            code = 3;
        }
        channel.flush();
        Runtime.getRuntime().halt(code);
    }
}
