package exercises.ex17_retriever;

import dojo.exercise.api.RetrieverConfig;
import dojo.exercise.api.RetrieverExercise;
import dojo.exercise.api.RetrieverModel;
import dojo.io.Safetensors;
import dojo.models.Retrieval;
import dojo.exercise.api.TokenBatch;
import dojo.models.data.LayoutPair;
import dojo.models.data.LayoutImage;
import dojo.models.data.LayoutCaptions;
import dojo.tensor.Autograd;
import dojo.tensor.Generator;
import dojo.tensor.Tensor;
import exercises.ex06_softmax_xent_backward.TensorFixture;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fixtures of ex17 (scripts/golden/ex17_retriever.py): the PyTorch float64 cases, the two checkpoints (trained
 * in PyTorch; trained here and loaded into PyTorch) and small helpers to build models and batches.
 */
final class RetrieverCases {
    static final String ID = "ex17_retriever";
    static final TensorFixture GOLDEN = TensorFixture.load(ID, "retriever.safetensors");
    private static final Safetensors FILE = file("retriever.safetensors");

    private RetrieverCases() {
    }

    static Safetensors file(String name) {
        String resource = "/golden/" + ID + "/" + name;
        try (InputStream in = RetrieverCases.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing fixture src/test/resources" + resource + ": run /usr/bin/python3 scripts/golden/ex17_retriever.py");
            }
            return Safetensors.parse(in.readAllBytes(), "src/test/resources" + resource);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static RetrieverConfig config(String c) {
        double[] n = GOLDEN.get(c, "config").toArray();
        return new RetrieverConfig((int) n[0], (int) n[1], (int) n[2], (int) n[3], (int) n[4], (int) n[5], (int) n[6], (int) n[7],
                (int) n[8], (int) n[9]);
    }

    /** The parameters of a golden case by state_dict name (every name that has a gradient in the file). */
    static Map<String, Tensor> weights(String c) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        String prefix = c + ".grad.";
        for (String name : FILE.names()) {
            if (name.startsWith(prefix)) {
                String key = name.substring(prefix.length());
                out.put(key, GOLDEN.get(c, key));
            }
        }
        return out;
    }

    /** A checkpoint file (F64 or F32) as a state dict. */
    static Map<String, Tensor> checkpoint(String fileName) {
        return TensorFixture.stateDict(ID, fileName);
    }

    static Tensor images(String c) {
        return GOLDEN.get(c, "images");
    }

    static TokenBatch captions(String c) {
        int[] ids = GOLDEN.ints(c, "ids");
        int[] shape = FILE.shape(c + ".ids");
        int[] labels = new int[shape[0]];
        for (int i = 0; i < labels.length; i++) labels[i] = i;
        return new TokenBatch(ids, shape[0], shape[1], labels);
    }

    /** The learner's model for a config, its weights replaced by {@code state} (strict: every name must match). */
    static RetrieverModel loaded(RetrieverExercise exercise, RetrieverConfig config, Map<String, Tensor> state) {
        RetrieverModel m = exercise.build(config, new Generator(0));
        m.loadStateDict(state, true);
        return m;
    }

    static RetrieverModel loaded(RetrieverExercise exercise, String c) {
        return loaded(exercise, config(c), weights(c));
    }

    /** A small config for behaviour tests. */
    static RetrieverConfig small() {
        return new RetrieverConfig(LayoutCaptions.VOCAB, 8, 1, 8, 4, 8, 2, 16, 1, 6);
    }

    /** Captions padded to {@code length} (ids 1..vocab-1 drawn from {@code seed}, real lengths as given). */
    static TokenBatch randomCaptions(long seed, int length, int... lengths) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        int[] ids = new int[lengths.length * length], labels = new int[lengths.length];
        for (int i = 0; i < lengths.length; i++) {
            for (int j = 0; j < lengths[i]; j++) ids[i * length + j] = 1 + r.nextInt(LayoutCaptions.VOCAB - 1);
            labels[i] = i;
        }
        return new TokenBatch(ids, lengths.length, length, labels);
    }

    /** The same captions with {@code extra} more padding columns. */
    static TokenBatch padded(TokenBatch b, int extra) {
        int len = b.length() + extra;
        int[] ids = new int[b.batch() * len];
        for (int i = 0; i < b.batch(); i++) System.arraycopy(b.ids(), i * b.length(), ids, i * len, b.length());
        return new TokenBatch(ids, b.batch(), len, b.labels());
    }

    /** Rows {@code from..from+n-1} of a batch. */
    static TokenBatch rows(TokenBatch b, int from, int n) {
        int[] ids = new int[n * b.length()];
        System.arraycopy(b.ids(), from * b.length(), ids, 0, ids.length);
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) labels[i] = i;
        return new TokenBatch(ids, n, b.length(), labels);
    }

    /** 20 caption-image pairs (10 hard-negative pairs) of the retrieval dataset. */
    static List<LayoutImage> twenty() {
        List<LayoutPair> pairs = LayoutCaptions.generate(17, 10, 0, 0).train();
        return LayoutCaptions.flatten(pairs);
    }

    /** Recall@1 of a model on items in both directions by the framework's scorer: {t2i, i2t}. */
    static double[] recallAt1(RetrieverModel m, List<LayoutImage> items) {
        try (var off = Autograd.noGrad()) {
            Tensor sim = m.encodeImages(Retrieval.images(items)).matmul(m.encodeTexts(Retrieval.captions(items)).t());
            return new double[] {Retrieval.recallAtK(sim.t(), 1), Retrieval.recallAtK(sim, 1)};
        }
    }
}
