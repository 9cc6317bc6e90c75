package dojo.bench;

import dojo.models.TextClassification;
import dojo.exercise.api.TextClassifierConfig;
import dojo.exercise.api.TextClassifierExercise;
import dojo.models.ExerciseModels;
import dojo.models.TextClassifierExperiment;
import dojo.models.data.TextExample;
import dojo.optim.Adam;
import dojo.tensor.FloatMatmul;
import dojo.tensor.Generator;
import dojo.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * One training step of the reference text classifier (the solution of exercise ex11_text_classifier, compiled from solutions/: embedding +
 * learned positions + 2 post-norm encoder layers with a key-padding mask + masked mean + linear head):
 * zero the gradients, forward, cross-entropy, backward, AdamW step, exactly what {@code Trainer} does per
 * step. The same model and batch in PyTorch is {@code scripts/bench_train_step.py};
 * {@code scripts/bench-train-step.sh} runs both in one run.
 *
 * <p>A plain harness (warmup steps, then timed steps, median), not JMH: a step takes tens of
 * milliseconds and the PyTorch side is timed the same way.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp ... dojo.bench.TrainStepBench [--batch 32] [--length 64]
 *     [--embed 128] [--heads 4] [--feedforward 512] [--layers 2] [--vocab 1000] [--warmup 20] [--steps 60]
 *     [--modes double,float_matmul] [--json FILE]
 * </pre>
 */
public final class TrainStepBench {

    private TrainStepBench() {
    }

    /** The batch of scripts/bench_train_step.py: lengths L/2..L (padded on the right), deterministic tokens. */
    static List<TextExample> batch(int b, int length, int vocab) {
        List<TextExample> out = new ArrayList<>(b);
        for (int i = 0; i < b; i++) {
            int n = Math.max(1, length - (i * 7) % (length / 2 + 1));
            int[] t = new int[n];
            for (int j = 0; j < n; j++) t[j] = 1 + (131 * i + 31 * j) % (vocab - 1);
            out.add(new TextExample(t, i % 2));
        }
        return out;
    }

    public static void main(String[] args) throws IOException {
        int batch = 32, length = 64, embed = 128, heads = 4, ff = 512, layers = 2, vocab = 1000, warmup = 20, steps = 60;
        String modes = "double,float_matmul";
        String json = null;
        for (int i = 0; i < args.length; i++) {
            String v = i + 1 < args.length ? args[i + 1] : null;
            if (v == null) usage("missing value after " + args[i]);
            switch (args[i]) {
                case "--batch" -> batch = Integer.parseInt(v);
                case "--length" -> length = Integer.parseInt(v);
                case "--embed" -> embed = Integer.parseInt(v);
                case "--heads" -> heads = Integer.parseInt(v);
                case "--feedforward" -> ff = Integer.parseInt(v);
                case "--layers" -> layers = Integer.parseInt(v);
                case "--vocab" -> vocab = Integer.parseInt(v);
                case "--warmup" -> warmup = Integer.parseInt(v);
                case "--steps" -> steps = Integer.parseInt(v);
                case "--modes" -> modes = v;
                case "--json" -> json = v;
                default -> usage("unknown option " + args[i]);
            }
            i++;
        }
        List<TextExample> examples = batch(batch, length, vocab);
        var reference = (TextClassifierExercise) ExerciseModels.fromTree(Path.of("").toAbsolutePath(), "solutions",
                TextClassifierExperiment.EXERCISE).implementation();
        StringBuilder results = new StringBuilder();
        for (String mode : modes.split(",")) {
            if (!mode.equals("double") && !mode.equals("float_matmul")) usage("unknown mode " + mode);
            var model = reference.build(new TextClassifierConfig(vocab, embed, heads, ff, layers, length, 2), new Generator(0));
            model.train();
            TextClassification objective = new TextClassification(model);
            Adam opt = Adam.adamW(model.parameters(), 1e-3, 0.9, 0.999, 1e-8, 0.01);
            double[] times = new double[steps];
            double loss = Double.NaN;
            try (FloatMatmul fast = mode.equals("float_matmul") ? FloatMatmul.enable() : null) {
                for (int s = 0; s < warmup + steps; s++) {
                    long t0 = System.nanoTime();
                    opt.zeroGrad();
                    Tensor l = objective.loss(examples);
                    l.backward();
                    opt.step();
                    loss = l.item();
                    long t1 = System.nanoTime();
                    if (s >= warmup) times[s - warmup] = (t1 - t0) / 1e6;
                }
            }
            double[] sorted = times.clone();
            Arrays.sort(sorted);
            double median = steps % 2 == 1 ? sorted[steps / 2] : (sorted[steps / 2 - 1] + sorted[steps / 2]) / 2;
            double mean = Arrays.stream(times).average().orElse(Double.NaN);
            System.out.printf(Locale.ROOT, "dojo %s: median %.2f ms, min %.2f ms, mean %.2f ms over %d steps (last loss %.4f)%n",
                    mode, median, sorted[0], mean, steps, loss);
            if (results.length() > 0) results.append(",\n");
            results.append(String.format(Locale.ROOT,
                    "  {\"mode\": \"%s\", \"median_ms\": %.4f, \"min_ms\": %.4f, \"mean_ms\": %.4f, \"steps\": %d}",
                    mode, median, sorted[0], mean, steps));
        }
        if (json != null) {
            String config = String.format(Locale.ROOT,
                    "{\"batch\": %d, \"length\": %d, \"embed\": %d, \"heads\": %d, \"feedforward\": %d, \"layers\": %d, \"vocab\": %d, \"warmup\": %d}",
                    batch, length, embed, heads, ff, layers, vocab, warmup);
            Files.writeString(Path.of(json), "{\"threads\": " + Runtime.getRuntime().availableProcessors()
                    + ", \"config\": " + config + ",\n \"results\": [\n" + results + "\n ]}\n");
        }
    }

    private static void usage(String problem) {
        System.err.println("TrainStepBench: " + problem);
        System.exit(2);
    }
}
