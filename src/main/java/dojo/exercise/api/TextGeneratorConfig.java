package dojo.exercise.api;

/**
 * Sizes of the decoder-only text generator of exercise ex14_text_generator (the original interview
 * document's C5 {@code TextGenerator}, corrected), as the arguments of the PyTorch module in
 * {@link TextGeneratorModel}.
 *
 * @param vocabSize      V: token ids are 0..V-1 (no padding id: every sequence of a batch has the same length)
 * @param maxLen         the longest sequence the learned position table covers (rows of {@code pos_emb.weight})
 * @param dModel         E, the width of every token vector
 * @param numHeads       H; E must be divisible by it (each head has E/H dimensions)
 * @param dimFeedforward F, the hidden width of each block's MLP
 * @param numLayers      the number of decoder blocks
 */
public record TextGeneratorConfig(int vocabSize, int maxLen, int dModel, int numHeads, int dimFeedforward, int numLayers) {

    public TextGeneratorConfig {
        if (vocabSize < 2) throw new IllegalArgumentException("vocabSize must be at least 2, was " + vocabSize);
        if (maxLen < 1) throw new IllegalArgumentException("maxLen must be positive, was " + maxLen);
        if (dModel < 1 || numHeads < 1 || dModel % numHeads != 0) {
            throw new IllegalArgumentException("dModel " + dModel + " must be a positive multiple of numHeads " + numHeads);
        }
        if (dimFeedforward < 1) throw new IllegalArgumentException("dimFeedforward must be positive, was " + dimFeedforward);
        if (numLayers < 1) throw new IllegalArgumentException("numLayers must be positive, was " + numLayers);
    }

    /** E / H. */
    public int headDim() {
        return dModel / numHeads;
    }
}
