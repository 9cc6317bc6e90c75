package dojo.models;

import dojo.exercise.api.KvCache;
import dojo.exercise.api.TextGeneratorModel;
import dojo.tensor.Tensor;
import java.util.Arrays;
import java.util.function.Function;

/**
 * The autoregressive loop around a {@link TextGeneratorModel}: prefill the prompt through the KV cache one
 * token at a time, then feed back each chosen token. {@code choose} turns a row batch of logits [B, V] into
 * ids (greedy, or a seeded sampler). {@link #withoutCache} runs the same loop by recomputing the whole
 * sequence with {@code forward} at every step (the reference the cache must equal).
 */
public final class TextGeneration {

    private TextGeneration() {
    }

    /** {@code newTokens} ids per prompt row, [B][newTokens], generated with the KV cache. */
    public static int[][] withCache(TextGeneratorModel model, int[][] prompt, int newTokens, Function<Tensor, int[]> choose) {
        check(model, prompt, newTokens);
        int b = prompt.length;
        KvCache cache = model.newCache(b);
        Tensor logits = null;
        for (int t = 0; t < prompt[0].length; t++) {
            int[] column = new int[b];
            for (int i = 0; i < b; i++) column[i] = prompt[i][t];
            logits = model.step(cache, column);
        }
        int[][] out = new int[b][newTokens];
        for (int n = 0; n < newTokens; n++) {
            int[] next = choose.apply(logits);
            for (int i = 0; i < b; i++) out[i][n] = next[i];
            if (n + 1 < newTokens) logits = model.step(cache, next);
        }
        return out;
    }

    /** The same loop without a cache: {@code forward} on the whole sequence so far, its last row. */
    public static int[][] withoutCache(TextGeneratorModel model, int[][] prompt, int newTokens, Function<Tensor, int[]> choose) {
        check(model, prompt, newTokens);
        int b = prompt.length;
        int[][] seq = new int[b][];
        for (int i = 0; i < b; i++) seq[i] = prompt[i].clone();
        int[][] out = new int[b][newTokens];
        for (int n = 0; n < newTokens; n++) {
            Tensor all = model.forward(seq);
            int[] next = choose.apply(all.select(1, seq[0].length - 1));
            for (int i = 0; i < b; i++) {
                out[i][n] = next[i];
                seq[i] = Arrays.copyOf(seq[i], seq[i].length + 1);
                seq[i][seq[i].length - 1] = next[i];
            }
        }
        return out;
    }

    /** The argmax of every row (lowest id on ties): the framework's own greedy choice. */
    public static int[] argmax(Tensor logits) {
        return logits.argmax(1, false).toIntArray();
    }

    private static void check(TextGeneratorModel model, int[][] prompt, int newTokens) {
        if (prompt.length == 0 || prompt[0].length == 0) throw new IllegalArgumentException("the prompt must be a non-empty [B][L] array");
        if (newTokens < 1) throw new IllegalArgumentException("newTokens must be positive, was " + newTokens);
        if (prompt[0].length + newTokens - 1 > model.config().maxLen()) {
            throw new IllegalArgumentException("a prompt of " + prompt[0].length + " plus " + newTokens + " new tokens needs "
                    + (prompt[0].length + newTokens - 1) + " positions, the model has " + model.config().maxLen());
        }
    }
}
