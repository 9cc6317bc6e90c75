// Turns the benchmark JSON in target/bench/ (JMH -rf json, numpy, long context) into a Markdown table
// with the target ratios and a dependency-free SVG bar chart (log-scale GFLOP/s).
// Run by scripts/bench.sh in source-file mode:
//   java -cp target/classes:target/test-classes:$(cat target/classpath.txt) scripts/bench_chart.java target/bench docs/benchmarks.md docs/img/benchmarks.svg

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

public class bench_chart {

    /** ms: median over measured iterations (JMH rawData) or runs (numpy); mean/err: JMH's score and error. */
    record Row(String kind, int n, String impl, double ms, double mean, double err, double gflops, Double allocBytes) {}

    static final int HEADS = 8, D = 64;
    static final List<String> SGEMM_ORDER = List.of("naive", "ejml", "ejml_mt", "numpy", "vector_1t", "vector_all");
    static final List<String> ATTN_ORDER = List.of("naive", "ejml", "numpy_materialised", "numpy_materialised_inplace",
            "fused", "fused_parallel", "fused_causal");
    static final List<String> BWD_ORDER = List.of("numpy_materialised_backward", "bwd_fused", "bwd_fused_parallel", "bwd_fused_causal");
    /** Flops per FmaPeak run per thread (FmaPeak.FLOPS_PER_THREAD). */
    static final double PEAK_FLOPS_PER_THREAD = 1L << 28;
    static final int CORES = Runtime.getRuntime().availableProcessors();
    static final Map<String, String> LABEL = Map.ofEntries(
            Map.entry("peak_1", "FMA peak, 1 thread"), Map.entry("peak_all", "FMA peak, all cores"),
            Map.entry("kernel_1", "SGEMM kernel, data in L1, 1 thread"),
            Map.entry("kernel_all", "SGEMM kernel, data in L1, all cores"),
            Map.entry("numpy_materialised_backward", "numpy materialised backward"),
            Map.entry("bwd_fused", "fused backward, 1 thread"), Map.entry("bwd_fused_parallel", "fused backward, all cores"),
            Map.entry("bwd_fused_causal", "fused backward causal, all cores"),
            Map.entry("naive", "naive loops, 1 thread"), Map.entry("ejml", "EJML"), Map.entry("ejml_mt", "EJML MT"),
            Map.entry("numpy", "numpy / OpenBLAS"), Map.entry("vector_1t", "Vector API packed, 1 thread"),
            Map.entry("vector_all", "Vector API packed, all cores"),
            Map.entry("numpy_materialised", "numpy materialised (textbook)"),
            Map.entry("numpy_materialised_inplace", "numpy materialised (in-place softmax)"),
            Map.entry("fused", "fused online softmax, 1 thread"), Map.entry("fused_parallel", "fused, all cores"),
            Map.entry("fused_causal", "fused causal, all cores"));

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]), md = Path.of(args[1]), svg = Path.of(args[2]);
        ObjectMapper om = new ObjectMapper();
        List<Row> rows = new ArrayList<>();
        String jvm = "?";
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().matches("jmh-.*\\.json")).sorted().toList()) {
                for (JsonNode b : om.readTree(f.toFile())) {
                    jvm = b.path("vmName").asText() + " " + b.path("jdkVersion").asText();
                    String bench = b.path("benchmark").asText();
                    if (bench.contains("CausalRatioBench")) {
                        PAIRED.put(b.path("params").path("n").asInt(), pairedRatios(b));
                        continue;
                    }
                    if (bench.endsWith("PeakBench.microKernel")) {
                        rows.add(kernelRow(b, f.getFileName().toString().contains("end") ? "@end" : "@start"));
                        continue;
                    }
                    String kind = bench.contains("Sgemm") ? "sgemm" : bench.contains("PeakBench") ? "peak"
                            : bench.contains("Backward") ? "backward" : "attention";
                    int n = kind.equals("peak") ? threadsOf(b.path("params").path("threads").asText())
                            : b.path("params").path("n").asInt();
                    String impl = kind.equals("peak") ? "peak_" + b.path("params").path("threads").asText()
                            + (f.getFileName().toString().contains("end") ? "@end" : "@start")
                            : b.path("params").path("impl").asText();
                    double mean = b.path("primaryMetric").path("score").asDouble();
                    double err = b.path("primaryMetric").path("scoreError").asDouble();
                    double ms = median(b.path("primaryMetric").path("rawData"), mean);
                    JsonNode alloc = b.path("secondaryMetrics").path("gc.alloc.rate.norm");
                    rows.add(new Row(kind, n, impl, ms, mean, Double.isNaN(err) ? 0 : err, flops(kind, n, impl) / (ms * 1e6),
                            alloc.isMissingNode() ? null : alloc.path("score").asDouble()));
                }
            }
        }
        Path numpyFile = dir.resolve("numpy.json");
        String numpy = null;
        if (Files.exists(numpyFile)) {
            JsonNode np = om.readTree(numpyFile.toFile());
            numpy = "numpy " + np.path("numpy").asText() + " (" + np.path("blas").asText() + ", " + np.path("threads").asInt() + " threads)";
            for (JsonNode r : np.path("results")) {
                String kind = r.path("benchmark").asText();
                int n = r.path("n").asInt();
                double ms = r.path("ms").asDouble();
                rows.add(new Row(kind, n, r.path("impl").asText(), ms, ms, 0, flops(kind, n, r.path("impl").asText()) / (ms * 1e6), null));
            }
        }
        JsonNode longCtx = null;
        Path lc = dir.resolve("long-context.json");
        if (Files.exists(lc)) longCtx = om.readTree(lc.toFile());

        readTrainStep(om, dir, rows);
        Map<String, List<Row>> groups = group(rows);
        Files.createDirectories(md.toAbsolutePath().getParent());
        // keep the sections other scripts maintain between their markers (targets-notes: hand-written notes on the
        // targets this CPU cannot meet; bench-encoder.sh, bench-train-step.sh;
        // attention-forward-1024: hand-measured notes on the fused forward, issue 14)
        StringBuilder kept = new StringBuilder();
        if (Files.exists(md)) {
            String old = Files.readString(md);
            for (String name : List.of("targets-notes", "encoder-bench", "train-step-bench", "attention-forward-1024")) {
                String begin = "<!-- " + name + ":begin -->", end = "<!-- " + name + ":end -->";
                int from = old.indexOf(begin);
                int to = old.indexOf(end);
                if (from >= 0 && to > from) kept.append("\n").append(old, from, to + end.length()).append("\n");
            }
        }
        Files.writeString(md, markdown(groups, rows, jvm, numpy, longCtx, md, svg, dir) + kept);
        Files.createDirectories(svg.toAbsolutePath().getParent());
        Files.writeString(svg, svg(groups, rows));
    }

    static final String TRAIN_GROUP = "training step: text classifier (effective GFLOP/s: 3x the forward's matrix-product flops)";
    static final String TRAIN_FAST = "dojo, FloatMatmul fast path";

    /**
     * The training-step rows of scripts/bench-train-step.sh (train-step-dojo.json, train-step-torch-*.json), if
     * it ran: ms per step, and an effective GFLOP/s from the model's shape: a step is about three times the
     * forward's matrix products (the backward computes two products per forward one), which per encoder
     * layer are the in-projection 2T.E.3E, the out-projection 2T.E.E, the feed-forward 2 x 2T.E.F and attention
     * 4B.L^2.E (T = B.L tokens, padding included).
     */
    static void readTrainStep(ObjectMapper om, Path dir, List<Row> rows) throws IOException {
        Path ours = dir.resolve("train-step-dojo.json");
        if (!Files.exists(ours)) return;
        JsonNode d = om.readTree(ours.toFile()), c = d.path("config");
        double b = c.path("batch").asInt(), l = c.path("length").asInt(), e = c.path("embed").asInt(), f = c.path("feedforward").asInt();
        double t = b * l, perLayer = 2 * t * e * 3 * e + 2 * t * e * e + 2 * 2 * t * e * f + 4 * b * l * l * e;
        double stepFlops = 3 * perLayer * c.path("layers").asInt();
        for (JsonNode r : d.path("results")) {
            String mode = r.path("mode").asText();
            String label = mode.equals("float_matmul") ? TRAIN_FAST : "dojo, double (the default)";
            double ms = r.path("median_ms").asDouble();
            rows.add(new Row("train", 0, label, ms, r.path("mean_ms").asDouble(), 0, stepFlops / (ms * 1e6), null));
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path tf : files.filter(x -> x.getFileName().toString().matches("train-step-torch-[a-z]+\\.json")).sorted().toList()) {
                JsonNode tj = om.readTree(tf.toFile());
                for (JsonNode r : tj.path("results")) {
                    // short enough for the chart's label column: the full setup is in the training-step section
                    String blas = tj.path("label").asText();
                    String shortBlas = blas.startsWith("OpenBLAS") ? blas.replaceAll(",.*", "")
                            : blas.startsWith("Netlib") ? "reference BLAS" : "system BLAS";
                    String label = "PyTorch " + r.path("dtype").asText() + ", " + shortBlas;
                    double ms = r.path("median_ms").asDouble();
                    rows.add(new Row("train", 0, label, ms, r.path("mean_ms").asDouble(), 0, stepFlops / (ms * 1e6), null));
                }
            }
        }
    }

    /**
     * A PeakBench.microKernel row (Throughput mode): its GFLOP/s from the {@code flops} counter's median rate, its
     * time per operation from the median operations per second (no JMH mean and error: they are rates).
     */
    static Row kernelRow(JsonNode b, String when) {
        String threads = b.path("params").path("threads").asText();
        double opsPerSecond = median(b.path("primaryMetric").path("rawData"), b.path("primaryMetric").path("score").asDouble());
        JsonNode flops = b.path("secondaryMetrics").path("flops");
        double flopsPerSecond = median(flops.path("rawData"), flops.path("score").asDouble());
        return new Row("kernel", threadsOf(threads), "kernel_" + threads + when, 1000 / opsPerSecond, 1000 / opsPerSecond, 0, flopsPerSecond / 1e9, null);
    }

    /** Causal / non-causal time from CausalRatioBench, by n: the two alternated in one JVM, one ratio per iteration. */
    static final Map<Integer, List<Double>> PAIRED = new LinkedHashMap<>();

    /** Each measured iteration's causal time over its non-causal time (the counters are the iteration's totals), sorted. */
    static List<Double> pairedRatios(JsonNode b) {
        JsonNode c = b.path("secondaryMetrics").path("causalNanos").path("rawData"), f = b.path("secondaryMetrics").path("fullNanos").path("rawData");
        List<Double> r = new ArrayList<>();
        for (int fork = 0; fork < c.size(); fork++) {
            for (int i = 0; i < c.get(fork).size(); i++) r.add(c.get(fork).get(i).asDouble() / f.get(fork).get(i).asDouble());
        }
        r.sort(null);
        return r;
    }

    /** Median of all measured iterations of all forks: robust to the odd iteration slowed by a neighbour. */
    static double median(JsonNode rawData, double fallback) {
        List<Double> xs = new ArrayList<>();
        for (JsonNode fork : rawData) for (JsonNode it : fork) xs.add(it.asDouble());
        if (xs.isEmpty()) return fallback;
        xs.sort(null);
        int m = xs.size() / 2;
        return xs.size() % 2 == 1 ? xs.get(m) : (xs.get(m - 1) + xs.get(m)) / 2;
    }

    /**
     * SGEMM 2n^3; attention forward 4hn^2d; backward 2.5x the forward (FlashAttention-2's count: five
     * n x n x d products instead of two); a causal contender computes n(n+1)/2 of the n^2 query-key pairs and
     * counts those (counted as n^2, its GFLOP/s read twice what it does, above the FMA ceiling at n = 4096);
     * peak: 2^28 flops per thread (n holds the thread count).
     */
    static double flops(String kind, int n, String impl) {
        double pairs = impl.endsWith("_causal") ? n * (n + 1.0) / 2 : n * (double) n;
        return switch (kind) {
            case "sgemm" -> 2.0 * n * n * (double) n;
            case "peak" -> PEAK_FLOPS_PER_THREAD * n;
            case "backward" -> 2.5 * 4.0 * HEADS * pairs * D;
            default -> 4.0 * HEADS * pairs * D;
        };
    }

    static int threadsOf(String param) {
        return param.equals("all") ? CORES : Integer.parseInt(param);
    }

    /** Contenders that run on one thread; every other row used all cores (numpy: one BLAS thread per core). */
    static boolean singleThread(String impl) {
        return List.of("naive", "ejml", "vector_1t", "fused", "bwd_fused").contains(impl) || impl.startsWith("peak_1@")
                || impl.startsWith("kernel_1@");
    }

    /** The measured FMA ceiling (GFLOP/s) for a contender: 1-thread peak for 1-thread rows, else all cores. */
    static Optional<Double> peakFor(List<Row> rows, String impl) {
        String key = singleThread(impl) ? "peak_1" : "peak_all"; // (a "peak_1@..." row itself is single-thread)
        return rows.stream().filter(r -> r.kind().equals("peak") && r.impl().startsWith(key + "@")).map(Row::gflops).max(Double::compare);
    }

    static String ofPeak(List<Row> rows, Row r) {
        return peakFor(rows, r.impl()).map(p -> String.format(Locale.ROOT, "%.0f%%", 100 * r.gflops() / p)).orElse("");
    }

    static Map<String, List<Row>> group(List<Row> rows) {
        Map<String, List<Row>> g = new LinkedHashMap<>();
        List<Row> train = rows.stream().filter(r -> r.kind().equals("train")).toList();
        for (String kind : List.of("peak", "sgemm", "attention", "backward")) {
            List<String> order = kind.equals("sgemm") ? SGEMM_ORDER : kind.equals("backward") ? BWD_ORDER
                    : kind.equals("peak") ? List.of("peak_1@start", "peak_all@start", "peak_1@end", "peak_all@end",
                    "kernel_1@start", "kernel_all@start", "kernel_1@end", "kernel_all@end")
                    : ATTN_ORDER;
            if (kind.equals("peak")) {
                List<Row> list = new ArrayList<>(rows.stream().filter(r -> r.kind().equals("peak") || r.kind().equals("kernel")).toList());
                list.sort((a, b) -> Integer.compare(rank(order, a.impl()), rank(order, b.impl())));
                if (!list.isEmpty()) g.put("FMA ceiling (measured)", list);
                continue;
            }
            rows.stream().filter(r -> r.kind().equals(kind)).mapToInt(Row::n).distinct().sorted().forEach(n -> {
                List<Row> list = new ArrayList<>(rows.stream().filter(r -> r.kind().equals(kind) && r.n() == n).toList());
                list.sort((a, b) -> Integer.compare(rank(order, a.impl()), rank(order, b.impl())));
                g.put(kind.equals("sgemm") ? "SGEMM n = " + n : kind.equals("backward")
                        ? "attention backward h = 8, d = 64, n = " + n : "attention h = 8, d = 64, n = " + n, list);
            });
        }
        if (!train.isEmpty()) g.put(TRAIN_GROUP, train);
        return g;
    }

    static int rank(List<String> order, String impl) {
        int i = order.indexOf(impl);
        return i < 0 ? order.size() : i;
    }

    static Optional<Row> find(List<Row> rows, String kind, int n, String impl) {
        return rows.stream().filter(r -> r.kind().equals(kind) && r.n() == n && r.impl().equals(impl)).findFirst();
    }

    static String markdown(Map<String, List<Row>> groups, List<Row> rows, String jvm, String numpy, JsonNode longCtx, Path md, Path svg, Path dir) {
        StringBuilder sb = new StringBuilder();
        sb.append("# Benchmarks\n\n");
        sb.append("Generated by `scripts/bench.sh` (JMH, `-rf json`; numpy via `scripts/bench_numpy.py`; the training step via ")
          .append("`scripts/bench-train-step.sh`). ")
          .append("Machine: ").append(cpu()).append(", ").append(Runtime.getRuntime().availableProcessors()).append(" cores; ")
          .append(jvm).append(numpy == null ? "; numpy not available" : "; " + numpy).append(".\n\n");
        sb.append("Times are medians: of the JMH measurement iterations (the JMH mean ± its 99.9% error is shown beside), ")
          .append("and of the numpy runs; ratios use the medians. ");
        sb.append("GFLOP/s counts 2n^3 for SGEMM, 4·h·n^2·d for attention (exp not counted) and 2.5 times that for ")
          .append("the attention backward (FlashAttention-2's convention: five n x n x d products instead of two); the causal rows count the ")
          .append("n(n+1)/2 query-key pairs a causal mask leaves of the n^2 (about half: the work they do), and have no speed-up over ")
          .append("the first row, which computes all n^2 (their time against the non-causal call's is in the targets). \"of peak\" divides by the FMA ceiling measured in the same run ")
          .append("(`PeakBench`: independent FMA chains on full vector registers, no memory traffic; the higher of two runs, one at ")
          .append("the start and one at the end): 1-thread rows by the 1-thread peak, the others by the all-cores peak. ")
          .append("The machine is shared: compare ratios within this run.")
          .append(load(dir)).append("\n\n");
        peakFor(rows, "peak_1@").ifPresent(p1 -> peakFor(rows, "peak_all").ifPresent(pa -> sb.append(String.format(Locale.ROOT,
                "Measured FMA ceiling: %.1f GFLOP/s on one thread, %.1f GFLOP/s on all %d cores.%n%n", p1, pa, CORES)
                + (pa < 0.75 * CORES * p1 ? String.format(Locale.ROOT, "**Warning: the all-cores ceiling is only %.2fx the "
                + "1-thread one (expected about %dx): other processes held the cores during this run, so every all-cores "
                + "figure, its fraction of peak and the \"met\" marks built on it are distorted (a fraction above 100%% is "
                + "the clearest sign). Compare rows measured at the same time, and rerun on a quiet machine for the "
                + "targets.**%n%n", pa / p1, CORES) : ""))));
        sb.append("![GFLOP/s, log scale](").append(relative(md, svg)).append(")\n\n");
        sb.append("## Targets\n\n| target | measured | met |\n| --- | --- | --- |\n");
        for (int n : new int[] {1024, 2048}) {
            ratio(sb, "SGEMM all cores vs numpy/OpenBLAS, n = " + n + " (>= 1.2x)", rows, "sgemm", n, "numpy", "vector_all", 1.2);
            fraction(sb, "SGEMM all cores, n = " + n + ", of the FMA ceiling (>= 70%)", rows, "sgemm", n, "vector_all", 0.70);
            ratio(sb, "SGEMM all cores vs EJML, n = " + n + " (>= 20x)", rows, "sgemm", n, "ejml", "vector_all", 20.0);
            ratio(sb, "SGEMM all cores vs EJML MT, n = " + n + " (>= 20x)", rows, "sgemm", n, "ejml_mt", "vector_all", 20.0);
        }
        // not a target: what the SGEMM's micro-kernel reaches with nothing to wait for (the higher of its two runs, as
        // for the peak), the most the SGEMM can reach
        rows.stream().filter(r -> r.kind().equals("kernel") && r.impl().startsWith("kernel_all@")).max((x, y) -> Double.compare(x.gflops(), y.gflops()))
                .ifPresent(k -> peakFor(rows, "kernel_all").ifPresent(p -> sb.append(String.format(Locale.ROOT,
                "| (bound, not a target) SGEMM micro-kernel all cores, operands in L1, of the FMA ceiling | %.1f%% (%.1f of %.1f GFLOP/s) | |%n",
                100 * k.gflops() / p, k.gflops(), p))));
        for (int n : new int[] {4096, 1024}) {
            ratio(sb, "fused attention (all cores) vs numpy materialised (textbook), n = " + n + " (>= 6x)", rows, "attention", n, "numpy_materialised", "fused_parallel", 6.0);
            ratio(sb, "fused attention (all cores) vs numpy materialised (in-place softmax), n = " + n + " (>= 6x)", rows, "attention", n, "numpy_materialised_inplace", "fused_parallel", 6.0);
            fraction(sb, "fused attention all cores, n = " + n + ", of the FMA ceiling (>= 60%)", rows, "attention", n, "fused_parallel", 0.60);
            fraction(sb, "fused attention backward all cores, n = " + n + ", of the FMA ceiling (>= 40%)", rows, "backward", n, "bwd_fused_parallel", 0.40);
            ratio(sb, "fused attention backward (all cores) vs numpy materialised backward, n = " + n, rows, "backward", n,
                    "numpy_materialised_backward", "bwd_fused_parallel", 1.0);
            Optional<Row> c = find(rows, "attention", n, "fused_causal"), f = find(rows, "attention", n, "fused_parallel");
            List<Double> paired = PAIRED.get(n);
            if (paired != null && !paired.isEmpty()) {
                // the target's measurement: both calls at the same moments (AttentionBench's rows are minutes apart)
                int m = paired.size() / 2;
                double r = paired.size() % 2 == 1 ? paired.get(m) : (paired.get(m - 1) + paired.get(m)) / 2;
                String separate = c.isPresent() && f.isPresent() ? String.format(Locale.ROOT, "; from the two separate runs below: %.2fx",
                        c.get().ms() / f.get().ms()) : "";
                sb.append(String.format(Locale.ROOT, "| causal / non-causal time, n = %d, alternated in one JVM (<= 0.55x) | %.2fx "
                        + "(median of %d iterations, %.2f-%.2f%s) | %s |%n", n, r, paired.size(), paired.get(0),
                        paired.get(paired.size() - 1), separate, r <= 0.55 ? "yes" : "no"));
            } else if (c.isPresent() && f.isPresent()) {
                double r = c.get().ms() / f.get().ms();
                sb.append(String.format(Locale.ROOT, "| causal / non-causal time, n = %d (<= 0.55x) | %.2fx | %s |%n", n, r, r <= 0.55 ? "yes" : "no"));
            }
        }
        Optional<Row> fast = rows.stream().filter(r -> r.kind().equals("train") && r.impl().startsWith(TRAIN_FAST)).findFirst();
        for (Row t : rows.stream().filter(r -> r.kind().equals("train") && r.impl().startsWith("PyTorch") && r.impl().contains("float32")).toList()) {
            if (fast.isEmpty()) break;
            double r = t.ms() / fast.get().ms();
            sb.append(String.format(Locale.ROOT, "| training step (text classifier), dojo fast path vs %s (>= 1.5x) | %.2fx (%s vs %s ms) | %s |%n",
                    t.impl(), r, num(fast.get().ms()), num(t.ms()), r >= 1.5 ? "yes" : "no"));
        }
        if (longCtx != null) {
            JsonNode l = longCtx.path("longContext");
            boolean ok = l.path("finite").asBoolean() && l.path("maxHeapBytes").asLong() <= (256L << 20) * 105 / 100;
            sb.append(String.format(Locale.ROOT, "| one head at n = %d within -Xmx256m | %.0f ms, heap %d MiB vs a %d MiB score matrix | %s |%n",
                    l.path("n").asInt(), l.path("millis").asDouble(), l.path("maxHeapBytes").asLong() >> 20,
                    l.path("scoreMatrixBytes").asLong() >> 20, ok ? "yes" : "no"));
        }
        for (Map.Entry<String, List<Row>> e : groups.entrySet()) {
            sb.append("\n## ").append(e.getKey()).append("\n\n");
            boolean alloc = e.getValue().stream().anyMatch(r -> r.allocBytes() != null);
            sb.append("| contender | median ms/op | JMH mean ± error | GFLOP/s | of peak | speed-up vs first row |").append(alloc ? " alloc/op |" : "").append('\n');
            sb.append("| --- | ---: | ---: | ---: | ---: | ---: |").append(alloc ? " ---: |" : "").append('\n');
            Row first = e.getValue().get(0);
            for (Row r : e.getValue()) {
                // a speed-up only between rows timing the same operation
                // (the micro-kernel rows time another one, the causal rows about half the work of the first row)
                boolean sameOp = r.kind().equals(first.kind()) && r.impl().endsWith("_causal") == first.impl().endsWith("_causal");
                String speedUp = sameOp ? String.format(Locale.ROOT, "%.1fx", first.ms() / r.ms()) : "";
                sb.append(String.format(Locale.ROOT, "| %s | %s | %s | %.1f | %s | %s |", label(r.impl()),
                        num(r.ms()), r.err() == 0 ? "" : num(r.mean()) + " ± " + num(r.err()), r.gflops(), ofPeak(rows, r), speedUp));
                if (alloc) sb.append(' ').append(r.allocBytes() == null ? "" : bytes(r.allocBytes())).append(" |");
                sb.append('\n');
            }
        }
        return sb.toString();
    }

    static void ratio(StringBuilder sb, String what, List<Row> rows, String kind, int n, String baseline, String ours, double target) {
        Optional<Row> b = find(rows, kind, n, baseline), o = find(rows, kind, n, ours);
        if (b.isEmpty() || o.isEmpty()) return;
        double r = b.get().ms() / o.get().ms();
        sb.append(String.format(Locale.ROOT, "| %s | %.2fx (%s vs %s ms) | %s |%n", what, r, num(o.get().ms()), num(b.get().ms()),
                r >= target ? "yes" : "no"));
    }

    static void fraction(StringBuilder sb, String what, List<Row> rows, String kind, int n, String ours, double target) {
        Optional<Row> o = find(rows, kind, n, ours);
        Optional<Double> p = peakFor(rows, ours);
        if (o.isEmpty() || p.isEmpty()) return;
        double f = o.get().gflops() / p.get();
        // one decimal: at a threshold, "60%" next to "no" would read as a contradiction
        sb.append(String.format(Locale.ROOT, "| %s | %.1f%% (%.1f of %.1f GFLOP/s) | %s |%n", what, 100 * f, o.get().gflops(), p.get(),
                f >= target ? "yes" : "no"));
    }

    static String label(String impl) {
        int at = impl.indexOf('@');
        if (at < 0) return LABEL.getOrDefault(impl, impl);
        return LABEL.getOrDefault(impl.substring(0, at), impl) + " (" + impl.substring(at + 1) + " of the run)";
    }

    static String num(double ms) {
        return ms >= 100 ? String.format(Locale.ROOT, "%.0f", ms) : ms >= 10 ? String.format(Locale.ROOT, "%.1f", ms)
                : ms >= 1 ? String.format(Locale.ROOT, "%.2f", ms) : String.format(Locale.ROOT, "%.3f", ms);
    }

    static String bytes(double b) {
        return b >= 1 << 20 ? String.format(Locale.ROOT, "%.1f MiB", b / (1 << 20)) : b >= 1024
                ? String.format(Locale.ROOT, "%.1f KiB", b / 1024) : String.format(Locale.ROOT, "%.0f B", b);
    }

    static String relative(Path from, Path to) {
        return from.toAbsolutePath().getParent().relativize(to.toAbsolutePath()).toString();
    }

    /** The load averages when the table is written (end of the run): above ~2, other work competed for 2 cores. */
    static String load(Path dir) {
        try {
            // the end of the measurements (bench.sh writes load-end.txt before the chart), else now
            Path e = dir.resolve("load-end.txt");
            String[] f = Files.readString(Files.exists(e) ? e : Path.of("/proc/loadavg")).trim().split("\\s+");
            String start = "";
            Path s = dir.resolve("load-start.txt");
            if (Files.exists(s)) {
                String[] g = Files.readString(s).trim().split("\\s+");
                start = " Load average (1, 5, 15 min) when the run started: " + g[0] + ", " + g[1] + ", " + g[2] + ";";
            }
            return start + " Load average (1, 5, 15 min) when the run ended: " + f[0] + ", " + f[1] + ", " + f[2]
                    + "; above the core count, other processes were competing and multi-threaded rows suffer most.";
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /** ", family 25 model 17" from /proc/cpuinfo: identifies the core generation when the name is generic (VMs). */
    static String family() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            List<String> l = lines.filter(x -> x.startsWith("cpu family") || x.startsWith("model\t")).limit(2)
                    .map(x -> x.substring(x.indexOf(':') + 1).trim()).toList();
            return l.size() == 2 ? ", family " + l.get(0) + " model " + l.get(1) : "";
        } catch (IOException e) {
            return "";
        }
    }

    static String cpu() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(l -> l.startsWith("model name")).findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown CPU")
                    + family() + (Files.readString(Path.of("/proc/cpuinfo")).contains("avx512f") ? " (AVX-512)" : "");
        } catch (IOException e) {
            return "unknown CPU";
        }
    }

    // ---- SVG: one panel per group, horizontal bars, log10 GFLOP/s from 0.5 to 500 ----

    static String svg(Map<String, List<Row>> groups, List<Row> rows) {
        int width = 1140, labelW = 360, barW = 540, barH = 16, gap = 4, top = 40;   // room after the longest bar (~500 GFLOP/s) for its "x (y ms, z% of peak)" label
        double lo = Math.log10(0.5), hi = Math.log10(500);
        int height = top + 30;
        for (List<Row> g : groups.values()) height += 24 + g.size() * (barH + gap) + 10;
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"12\">%n", width, height));
        s.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", width, height));
        s.append("<text x=\"10\" y=\"22\" font-size=\"16\" font-weight=\"bold\">GFLOP/s (log scale; longer is faster)</text>\n");
        for (double tick : new double[] {1, 10, 100}) {
            double x = labelW + (Math.log10(tick) - lo) / (hi - lo) * barW;
            s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ccc\"/>%n", x, top, x, height - 20));
            s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" fill=\"#666\">%s</text>%n", x, height - 6, (int) tick));
        }
        int y = top;
        for (Map.Entry<String, List<Row>> e : groups.entrySet()) {
            y += 16;
            s.append(String.format(Locale.ROOT, "<text x=\"10\" y=\"%d\" font-weight=\"bold\">%s</text>%n", y, esc(e.getKey())));
            y += 8;
            for (Row r : e.getValue()) {
                double len = Math.max(2, (Math.log10(Math.max(r.gflops(), 0.5)) - lo) / (hi - lo) * barW);
                s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>%n", labelW - 8, y + barH - 4,
                        esc(label(r.impl()))));
                s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>%n", labelW, y, len, barH, color(r.impl())));
                String peak = r.kind().equals("peak") ? "" : ofPeak(rows, r);
                s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\">%.1f (%s ms%s)</text>%n", labelW + len + 4, y + barH - 4,
                        r.gflops(), num(r.ms()), peak.isEmpty() ? "" : ", " + peak + " of peak"));
                y += barH + gap;
            }
            y += 10;
        }
        return s.append("</svg>\n").toString();
    }

    static String color(String impl) {
        if (impl.startsWith("numpy") || impl.startsWith("PyTorch")) return "#4e79a7";
        if (impl.startsWith("ejml")) return "#f28e2b";
        if (impl.equals("naive")) return "#9c9c9c";
        if (impl.startsWith("peak")) return "#e15759";
        return "#59a14f";
    }

    static String esc(String x) {
        return x.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
