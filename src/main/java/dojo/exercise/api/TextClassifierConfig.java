package dojo.exercise.api;

/**
 * Sizes of the text classifier (exercise ex11_text_classifier): {@code vocab} token ids (0 = padding),
 * width {@code dModel}, {@code heads} attention heads, feed-forward width {@code feedForward},
 * {@code layers} encoder layers, at most {@code maxLen} positions, {@code classes} outputs.
 */
public record TextClassifierConfig(int vocab, int dModel, int heads, int feedForward, int layers, int maxLen, int classes) {
    public TextClassifierConfig {
        if (vocab < 2) throw new IllegalArgumentException("vocab must be at least 2 (0 is padding), was " + vocab);
        if (dModel < 1 || heads < 1 || dModel % heads != 0) {
            throw new IllegalArgumentException("dModel " + dModel + " must be a positive multiple of heads " + heads);
        }
        if (feedForward < 1 || layers < 1 || maxLen < 1 || classes < 2) {
            throw new IllegalArgumentException("feedForward " + feedForward + ", layers " + layers + ", maxLen " + maxLen
                    + " must be positive and classes " + classes + " at least 2");
        }
    }
}
