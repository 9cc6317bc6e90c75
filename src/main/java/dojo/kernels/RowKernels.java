package dojo.kernels;

/**
 * Row-wise kernels on row-major {@code float[]}: exp, softmax over the last axis, layer norm.
 * One pass per step, vectorized by the backend; rows are independent.
 */
public final class RowKernels {

    private final KernelOps ops;

    public RowKernels(Backend backend) {
        this.ops = backend.ops();
    }

    /** {@code y[i] = exp(x[i])}; y may be x. Within a few ulps of {@link Math#exp} (SVML on x86). */
    public void exp(float[] x, float[] y) {
        if (x == null || y == null || x.length != y.length) {
            throw new IllegalArgumentException("exp: x and y must have the same length, were "
                    + (x == null ? "null" : "[" + x.length + "]") + " and " + (y == null ? "null" : "[" + y.length + "]"));
        }
        ops.exp(x, 0, y, 0, x.length);
    }

    /**
     * Relu's backward in place over {@code [from, to)}: {@code g[i] = x[i] > 0 ? g[i] : 0}, where x is
     * relu's input. Lanes are selected with a mask, not a branch on each sign.
     */
    public void reluBackward(float[] x, float[] g, int from, int to) {
        if (x == null || g == null || x.length != g.length || from < 0 || from > to || to > x.length) {
            throw new IllegalArgumentException("reluBackward: x and g must have the same length and [from, to) lie in it, were "
                    + (x == null ? "null" : "[" + x.length + "]") + ", " + (g == null ? "null" : "[" + g.length + "]") + ", [" + from + ", " + to + ")");
        }
        ops.reluBackward(x, g, from, to - from);
    }

    /** {@code x[off + j] += bias[j]} for j in [0, cols): a bias added to one row. */
    public void addBias(float[] x, int off, float[] bias, int cols) {
        ops.addInto(bias, 0, x, off, cols);
    }

    /** {@code y[off + j] = max(x[off + j], 0)} for j in [0, cols) ({@link Math#max}: NaN stays NaN). */
    public void relu(float[] x, float[] y, int off, int cols) {
        ops.relu(x, off, y, off, cols);
    }

    /**
     * Column sums of rows {@code [from, to)} of a row-major {@code [rows][cols]} matrix x, added into the
     * double {@code sums}: in float, lane by lane, {@link #SUM_ROWS} rows at a time (a float sum of that
     * many terms is within ~{@code SUM_ROWS * 2^-24} of exact, relative to the sum of magnitudes), each
     * such partial then added in double. {@code scratch} holds at least cols floats. Rows in ascending
     * order, so the result depends only on [from, to).
     */
    public void addColumnSums(float[] x, int cols, int from, int to, float[] scratch, double[] sums) {
        for (int r0 = from; r0 < to; r0 += SUM_ROWS) {
            java.util.Arrays.fill(scratch, 0, cols, 0f);
            for (int r = r0, end = Math.min(to, r0 + SUM_ROWS); r < end; r++) ops.addInto(x, r * cols, scratch, 0, cols);
            for (int j = 0; j < cols; j++) sums[j] += scratch[j];
        }
    }

    /** Rows summed in float before {@link #addColumnSums} adds their partial in double. */
    public static final int SUM_ROWS = 32;

    /**
     * Softmax of every row of {@code x [rows x cols]} into y (may be x), stable: the row maximum is
     * subtracted before exp so no exp overflows. A row that is all {@code -inf} (fully masked) gives
     * zeros, not NaN. A NaN anywhere in a row makes that row NaN.
     */
    public void softmaxRows(int rows, int cols, float[] x, float[] y) {
        Shapes.positive("softmax", "rows x cols", rows, cols);
        Shapes.length("softmax", "x", x, "rows x cols", rows, cols);
        Shapes.length("softmax", "y", y, "rows x cols", rows, cols);
        for (int r = 0, off = 0; r < rows; r++, off += cols) {
            if (x != y) System.arraycopy(x, off, y, off, cols);
            float max = ops.max(y, off, cols);
            if (max == Float.NEGATIVE_INFINITY) {
                java.util.Arrays.fill(y, off, off + cols, 0f);
                continue;
            }
            float sum = ops.expShiftSum(y, off, cols, max);
            ops.scale(y, off, cols, 1f / sum);
        }
    }

    /**
     * Layer norm over the last axis, as {@code torch.nn.LayerNorm(cols, eps)}: biased variance,
     * {@code y = (x - mean) / sqrt(var + eps) * gamma + beta}. Passes: mean, a correction of the mean
     * (the float sum of a row far from 0 is off by many ulps; the deviations from it are small and sum
     * exactly enough), then squared deviations: never E[x^2] - E[x]^2, which cancels catastrophically
     * when |mean| >> std.
     */
    public void layerNorm(int rows, int cols, float[] x, float[] gamma, float[] beta, float eps, float[] y) {
        Shapes.positive("layer norm", "rows x cols", rows, cols);
        Shapes.length("layer norm", "x", x, "rows x cols", rows, cols);
        Shapes.length("layer norm", "gamma", gamma, "cols", cols);
        Shapes.length("layer norm", "beta", beta, "cols", cols);
        Shapes.length("layer norm", "y", y, "rows x cols", rows, cols);
        if (!(eps >= 0f)) throw new IllegalArgumentException("layer norm: eps must be >= 0, was " + eps);
        for (int r = 0, off = 0; r < rows; r++, off += cols) {
            float mean = ops.sum(x, off, cols) / cols;
            mean += ops.sumDeviations(x, off, cols, mean) / cols;
            float var = ops.sumSquaredDeviations(x, off, cols, mean) / cols;
            float rstd = (float) (1.0 / Math.sqrt(var + eps));
            ops.normalize(x, off, mean, rstd, gamma, beta, y, off, cols);
        }
    }

    /**
     * Layer norm of one row {@code x[off, off+cols)} as {@link #layerNorm} (same statistics, same bits in
     * y), also keeping {@code xhat = (x - mean) * rstd} at the same offsets for the backward; gamma and beta
     * are {@code [cols]}. Returns {@code rstd = 1 / sqrt(var + eps)}. No checks: for the fused layers' inner loops.
     */
    public float layerNormRow(float[] x, int off, int cols, float eps, float[] gamma, float[] beta, float[] xhat, float[] y) {
        float mean = ops.sum(x, off, cols) / cols;
        mean += ops.sumDeviations(x, off, cols, mean) / cols;
        float var = ops.sumSquaredDeviations(x, off, cols, mean) / cols;
        float rstd = (float) (1.0 / Math.sqrt(var + eps));
        ops.normalizeSaving(x, off, mean, rstd, gamma, beta, xhat, y, cols);
        return rstd;
    }

    /**
     * Layer norm's backward for one row: dy and xhat at {@code [off, off+cols)}, the row's rstd, gamma
     * {@code [cols]}; writes {@code dx = rstd * (dy*gamma - mean(dy*gamma) - xhat * mean(dy*gamma*xhat))} at
     * the same offsets and adds the row's {@code dy * xhat} to dGamma and dy to dBeta ({@code [cols]}).
     * No checks: for the fused layers' inner loops.
     */
    public void layerNormBackwardRow(float[] dy, float[] xhat, int off, int cols, float rstd, float[] gamma, float[] dx,
                                     float[] dGamma, float[] dBeta) {
        ops.layerNormBackwardRow(dy, xhat, off, cols, rstd, gamma, dx, dGamma, dBeta);
    }
}
