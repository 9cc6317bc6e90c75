package dojo.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dojo.DojoException;
import dojo.io.DType;
import dojo.exercise.api.NotImplementedYet;
import dojo.kernels.Backend;
import dojo.kernels.JitCheck;
import dojo.models.Experiment;
import dojo.models.ExerciseModels;
import dojo.models.TrainResult;
import dojo.nn.Module;
import dojo.models.ExperimentCatalog;
import dojo.models.TrainConfig;
import dojo.models.report.CurveSvg;
import dojo.nn.StateDicts;
import dojo.tensor.FloatMatmul;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code dojo train <model>}: trains a seed model and its no-attention baseline, writes curve and checkpoints. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train a seed model on its generated dataset beside a no-attention baseline (same recipe).",
                "Writes curve.svg, safetensors checkpoints (PyTorch state_dict names) and result.json.",
                "Exit 0 when the test metric meets the target, 1 when not."},
        footer = {"", "Models: ${sys:dojo.models}", "",
                "Examples:",
                "  ./dojo train text-classifier          the reference model, default recipe",
                "  ./dojo train text-classifier --tree exercises   yours (exercise ex11)",
                "  ./dojo train text-classifier --seed 3 --steps 500 --out /tmp/run"})
public final class TrainCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "MODEL", description = "Which model (see the list below), or its exercise id (ex11_text_classifier).")
    String model;

    @Option(names = "--list", description = "Print the models, one per line, and exit.")
    boolean list;

    @Option(names = "--tree", paramLabel = "TREE", defaultValue = "solutions",
            description = "solutions (the reference model) or exercises (yours, from the exercise named in the list). Default: ${DEFAULT-VALUE}.")
    String tree;

    @Option(names = "--seed", paramLabel = "N", description = "Seed for initialisation and batch order (the dataset is fixed). Default: the recipe's.")
    Long seed;

    @Option(names = "--steps", paramLabel = "N", description = "At most N optimizer steps (the run stops early at the target). Default: the recipe's.")
    Integer steps;

    @Option(names = "--out", paramLabel = "DIR", description = "Where to write curve.svg, model.safetensors, baseline.safetensors, result.json. Default: target/train/MODEL in the project.")
    Path outDir;

    @Option(names = "--no-baseline", description = "Skip the baseline run.")
    boolean noBaseline;

    @Option(names = "--float", description = "Train in float32 on the SIMD kernels, as PyTorch does by default: large products on SGEMM, "
            + "each encoder layer one fused float operation (dojo.tensor.FloatMatmul). Faster; the last digits differ from the default "
            + "double run, which the golden tests and the graded exercises use.")
    boolean useFloat;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        ExperimentCatalog catalog = ExperimentCatalog.standard();
        if (list) {
            catalog.names().forEach(out::println);
            out.flush();
            return 0;
        }
        if (model == null) throw DojoException.badInput("which model? one of: " + String.join(", ", catalog.names()) + " (./dojo train --list)");
        Experiment exp = catalog.find(model).orElseThrow(() -> DojoException.badInput(
                "unknown model '" + model + "'; models: " + String.join(", ", catalog.names())));
        if (!tree.equals("solutions") && !tree.equals("exercises")) {
            throw DojoException.badInput("--tree must be 'solutions' or 'exercises', was '" + tree + "'");
        }
        if (steps != null && steps < 1) throw DojoException.badInput("--steps must be at least 1, was " + steps);
        TrainConfig cfg = exp.defaultConfig();
        if (seed != null) cfg = cfg.withSeed(seed);
        if (steps != null) cfg = cfg.withSteps(steps);
        Path dir = outDir != null ? outDir : ProjectPaths.projectDir().resolve("target").resolve("train").resolve(model);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw DojoException.badInput(dir + ": cannot create the output directory (" + e.getMessage() + ")");
        }
        boolean terminal = dojo.terminal.TerminalIO.redrawableTerminal();
        out.printf(Locale.ROOT, "%s: %s%n", exp.name(), exp.summary());
        out.printf(Locale.ROOT, "recipe: AdamW lr %s, batch %d, at most %d steps, early exit at validation %s >= %s, seed %d, %s%n",
                cfg.lr(), cfg.batchSize(), cfg.maxSteps(), exp.metricName(), cfg.target(), cfg.seed(),
                useFloat ? "float32 (--float)" : "float64");
        out.flush();
        String jitNote = useFloat ? JitCheck.note(Backend.best()) : null;
        if (jitNote != null) {
            spec.commandLine().getErr().println("dojo: note: " + jitNote);
            spec.commandLine().getErr().flush();
        }
        Clock clock = Clock.systemUTC();
        TrainProgressPrinter progress = new TrainProgressPrinter(out, terminal, exp.metricName());
        String who = tree.equals("solutions") ? "reference" : "your model";
        Trained ref;
        Trained base = null;
        Map<String, Double> refBreakdown;
        Map<String, Double> baseBreakdown;
        try (FloatMatmul fast = useFloat ? FloatMatmul.enable() : null; ExerciseModels.Loaded impl = loadImplementation(exp)) {
            Module net = buildModel(exp, impl.implementation(), cfg.seed());
            out.printf(Locale.ROOT, "%s (%s, %s/%s, %,d parameters):%n", who, exp.exerciseId(), tree, exp.exerciseId(), net.parameterCount());
            out.flush();
            ref = new Trained(tree.equals("solutions") ? "transformer (reference)" : "transformer (yours)", net,
                    trainModel(exp, net, cfg, clock, progress));
            progress.finish();
            if (!noBaseline) {
                out.println("baseline (no attention), same recipe, no early exit:");
                Module b = exp.buildBaseline(cfg.seed());
                base = new Trained(exp.baselineLabel(), b, exp.train(b, cfg.withoutEarlyExit(), clock, progress));
                progress.finish();
            }
            refBreakdown = exp.testBreakdown(ref.model());
            baseBreakdown = base == null ? Map.of() : exp.testBreakdown(base.model());
        }
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        int cores = Runtime.getRuntime().availableProcessors();

        List<CurveSvg.Series> series = base == null ? List.of(new CurveSvg.Series(ref.label(), ref.result()))
                : List.of(new CurveSvg.Series(ref.label(), ref.result()), new CurveSvg.Series(base.label(), base.result()));
        Files.writeString(dir.resolve("curve.svg"), CurveSvg.render(exp.name() + ": " + exp.summary(), exp.metricName(), exp.target(), series));
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", "pt");
        meta.put("model", exp.name());
        meta.put("seed", Long.toString(cfg.seed()));
        meta.put("steps", Integer.toString(ref.result().steps()));
        meta.put("test_" + exp.metricName(), Double.toString(ref.result().test()));
        StateDicts.write(ref.model().stateDict(), dir.resolve("model.safetensors"), DType.F32, meta);
        if (base != null) {
            StateDicts.write(base.model().stateDict(), dir.resolve("baseline.safetensors"), DType.F32,
                    new java.util.TreeMap<>(Map.of("format", "pt", "model", exp.name() + "-baseline")));   // a fixed key order: bit-identical reruns
        }
        boolean met = ref.result().test() >= exp.target();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("model", exp.name());
        json.put("tree", tree);
        json.put("metric", exp.metricName());
        json.put("target", exp.target());
        json.put("met", met);
        json.put("reference", withBreakdown(summary(ref), refBreakdown));
        if (base != null) json.put("baseline", withBreakdown(summary(base), baseBreakdown));
        json.put("seed", cfg.seed());
        json.put("precision", useFloat ? "float32" : "float64");
        json.put("cores", cores);
        json.put("loadAverage", load);
        json.put("processCpuSeconds", cpuSeconds());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(dir.resolve("result.json").toFile(), json);

        out.println();
        out.printf(Locale.ROOT, "%-10s test %s %.4f  (target >= %s: %s)  %d steps, %.1f s%n", who, exp.metricName(), ref.result().test(),
                exp.target(), met ? "met" : "NOT met", ref.result().steps(), ref.result().elapsed().toMillis() / 1000.0);
        printBreakdown(out, refBreakdown);
        if (base != null) {
            out.printf(Locale.ROOT, "baseline   test %s %.4f  %d steps, %.1f s%n", exp.metricName(), base.result().test(),
                    base.result().steps(), base.result().elapsed().toMillis() / 1000.0);
            printBreakdown(out, baseBreakdown);
            out.printf(Locale.ROOT, "attention adds %+.4f %s over the baseline%n", ref.result().test() - base.result().test(), exp.metricName());
        }
        out.printf(Locale.ROOT, "machine: %d cores, load average %.2f; this process used %.1f s of CPU%n", cores, load, cpuSeconds());
        out.println("wrote " + dir.resolve("curve.svg") + ", " + dir.resolve("model.safetensors")
                + (base != null ? ", " + dir.resolve("baseline.safetensors") : "") + ", " + dir.resolve("result.json"));
        out.flush();
        return met ? 0 : DojoException.CHECK_FAILED;
    }

    /** A trained model and how its run went. */
    private record Trained(String label, Module model, TrainResult result) {
    }

    private ExerciseModels.Loaded loadImplementation(Experiment exp) {
        try {
            return ExerciseModels.fromTree(ProjectPaths.projectDir(), tree, exp.exerciseId());
        } catch (ExerciseModels.NotLoadable e) {
            throw DojoException.badInput(e.getMessage() + (tree.equals("exercises")
                    ? System.lineSeparator() + "(grade it with ./dojo grade " + exp.exerciseId() + "; train the reference with --tree solutions)" : ""));
        }
    }

    private Module buildModel(Experiment exp, Object implementation, long seed) {
        try {
            return exp.build(implementation, seed);
        } catch (NotImplementedYet e) {
            throw DojoException.badInput(exp.exerciseId() + " in " + tree + "/ is not started yet (it throws NotImplementedYet); "
                    + "see exercises/" + exp.exerciseId() + "/README.md");
        } catch (RuntimeException e) {
            throw DojoException.badInput("building your " + exp.name() + " failed: " + oneLine(e));
        }
    }

    private TrainResult trainModel(Experiment exp, Module net, TrainConfig cfg, Clock clock, TrainProgressPrinter progress) {
        try {
            return exp.train(net, cfg, clock, progress);
        } catch (NotImplementedYet e) {
            throw DojoException.badInput(exp.exerciseId() + " in " + tree + "/ is not finished (a method throws NotImplementedYet)");
        } catch (RuntimeException e) {
            if (tree.equals("solutions")) throw e;
            throw DojoException.badInput("training your " + exp.name() + " failed: " + oneLine(e) + " (./dojo grade " + exp.exerciseId() + " tests it piece by piece)");
        }
    }

    private static String oneLine(Throwable e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null ? "" : ": " + m.lines().findFirst().orElse(""));
    }

    /** "           task A accuracy 0.9625, task B accuracy 1.0000" under a result line, when the experiment has a breakdown. */
    private static void printBreakdown(PrintWriter out, Map<String, Double> breakdown) {
        if (breakdown.isEmpty()) return;
        List<String> parts = new java.util.ArrayList<>();
        breakdown.forEach((k, v) -> parts.add(String.format(Locale.ROOT, "%s %.4f", k, v)));
        out.println("           " + String.join(", ", parts));
    }

    private static Map<String, Object> withBreakdown(Map<String, Object> summary, Map<String, Double> breakdown) {
        if (!breakdown.isEmpty()) summary.put("testBreakdown", breakdown);
        return summary;
    }

    private static Map<String, Object> summary(Trained t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("label", t.label());
        m.put("parameters", t.model().parameterCount());
        m.put("steps", t.result().steps());
        m.put("reachedValidationTarget", t.result().reachedTarget());
        m.put("validation", t.result().validation());
        m.put("test", t.result().test());
        m.put("seconds", t.result().elapsed().toMillis() / 1000.0);
        return m;
    }

    /** CPU time of this JVM so far (all threads), NaN where the platform does not say. */
    private static double cpuSeconds() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            long ns = os.getProcessCpuTime();
            return ns < 0 ? Double.NaN : ns / 1e9;
        }
        return Double.NaN;
    }

}
