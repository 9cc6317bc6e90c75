package dojo.models.data;

import java.util.Arrays;

/** One token sequence (ids 1..vocab-1, no padding) with a label for each of two tasks. */
public record MultiTaskExample(int[] tokens, int labelA, int labelB) {
    public MultiTaskExample {
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
        return o instanceof MultiTaskExample t && t.labelA == labelA && t.labelB == labelB && Arrays.equals(t.tokens, tokens);
    }

    @Override
    public int hashCode() {
        return (31 * Arrays.hashCode(tokens) + labelA) * 31 + labelB;
    }

    @Override
    public String toString() {
        return Arrays.toString(tokens) + " -> A " + labelA + ", B " + labelB;
    }
}
