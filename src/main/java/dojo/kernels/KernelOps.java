package dojo.kernels;

/**
 * The inner loops every kernel is built from; {@link VectorOps} and {@link ScalarOps} implement them.
 * Blocking, packing, masking and threading live above this line, once, so both backends do the same
 * arithmetic in the same order (the GEMM micro-kernel is even bitwise equal between them: a chain of
 * fused multiply-adds per output element).
 */
interface KernelOps {

    /**
     * Rows of the GEMM micro-tile, for {@link Sgemm} and the attention kernels alike: 6, or 12 on AVX-512 CPUs
     * other than AMD's ({@code VectorOps.gemmTileRows}; docs/kernels.md, "Two tiles").
     */
    int mr();

    /** Columns of the GEMM micro-tile; packed B panels are {@code nr()} floats wide. */
    int nr();

    String describe();

    /** Floats per SIMD register (1 for the scalar backend). */
    int lanes();

    /** Independent FMA chains in {@link #fmaChains}: enough to cover FMA latency x FMA ports. */
    int fmaChainCount();

    /**
     * The FMA ceiling loop: {@code iterations} rounds of {@link #fmaChainCount()} independent
     * {@code x = x * m + c} chains on full registers, nothing else (no loads, no stores). Each round is
     * {@code 2 * fmaChainCount() * lanes()} flops. Returns a value of the chains so the work is not
     * dead code.
     */
    float fmaChains(long iterations, float m, float c);

    /**
     * {@code C[mr][nr] (+)= A[mr][kc] . B[kc][nr]}, one fused multiply-add chain per element, k ascending.
     *
     * @param a packed sliver: A(r, k) is at {@code aOff + k * mr + r}
     * @param b packed sliver: B(k, j) is at {@code bOff + k * nr + j}
     * @param accumulate start each chain from the current C (else from zero)
     */
    void microKernel(int kc, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int ldc, boolean accumulate);

    /**
     * As {@link #microKernel} but A is read in place from a column-major layout: A(r, k) at
     * {@code aOff + k * lda + r} (the packed sliver is the case {@code lda = mr}; a transposed operand
     * A^T stored [k][m] is read without packing). Same chains, same bits.
     */
    void microKernelColA(int kc, float[] a, int aOff, int lda, float[] b, int bOff, float[] c, int cOff, int ldc,
                         boolean accumulate);

    /**
     * As {@link #microKernel} but A is read unpacked, row-major: A(r, k) at {@code aOff + r * lda + k}
     * (the tile's rows read side by side). Same fused multiply-add chains in the same order, so the same bits.
     */
    void microKernelRowA(int kc, float[] a, int aOff, int lda, float[] b, int bOff, float[] c, int cOff, int ldc,
                         boolean accumulate);

    /** Maximum of {@code x[off, off+len)}; NaN if any is NaN; -inf when len is 0. */
    float max(float[] x, int off, int len);

    /**
     * Consecutive blocks of {@code rows} rows, each transposed, for packing micro-kernel slivers: block b
     * (rows {@code b * rows ..} of src) goes to {@code dst[dstOff + b * rows * cols + c * rows + r] =
     * src[srcOff + (b * rows + r) * srcStride + c] * scale} for {@code r < rows, c < cols} (scale 1 copies
     * exactly).
     */
    void transposeBlocks(float[] src, int srcOff, int srcStride, int rows, int cols, int blocks, float scale,
                         float[] dst, int dstOff);

    /**
     * {@code x[i] = exp(x[i] - shift)} in place over {@code [off, off+len)}; returns the sum:
     * {@link #expShiftSum(float[], int, int, float, float[], int)} with p = x.
     */
    default float expShiftSum(float[] x, int off, int len, float shift) {
        return expShiftSum(x, off, len, shift, x, off);
    }

    /**
     * {@code p[pOff + i] = exp(x[off + i] - shift)} for i in {@code [0, len)}; returns their sum (p may be x,
     * same offsets). Meant for softmax, {@code x[i] - shift <= 0}, and for a stale shift that x exceeds by a
     * few units (the attention's lazy rescaling): the vector backend's inline polynomial exp is within 2 ulp
     * for {@code x[i] - shift <= 88}, 0 below ~-87.7 (exp is subnormal there) and for -inf. Beyond 88 (an
     * overflow) the sum is +inf or NaN; a NaN anywhere makes it NaN.
     */
    float expShiftSum(float[] x, int off, int len, float shift, float[] p, int pOff);

    /**
     * The softmax backward of one row of a block, in place over {@code [off, off+len)}:
     * {@code p = exp(s - lse)} into {@code s}, {@code ds = p * (dp - dsum)} into {@code dp}.
     */
    void softmaxBackward(float[] s, float[] dp, int off, int len, float lse, float dsum);

    /** {@code y[i] = exp(x[i])}. */
    void exp(float[] x, int xOff, float[] y, int yOff, int len);

    /** {@code x[i] *= s} in place. */
    void scale(float[] x, int off, int len, float s);

    /** {@code y[i] = x[i] * s}. */
    void scaleInto(float[] x, int xOff, float s, float[] y, int yOff, int len);

    float sum(float[] x, int off, int len);

    /** {@code sum (x[i] - mean)}: the correction that makes a float mean accurate to rounding. */
    float sumDeviations(float[] x, int off, int len, float mean);

    /** {@code sum (x[i] - mean)^2}. */
    float sumSquaredDeviations(float[] x, int off, int len, float mean);

    /**
     * {@code g[i] = x[i] > 0 ? g[i] : 0} in place: relu's backward (NaN in x gives 0, as {@code x > 0} is
     * false). A plain loop branches on the sign of every activation, which is unpredictable (a fused
     * encoder layer spent 9% of its step there); the vector version selects lanes with a mask.
     */
    void reluBackward(float[] x, float[] g, int off, int len);

    /** {@code y[yOff + i] = Math.max(x[xOff + i], 0)} (NaN stays NaN, -0 gives +0, as {@link Math#max}); y may be x. */
    void relu(float[] x, int xOff, float[] y, int yOff, int len);

    /** {@code acc[accOff + i] += x[xOff + i]}: a row added into running column sums, or a bias into a row. */
    void addInto(float[] x, int xOff, float[] acc, int accOff, int len);

    /**
     * As {@link #normalize} over {@code [off, off+len)} of x, y and xhat (gamma and beta from 0), also
     * keeping {@code xhat[i] = (x[i] - mean) * rstd} for the backward; y gets the same bits as normalize.
     */
    void normalizeSaving(float[] x, int off, float mean, float rstd, float[] gamma, float[] beta, float[] xhat, float[] y, int len);

    /**
     * Layer norm's backward for one row {@code [off, off+len)} of dy and xhat (gamma from 0):
     * {@code dx = rstd * (dy*gamma - mean(dy*gamma) - xhat * mean(dy*gamma*xhat))} into dx at off, and
     * {@code dGamma[i] += dy[i] * xhat[i]}, {@code dBeta[i] += dy[i]} (accumulators from 0).
     */
    void layerNormBackwardRow(float[] dy, float[] xhat, int off, int len, float rstd, float[] gamma, float[] dx,
                              float[] dGamma, float[] dBeta);

    /** {@code y[i] = (x[i] - mean) * rstd * gamma[i] + beta[i]}. */
    void normalize(float[] x, int xOff, float mean, float rstd, float[] gamma, float[] beta, float[] y, int yOff, int len);
}
