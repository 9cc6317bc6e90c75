package dojo.models;

import dojo.exercise.api.TextGeneratorModel;
import dojo.tensor.Functional;
import dojo.tensor.Tensor;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * Next-token training and exact-match scoring of a {@link TextGeneratorModel} on prompt / answer pairs of a
 * fixed length ({@link SortGeneration}: a sort; {@link TextGeneratorExperiment}: a reversal).
 *
 * <p>Loss (teacher forcing): the model reads {@code prompt ++ answer} without its last token and row t
 * predicts token t+1; only the rows that predict the answer count, the rows that would predict the prompt
 * itself are ignored (target {@link #IGNORE}), since the prompt is random and unpredictable. Metric: the
 * answer generated greedily through the KV cache from the prompt, all of it right (evaluated in chunks of 256).
 *
 * @param prompt the prompt of an example (every example's has the same length)
 * @param answer the answer the model must generate (every example's has the same length)
 */
public record AnswerGeneration<E>(TextGeneratorModel model, Function<E, int[]> prompt, Function<E, int[]> answer) implements Objective<E> {

    public static final int IGNORE = -100;

    /** The model's input rows [B][prompt + answer - 1] for a batch. */
    public int[][] inputs(List<E> batch) {
        int[][] out = new int[batch.size()][];
        for (int i = 0; i < out.length; i++) {
            int[] full = full(batch.get(i));
            out[i] = Arrays.copyOf(full, full.length - 1);
        }
        return out;
    }

    /** The targets [B * (prompt + answer - 1)] row-major: the next token where it is part of the answer, else {@link #IGNORE}. */
    public int[] targets(List<E> batch) {
        int[] out = null;
        int len = 0;
        for (int i = 0; i < batch.size(); i++) {
            int n = prompt.apply(batch.get(i)).length;
            int[] full = full(batch.get(i));
            if (out == null) {
                len = full.length - 1;
                out = new int[batch.size() * len];
            }
            for (int t = 0; t < len; t++) out[i * len + t] = t + 1 >= n ? full[t + 1] : IGNORE;
        }
        return out == null ? new int[0] : out;
    }

    @Override
    public Tensor loss(List<E> batch) {
        Tensor logits = model.forward(inputs(batch));                     // [B, L, V]
        int v = logits.size(2);
        return Functional.crossEntropy(logits.reshape(-1, v), targets(batch));
    }

    @Override
    public double metric(List<E> examples) {
        int correct = 0;
        for (int from = 0; from < examples.size(); from += 256) {
            List<E> chunk = examples.subList(from, Math.min(examples.size(), from + 256));
            int[][] prompts = new int[chunk.size()][];
            for (int i = 0; i < prompts.length; i++) prompts[i] = prompt.apply(chunk.get(i));
            int[][] out = TextGeneration.withCache(model, prompts, answer.apply(chunk.get(0)).length, TextGeneration::argmax);
            for (int i = 0; i < out.length; i++) if (Arrays.equals(out[i], answer.apply(chunk.get(i)))) correct++;
        }
        return (double) correct / examples.size();
    }

    private int[] full(E e) {
        int[] in = prompt.apply(e);
        int[] s = answer.apply(e);
        int[] full = Arrays.copyOf(in, in.length + s.length);
        System.arraycopy(s, 0, full, in.length, s.length);
        return full;
    }
}
