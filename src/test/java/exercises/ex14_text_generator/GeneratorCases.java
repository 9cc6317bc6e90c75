package exercises.ex14_text_generator;

import dojo.exercise.api.KvCache;
import dojo.exercise.api.TextGeneratorConfig;
import dojo.exercise.api.TextGeneratorExercise;
import dojo.exercise.api.TextGeneratorModel;
import dojo.tensor.Generator;
import dojo.tensor.Tensor;
import exercises.ex06_softmax_xent_backward.TensorFixture;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Shared fixtures of the ex14 suites: the PyTorch golden file (scripts/golden/ex14_text_generator.py) and small helpers. */
final class GeneratorCases {

    static final String ID = "ex14_text_generator";
    static final TensorFixture GOLDEN = TensorFixture.load(ID, "golden.safetensors");

    private GeneratorCases() {
    }

    /** The sizes stored with a golden case. */
    static TextGeneratorConfig config(TensorFixture f, String c) {
        return new TextGeneratorConfig((int) f.number(c, "config.vocab"), (int) f.number(c, "config.max_len"),
                (int) f.number(c, "config.d"), (int) f.number(c, "config.heads"), (int) f.number(c, "config.ff"),
                (int) f.number(c, "config.layers"));
    }

    /** PyTorch's state_dict names of the module in TextGeneratorModel's javadoc, in PyTorch's order. */
    static List<String> stateDictNames(int layers) {
        List<String> out = new ArrayList<>(List.of("tok_emb.weight", "pos_emb.weight"));
        for (int i = 0; i < layers; i++) {
            for (String n : List.of("ln1.weight", "ln1.bias", "attn.in_proj_weight", "attn.in_proj_bias", "attn.out_proj.weight",
                    "attn.out_proj.bias", "ln2.weight", "ln2.bias", "fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias")) {
                out.add("blocks." + i + "." + n);
            }
        }
        out.addAll(List.of("ln_f.weight", "ln_f.bias", "head.weight"));
        return out;
    }

    /** The golden weights of case c by state_dict name (fresh tensors). */
    static Map<String, Tensor> weights(TensorFixture f, String c, int layers) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (String n : stateDictNames(layers)) out.put(n, f.get(c, n));
        return out;
    }

    /** A learner model built for case c with PyTorch's weights loaded strictly. */
    static TextGeneratorModel loaded(TextGeneratorExercise ex, TensorFixture f, String c) {
        TextGeneratorConfig cfg = config(f, c);
        TextGeneratorModel m = ex.build(cfg, new Generator(1));
        m.loadStateDict(weights(f, c, cfg.numLayers()), true);
        return m;
    }

    /** ids [rows][n] from a flat golden id tensor. */
    static int[][] ids(TensorFixture f, String c, String name, int rows) {
        int[] flat = f.ints(c, name);
        int n = flat.length / rows;
        int[][] out = new int[rows][n];
        for (int r = 0; r < rows; r++) System.arraycopy(flat, r * n, out[r], 0, n);
        return out;
    }

    /** Random ids in 0..vocab-1. */
    static int[][] randomIds(long seed, int rows, int n, int vocab) {
        Generator g = new Generator(seed);
        int[][] out = new int[rows][n];
        for (int[] row : out) for (int t = 0; t < n; t++) row[t] = g.nextInt(vocab);
        return out;
    }

    /** Column t of ids. */
    static int[] column(int[][] ids, int t) {
        int[] out = new int[ids.length];
        for (int i = 0; i < ids.length; i++) out[i] = ids[i][t];
        return out;
    }

    /** The logits of every step [B, L, V] when ids are fed one column at a time through a fresh cache. */
    static Tensor cachedLogits(TextGeneratorModel m, int[][] ids) {
        KvCache cache = m.newCache(ids.length);
        List<Tensor> rows = new ArrayList<>();
        for (int t = 0; t < ids[0].length; t++) rows.add(m.step(cache, column(ids, t)).unsqueeze(1));
        return Tensor.cat(rows, 1);
    }

    /** A state dict read from a safetensors file on the test classpath (F32 becomes double exactly). */
    static Map<String, Tensor> stateDictResource(String file) {
        return TensorFixture.stateDict(ID, file);
    }

    /** Logits whose softmax is exactly the given probabilities (natural logs). */
    static Tensor logitsOf(double[]... probabilities) {
        int v = probabilities[0].length;
        double[] out = new double[probabilities.length * v];
        for (int b = 0; b < probabilities.length; b++) {
            for (int i = 0; i < v; i++) out[b * v + i] = Math.log(probabilities[b][i]);
        }
        return Tensor.of(out, probabilities.length, v);
    }
}
