package dojo.exercise.api;

/**
 * Parameters of a multi-head attention layer, in the layout of {@code torch.nn.MultiheadAttention}
 * (so a PyTorch {@code state_dict} loads as is, e.g. through {@code dojo.io.Safetensors}).
 *
 * @param numHeads      H, at least 1, dividing E
 * @param inProjWeight  [3E][E]: rows [0, E) are Wq, [E, 2E) Wk, [2E, 3E) Wv, each in nn.Linear layout
 *                      [out][in], so {@code Q[i][o] = sum_c x[i][c] * Wq[o][c] + bq[o]}
 * @param inProjBias    [3E]: bq, bk, bv one after the other
 * @param outProjWeight [E][E] ({@code out_proj.weight}, [out][in])
 * @param outProjBias   [E] ({@code out_proj.bias})
 */
public record MhaWeights(int numHeads, float[][] inProjWeight, float[] inProjBias,
                         float[][] outProjWeight, float[] outProjBias) {

    /**
     * Checks every shape against E = {@code inProjWeight[0].length} and that H divides E; every entry
     * must be finite. The arrays are not copied.
     */
    public MhaWeights {
        if (inProjWeight == null || inProjWeight.length == 0 || inProjWeight[0] == null) {
            throw new IllegalArgumentException("in_proj_weight is " + Shapes.describe(inProjWeight)
                    + ": it must be [3E x E]");
        }
        int e = inProjWeight[0].length;
        if (e == 0) {
            throw new IllegalArgumentException("in_proj_weight is " + Shapes.describe(inProjWeight)
                    + ": the embed dim E must be at least 1");
        }
        if (numHeads < 1 || e % numHeads != 0) {
            throw new IllegalArgumentException("numHeads is " + numHeads + " but E = " + e
                    + ": the number of heads must be at least 1 and divide E (head_dim = E / H)");
        }
        requireMatrix("in_proj_weight", inProjWeight, 3 * e, e);
        requireVector("in_proj_bias", inProjBias, 3 * e);
        requireMatrix("out_proj.weight", outProjWeight, e, e);
        requireVector("out_proj.bias", outProjBias, e);
    }

    /**
     * Assembles the weights from separate q/k/v projections, as {@code nn.Linear} layers hold them
     * (each [E][E] with bias [E]); {@code inProjWeight} is their concatenation along the rows.
     */
    public static MhaWeights fromSeparate(int numHeads,
                                          float[][] wq, float[] bq, float[][] wk, float[] bk,
                                          float[][] wv, float[] bv, float[][] wo, float[] bo) {
        int e = wq == null ? 0 : wq.length;
        requireMatrix("q_proj.weight", wq, e, e);
        requireMatrix("k_proj.weight", wk, e, e);
        requireMatrix("v_proj.weight", wv, e, e);
        requireVector("q_proj.bias", bq, e);
        requireVector("k_proj.bias", bk, e);
        requireVector("v_proj.bias", bv, e);
        float[][] in = new float[3 * e][];
        float[] bias = new float[3 * e];
        for (int r = 0; r < e; r++) {
            in[r] = wq[r].clone();
            in[e + r] = wk[r].clone();
            in[2 * e + r] = wv[r].clone();
        }
        System.arraycopy(bq, 0, bias, 0, e);
        System.arraycopy(bk, 0, bias, e, e);
        System.arraycopy(bv, 0, bias, 2 * e, e);
        return new MhaWeights(numHeads, in, bias, wo, bo);
    }

    /** E, the model width. */
    public int embedDim() {
        return inProjWeight[0].length;
    }

    /** d = E / H, the width of one head. */
    public int headDim() {
        return embedDim() / numHeads;
    }

    static void requireMatrix(String name, float[][] m, int rows, int cols) {
        String expected = "[" + rows + " x " + cols + "]";
        if (m == null || m.length != rows) {
            throw new IllegalArgumentException(name + " is " + Shapes.describe(m) + " but must be " + expected);
        }
        for (int r = 0; r < rows; r++) {
            if (m[r] == null || m[r].length != cols) {
                throw new IllegalArgumentException(name + " is " + Shapes.describe(m) + " but must be " + expected);
            }
            for (int c = 0; c < cols; c++) {
                if (!Float.isFinite(m[r][c])) {
                    throw new IllegalArgumentException(name + " has " + m[r][c] + " at [" + r + "][" + c
                            + "]: weights must be finite");
                }
            }
        }
    }

    static void requireVector(String name, float[] v, int length) {
        if (v == null || v.length != length) {
            throw new IllegalArgumentException(name + " is " + Shapes.describe(v) + " but must be [" + length + "]");
        }
        for (int i = 0; i < length; i++) {
            if (!Float.isFinite(v[i])) {
                throw new IllegalArgumentException(name + " has " + v[i] + " at [" + i + "]: weights must be finite");
            }
        }
    }

    @Override
    public String toString() {
        return "MhaWeights[H=" + numHeads + ", E=" + embedDim() + ", head_dim=" + headDim() + "]";
    }
}
