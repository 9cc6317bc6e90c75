package dojo.nn;

import dojo.tensor.Functional;
import dojo.tensor.Generator;
import dojo.tensor.Tensor;

/**
 * {@code torch.nn.Embedding}: rows of {@code weight} [num, dim] (initialised N(0, 1)) picked by index.
 * With a padding index, that row starts at zero and never receives a gradient.
 */
public final class Embedding extends Module {

    private final Tensor weight;
    private final int paddingIdx;

    public Embedding(int numEmbeddings, int embeddingDim, Generator g) {
        this(numEmbeddings, embeddingDim, -1, g);
    }

    /** {@code paddingIdx} = -1 for none. */
    public Embedding(int numEmbeddings, int embeddingDim, int paddingIdx, Generator g) {
        if (paddingIdx < -1 || paddingIdx >= numEmbeddings) {
            throw new IllegalArgumentException("Embedding: padding index " + paddingIdx + " is not in 0.." + (numEmbeddings - 1));
        }
        Tensor w = Init.standardNormal(g, numEmbeddings, embeddingDim);
        if (paddingIdx >= 0) {
            double[] d = w.array();
            for (int j = 0; j < embeddingDim; j++) d[paddingIdx * embeddingDim + j] = 0;
        }
        this.weight = registerParameter("weight", w);
        this.paddingIdx = paddingIdx;
    }

    /** Embeds {@code ids} (row-major, shaped {@code idsShape}) into {@code idsShape + [dim]}. */
    public Tensor forward(int[] ids, int... idsShape) {
        // the padding row gets no gradient: one lookup whose backward skips the padding ids
        return Functional.embedding(weight, ids, idsShape, paddingIdx);
    }

    public Tensor weight() {
        return weight;
    }
}
