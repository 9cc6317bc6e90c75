package dojo.cli;

import dojo.DojoException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dojo.bench.BenchConfig;
import dojo.bench.BenchResult;
import dojo.bench.BenchRunner;
import dojo.bench.BenchSuite;
import dojo.bench.BenchTable;
import dojo.bench.LearnerAttention;
import dojo.kernels.Backend;
import dojo.kernels.JitCheck;
import dojo.kernels.Parallelism;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code dojo bench}: a quick side-by-side of the kernels and their baselines (JMH: scripts/bench.sh). */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Time naive vs EJML vs Vector API SGEMM and materialised vs fused attention, side by side.",
                "A plain warmup+measure loop for a first look; scripts/bench.sh runs the JMH suite."})
public final class BenchCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(names = "--quick", description = "Smaller sizes (n = 512): about 10 seconds.")
    boolean quick;

    @Option(names = "--threads", paramLabel = "N", description = "Threads for the parallel contenders (default: all cores).")
    Integer threads;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the results as JSON.")
    Path json;

    @Option(names = "--tree", paramLabel = "DIR",
            description = "Where your ex02_attention lives (default: exercises/); it joins the attention table once started.")
    Path tree;

    @Option(names = "--no-learner", description = "Leave your own ex02 attention out of the table.")
    boolean noLearner;

    @Option(names = "--long-context", paramLabel = "N",
            description = "Instead: one causal head of length N (d = 64) in this JVM's heap, e.g. JAVA_TOOL_OPTIONS=-Xmx256m ./dojo bench --long-context 32768.")
    Integer longContext;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut(), err = spec.commandLine().getErr();
        int t = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (t < 1) throw DojoException.badInput("--threads must be at least 1, was " + t);
        Backend backend = Backend.best();
        if (json != null) checkWritable(json);     // before minutes of timing, not after
        if (longContext != null) return longContext(out, backend, t);
        BenchConfig config = quick ? BenchConfig.quick(t) : BenchConfig.standard(t);
        out.printf("backend: %s; %s; Java %s%s%n%n", backend.describe(), t == 1 ? "1 thread" : t + " threads", Runtime.version(),
                backend == Backend.SCALAR ? " (start java with --add-modules jdk.incubator.vector for SIMD)" : "");
        String jitNote = JitCheck.note(backend);
        if (jitNote != null) out.println("note: " + jitNote + "\n");
        out.flush();
        BenchRunner runner = quick
                ? new BenchRunner(Duration.ofMillis(300), Duration.ofMillis(400), 2, System::nanoTime)
                : new BenchRunner(Duration.ofMillis(800), Duration.ofMillis(1200), 3, System::nanoTime);
        List<BenchResult> results;
        try (LearnerAttention.Outcome learner = noLearner ? new LearnerAttention.Outcome(null, null, null)
                : LearnerAttention.load(ProjectPaths.projectDir(), tree == null ? ProjectPaths.exercises() : tree,
                        "your ex02 ScaledDotProductAttention (1 thread)");
             BenchSuite suite = new BenchSuite(config, backend,
                     learner.contender() == null ? List.of() : List.of(learner.contender()))) {
            if (learner.note() != null) out.println("note: " + learner.note() + "\n");
            out.flush();
            results = runner.run(suite.cases(), c -> { err.printf("  timing %s: %s%n", c.group(), c.name()); err.flush(); });
        }
        out.print(BenchTable.render(results));
        out.println("(median of timed runs; a plain loop, not JMH: compare rows, not machines)");
        if (json != null) write(json, Map.of("backend", backend.toString(), "threads", t, "results", results));
        return 0;
    }

    private int longContext(PrintWriter out, Backend backend, int t) throws IOException {
        if (longContext < 1) throw DojoException.badInput("--long-context must be at least 1, was " + longContext);
        int d = 64;
        if ((long) longContext * d > Integer.MAX_VALUE - 8) {
            throw DojoException.badInput("--long-context " + longContext + ": Q, K and V of " + longContext + " x " + d
                    + " floats do not fit in a Java array (at most " + ((Integer.MAX_VALUE - 8) / d) + " rows)");
        }
        BenchSuite.LongContextResult r;
        try (Parallelism p = Parallelism.threads(t)) {
            r = BenchSuite.longContext(longContext, d, backend, p, System::nanoTime);
        } catch (OutOfMemoryError e) {
            // Q, K, V, the output and the packed K and V: ~6 n d floats; never the n x n scores
            throw DojoException.badInput(String.format(Locale.ROOT, "--long-context %d needs about %d MiB of heap (Q, K, V, the "
                    + "output and packed K, V; never the %d MiB score matrix) and this JVM has %d MiB: raise it, e.g. "
                    + "JAVA_TOOL_OPTIONS=-Xmx%dm", longContext, (6L * 4 * longContext * d >> 20) + 1, 4L * longContext * longContext >> 20,
                    Runtime.getRuntime().maxMemory() >> 20, Math.max(256, 2 * ((6L * 4 * longContext * d >> 20) + 1))));
        }
        out.printf(Locale.ROOT, "fused causal attention, one head, n = %d, d = %d: %.0f ms, output finite: %s%n",
                r.n(), r.d(), r.millis(), r.finite());
        out.printf(Locale.ROOT, "max heap %d MiB; an n x n float score matrix would need %d MiB%n",
                r.maxHeapBytes() >> 20, r.scoreMatrixBytes() >> 20);
        if (json != null) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("longContext", r);
            m.put("backend", backend.toString());
            m.put("threads", t);
            write(json, m);
        }
        return r.finite() ? 0 : DojoException.CHECK_FAILED;
    }

    /** The --json file can be written: its folder exists (or is made) and takes files, and it is not a folder itself. */
    private static void checkWritable(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        if (Files.isDirectory(file)) throw DojoException.badInput(file + ": --json needs a file, this is a folder");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw DojoException.badInput(file + ": --json cannot make its folder " + dir);
        }
        if (!Files.isWritable(dir)) throw DojoException.badInput(file + ": --json cannot write in " + dir);
        if (Files.exists(file) && !Files.isWritable(file)) {
            throw DojoException.badInput(file + ": --json cannot overwrite it (read-only)");
        }
    }

    private static void write(Path file, Object value) {
        try {
            if (file.getParent() != null) Files.createDirectories(file.getParent());
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), value);
        } catch (IOException e) {
            throw DojoException.badInput("cannot write " + file + ": " + e.getMessage());
        }
    }
}
