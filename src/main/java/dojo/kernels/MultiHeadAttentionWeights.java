package dojo.kernels;

/**
 * Weights of {@code torch.nn.MultiheadAttention(embedDim, numHeads)} in PyTorch's layout, row-major:
 * {@code inProjWeight [3E][E]} (rows: q, k, v), {@code inProjBias [3E]}, {@code outProjWeight [E][E]},
 * {@code outProjBias [E]}; head dim {@code E / numHeads}.
 */
public record MultiHeadAttentionWeights(int embedDim, int numHeads, float[] inProjWeight, float[] inProjBias,
                                        float[] outProjWeight, float[] outProjBias) {

    public MultiHeadAttentionWeights {
        String op = "multi-head attention weights";
        Shapes.positive(op, "embedDim x numHeads", embedDim, numHeads);
        if (embedDim % numHeads != 0) {
            throw new IllegalArgumentException(op + ": embedDim " + embedDim + " is not divisible by numHeads " + numHeads);
        }
        Shapes.length(op, "in_proj_weight", inProjWeight, "3E x E", 3 * embedDim, embedDim);
        Shapes.length(op, "in_proj_bias", inProjBias, "3E", 3 * embedDim);
        Shapes.length(op, "out_proj.weight", outProjWeight, "E x E", embedDim, embedDim);
        Shapes.length(op, "out_proj.bias", outProjBias, "E", embedDim);
    }

    public int headDim() {
        return embedDim / numHeads;
    }
}
