package dojo.nn;

import dojo.tensor.Generator;
import dojo.tensor.Tensor;

/**
 * A learned position table added to the input (BERT, GPT-2, ViT): key {@code weight} [max_len, d],
 * initialised N(0, 1) like {@code nn.Embedding} (the layer PyTorch models use for it).
 */
public final class LearnedPositionalEncoding extends Module {

    private final Tensor weight;

    public LearnedPositionalEncoding(int maxLen, int dModel, Generator g) {
        if (dModel < 1 || maxLen < 1) throw new IllegalArgumentException("LearnedPositionalEncoding: d_model and max_len must be positive");
        this.weight = registerParameter("weight", Init.standardNormal(g, maxLen, dModel));
    }

    /** {@code x + weight[:L]} for x [B, L, d] or [L, d]. */
    public Tensor forward(Tensor x) {
        if (x.dim() < 2 || x.size(-1) != weight.size(1) || x.size(-2) > weight.size(0)) {
            throw new IllegalArgumentException("LearnedPositionalEncoding: input of shape " + java.util.Arrays.toString(x.shape())
                    + " must be [..., L, " + weight.size(1) + "] with L <= max_len " + weight.size(0));
        }
        return x.add(weight.narrow(0, 0, x.size(-2)));
    }

    public Tensor weight() {
        return weight;
    }
}
