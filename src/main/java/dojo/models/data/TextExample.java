package dojo.models.data;

import dojo.models.data.TextExample;
import dojo.exercise.api.TokenBatch;
import java.util.Arrays;
import java.util.List;

/** One token sequence (ids 1..vocab-1, no padding) with its class label. */
public record TextExample(int[] tokens, int label) {
    public TextExample {
        tokens = tokens.clone();
    }

    /** The examples as one batch padded to the longest. */
    public static TokenBatch batch(List<TextExample> examples) {
        return TokenBatch.of(examples.stream().map(e -> e.tokens).toList(), examples.stream().mapToInt(TextExample::label).toArray());
    }

    /** The examples as one batch padded to {@code length}. */
    public static TokenBatch batch(List<TextExample> examples, int length) {
        return TokenBatch.of(examples.stream().map(e -> e.tokens).toList(), examples.stream().mapToInt(TextExample::label).toArray(), length);
    }

    public int length() {
        return tokens.length;
    }

    @Override
    public int[] tokens() {
        return tokens.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TextExample t && t.label == label && Arrays.equals(t.tokens, tokens);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(tokens) + label;
    }

    @Override
    public String toString() {
        return Arrays.toString(tokens) + " -> " + label;
    }
}
