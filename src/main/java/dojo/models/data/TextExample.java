package dojo.models.data;

import java.util.Arrays;

/** One token sequence (ids 1..vocab-1, no padding) with its class label. */
public record TextExample(int[] tokens, int label) {
    public TextExample {
        tokens = tokens.clone();
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
