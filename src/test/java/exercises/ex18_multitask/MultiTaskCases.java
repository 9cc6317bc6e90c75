package exercises.ex18_multitask;

import dojo.exercise.api.MultiTaskBatch;
import dojo.exercise.api.MultiTaskConfig;
import dojo.exercise.api.MultiTaskExercise;
import dojo.exercise.api.MultiTaskLogits;
import dojo.exercise.api.MultiTaskModel;
import dojo.models.data.LastTokenRelations;
import dojo.models.data.MultiTaskExample;
import dojo.tensor.Generator;
import dojo.tensor.Tensor;
import exercises.ex06_softmax_xent_backward.TensorFixture;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.opentest4j.AssertionFailedError;

/**
 * Shared fixtures of the ex18 suites: the PyTorch golden file of scripts/golden/ex18_multitask.py, configs,
 * batches, strict state-dict loading with teaching messages, and the head formula used to name likely causes.
 */
final class MultiTaskCases {

    static final TensorFixture GOLDEN = TensorFixture.load("ex18_multitask", "multitask.safetensors");

    /** The reference config of ./dojo train multitask-classifier (the checkpoints' sizes). */
    static final MultiTaskConfig REFERENCE = new MultiTaskConfig(17, 48, 4, 96, 2, 12, 48, 2, 3, 1.0, 1.0);

    private MultiTaskCases() {
    }

    static MultiTaskConfig config(String c) {
        if (!GOLDEN.has(c, "vocab")) return REFERENCE;
        return new MultiTaskConfig(n(c, "vocab"), n(c, "d_model"), n(c, "heads"), n(c, "feed_forward"), n(c, "layers"),
                n(c, "max_len"), n(c, "head_hidden"), n(c, "classes_a"), n(c, "classes_b"), GOLDEN.number(c, "weight_a"),
                GOLDEN.number(c, "weight_b"));
    }

    private static int n(String c, String name) {
        return (int) GOLDEN.number(c, name);
    }

    /** The golden ids (and labels where the case has them) as a batch. */
    static MultiTaskBatch batch(String c) {
        Tensor ids = GOLDEN.get(c, "ids");
        int[] flat = GOLDEN.ints(c, "ids");
        int[] labelsA = GOLDEN.has(c, "labels_a") ? GOLDEN.ints(c, "labels_a") : null;
        int[] labelsB = GOLDEN.has(c, "labels_b") ? GOLDEN.ints(c, "labels_b") : null;
        return new MultiTaskBatch(flat, ids.size(0), ids.size(1), labelsA, labelsB);
    }

    /** A fresh learner model for the case's config with the case's weights loaded strictly. */
    static MultiTaskModel model(MultiTaskExercise exercise, String c) {
        MultiTaskModel m = build(exercise, config(c), 7);
        load(m, c, c.equals("java_trained") ? javaCheckpoint() : null);
        return m;
    }

    static MultiTaskModel build(MultiTaskExercise exercise, MultiTaskConfig config, long seed) {
        MultiTaskModel m = exercise.build(config, new Generator(seed));
        if (m == null) throw new AssertionFailedError("build(config, generator) returned null: return new MultiTaskClassifier(config, generator)");
        return m;
    }

    /** Loads the case's parameters (or {@code state}) strictly, failing with the names that do not match PyTorch's. */
    static void load(MultiTaskModel m, String c, Map<String, Tensor> state) {
        Map<String, Tensor> s = state != null ? state : new LinkedHashMap<>();
        if (state == null) {
            for (String key : m.stateDict().keySet()) {
                if (GOLDEN.has(c, key)) s.put(key, GOLDEN.get(c, key));
            }
            if (s.size() != m.stateDict().size()) {
                List<String> missing = new ArrayList<>(m.stateDict().keySet());
                missing.removeAll(s.keySet());
                throw new AssertionFailedError("your model's state dict has keys PyTorch's MultiTaskClassifier does not: " + missing
                        + "; register the modules as embedding, position, encoder, head_a (fc1, fc2), head_b (fc1, fc2)");
            }
        }
        try {
            m.loadStateDict(s, true);
        } catch (IllegalArgumentException e) {
            throw new AssertionFailedError("PyTorch's state dict does not load into your model: " + e.getMessage()
                    + " (names and shapes must be those of the PyTorch module in MultiTaskModel's javadoc)");
        }
    }

    /** The checkpoint ./dojo train wrote (F32, PyTorch names), read as doubles. */
    static Map<String, Tensor> javaCheckpoint() {
        return TensorFixture.stateDict("ex18_multitask", "java_trained.safetensors");
    }

    /** fc2(relu(fc1(z))) with the golden weights of one head, or without the ReLU. */
    static Tensor head(String c, String head, Tensor z, boolean relu) {
        Tensor h = z.matmul(GOLDEN.get(c, head + ".fc1.weight").t()).add(GOLDEN.get(c, head + ".fc1.bias"));
        if (relu) h = h.relu();
        return h.matmul(GOLDEN.get(c, head + ".fc2.weight").t()).add(GOLDEN.get(c, head + ".fc2.bias"));
    }

    /** head_b's fc2 on head_a's fc1: the seed's single stacked head read by both tasks. */
    static Tensor seedStacked(String c, Tensor z) {
        Tensor h = z.matmul(GOLDEN.get(c, "head_a.fc1.weight").t()).add(GOLDEN.get(c, "head_a.fc1.bias"));
        return h.matmul(GOLDEN.get(c, "head_b.fc2.weight").t()).add(GOLDEN.get(c, "head_b.fc2.bias"));
    }

    /** A random batch of {@code b} sequences from the dataset's rules, padded to {@code length}. */
    static MultiTaskBatch randomBatch(long seed, int b, int length) {
        SplittableRandom rng = new SplittableRandom(seed);
        int[][] seqs = new int[b][];
        int[] la = new int[b], lb = new int[b];
        for (int i = 0; i < b; i++) {
            int a = i % 2, c = (i % 3 == 1) ? (a == 1 ? 1 : 0) : i % 3;
            MultiTaskExample e = LastTokenRelations.example(rng, a, c);
            seqs[i] = Arrays.copyOf(e.tokens(), Math.min(e.length(), length));
            la[i] = LastTokenRelations.labelAOf(seqs[i]);
            lb[i] = LastTokenRelations.labelBOf(seqs[i]);
        }
        return MultiTaskBatch.of(seqs, length, la, lb);
    }

    /** The same sequences with {@code extra} more padding columns. */
    static MultiTaskBatch morePadding(MultiTaskBatch b, int extra) {
        int l = b.length() + extra;
        int[] ids = new int[b.batch() * l];
        int[] src = b.ids();
        for (int i = 0; i < b.batch(); i++) System.arraycopy(src, i * b.length(), ids, i * l, b.length());
        return new MultiTaskBatch(ids, b.batch(), l, b.labelsA(), b.labelsB());
    }

    static MultiTaskLogits forward(MultiTaskModel m, MultiTaskBatch b) {
        MultiTaskLogits out = m.forward(b);
        if (out == null) throw new AssertionFailedError("forward returned null: return new MultiTaskLogits(taskA, taskB)");
        return out;
    }

    /** A small random config for behaviour tests. */
    static MultiTaskConfig small(double weightA, double weightB) {
        return new MultiTaskConfig(17, 16, 2, 32, 1, 14, 12, 2, 3, weightA, weightB);
    }
}
