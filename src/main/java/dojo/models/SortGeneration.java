package dojo.models;

import dojo.exercise.api.TextGeneratorModel;
import dojo.models.data.SortSequences;
import dojo.tensor.Functional;
import dojo.tensor.Tensor;
import java.util.Arrays;
import java.util.List;

/**
 * Next-token training and exact-match scoring of a {@link TextGeneratorModel} on {@link SortSequences}.
 *
 * <p>Loss (teacher forcing): the model reads {@code input ++ sorted} without its last token (11 tokens) and
 * row t predicts token t+1; only the rows that predict the sorted half count (rows 5..10), the rows that
 * would predict the input itself are ignored (target -100), since the input is random and unpredictable.
 * Metric: the sorted half generated greedily through the KV cache from the 6 input digits, all 6 right
 * (evaluated in chunks of 256).
 */
public record SortGeneration(TextGeneratorModel model) implements Objective<SortSequences.Example> {

    public static final int IGNORE = -100;

    /** The model's input rows [B][2n-1] for a batch. */
    public static int[][] inputs(List<SortSequences.Example> batch) {
        int[][] out = new int[batch.size()][];
        for (int i = 0; i < out.length; i++) {
            int[] full = full(batch.get(i));
            out[i] = Arrays.copyOf(full, full.length - 1);
        }
        return out;
    }

    /** The targets [B * (2n-1)] row-major: the next token where it is part of the sorted half, else {@link #IGNORE}. */
    public static int[] targets(List<SortSequences.Example> batch) {
        int n = SortSequences.LENGTH;
        int len = 2 * n - 1;
        int[] out = new int[batch.size() * len];
        for (int i = 0; i < batch.size(); i++) {
            int[] full = full(batch.get(i));
            for (int t = 0; t < len; t++) out[i * len + t] = t + 1 >= n ? full[t + 1] : IGNORE;
        }
        return out;
    }

    @Override
    public Tensor loss(List<SortSequences.Example> batch) {
        Tensor logits = model.forward(inputs(batch));                     // [B, 11, V]
        int v = logits.size(2);
        return Functional.crossEntropy(logits.reshape(-1, v), targets(batch));
    }

    @Override
    public double metric(List<SortSequences.Example> examples) {
        int correct = 0;
        for (int from = 0; from < examples.size(); from += 256) {
            List<SortSequences.Example> chunk = examples.subList(from, Math.min(examples.size(), from + 256));
            int[][] prompt = new int[chunk.size()][];
            for (int i = 0; i < prompt.length; i++) prompt[i] = chunk.get(i).input();
            int[][] out = TextGeneration.withCache(model, prompt, SortSequences.LENGTH, TextGeneration::argmax);
            for (int i = 0; i < out.length; i++) if (Arrays.equals(out[i], chunk.get(i).sorted())) correct++;
        }
        return (double) correct / examples.size();
    }

    private static int[] full(SortSequences.Example e) {
        int[] in = e.input();
        int[] s = e.sorted();
        int[] full = Arrays.copyOf(in, in.length + s.length);
        System.arraycopy(s, 0, full, in.length, s.length);
        return full;
    }
}
