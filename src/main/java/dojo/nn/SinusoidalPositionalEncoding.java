package dojo.nn;

import dojo.tensor.Tensor;

/**
 * The fixed encoding of "Attention Is All You Need" (Vaswani et al. 2017, section 3.5), added to the
 * input: {@code PE[pos, 2i] = sin(pos / 10000^(2i/d))}, {@code PE[pos, 2i+1] = cos(pos / 10000^(2i/d))}.
 * The table is a non-persistent buffer (not in the state dict: it is recomputed, never trained).
 */
public final class SinusoidalPositionalEncoding extends Module {

    private final int dModel;
    private final Tensor table;

    public SinusoidalPositionalEncoding(int dModel, int maxLen) {
        if (dModel < 1 || maxLen < 1) throw new IllegalArgumentException("SinusoidalPositionalEncoding: d_model and max_len must be positive");
        this.dModel = dModel;
        this.table = registerBuffer("pe", table(maxLen, dModel), false);
    }

    /** The [length, d] table, computed as the Annotated Transformer does: {@code div = exp(2i * -ln(10000)/d)}. */
    public static Tensor table(int length, int d) {
        double[] pe = new double[length * d];
        for (int i = 0; 2 * i < d; i++) {
            double div = Math.exp(2 * i * -(Math.log(10000.0) / d));
            for (int pos = 0; pos < length; pos++) {
                pe[pos * d + 2 * i] = Math.sin(pos * div);
                if (2 * i + 1 < d) pe[pos * d + 2 * i + 1] = Math.cos(pos * div);
            }
        }
        return Tensor.of(pe, length, d);
    }

    /** {@code x + PE[:L]} for x [B, L, d] or [L, d]. */
    public Tensor forward(Tensor x) {
        int l = x.dim() >= 2 ? x.size(-2) : -1;
        if (x.dim() < 2 || x.size(-1) != dModel || l > table.size(0)) {
            throw new IllegalArgumentException("SinusoidalPositionalEncoding: input of shape " + java.util.Arrays.toString(x.shape())
                    + " must be [..., L, " + dModel + "] with L <= max_len " + table.size(0));
        }
        return x.add(table.narrow(0, 0, l));
    }
}
