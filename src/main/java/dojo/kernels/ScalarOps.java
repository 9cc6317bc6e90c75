package dojo.kernels;

/**
 * Plain-Java inner loops: the fallback when {@code jdk.incubator.vector} is absent. Same contract as
 * {@link VectorOps}; the GEMM tile uses {@link Math#fma} in the same k order, so it is bitwise equal.
 */
final class ScalarOps implements KernelOps {

    static final ScalarOps INSTANCE = new ScalarOps();
    private static final int MR = 6;
    private static final int NR = 16;

    private ScalarOps() {}

    @Override public int mr() { return MR; }
    @Override public int nr() { return NR; }
    @Override public String describe() { return "scalar"; }
    @Override public int lanes() { return 1; }
    @Override public int fmaChainCount() { return 12; }

    @Override
    public float fmaChains(long iterations, float m, float c) {
        float x0 = 0.5f, x1 = 0.51f, x2 = 0.52f, x3 = 0.53f, x4 = 0.54f, x5 = 0.55f;
        float x6 = 0.56f, x7 = 0.57f, x8 = 0.58f, x9 = 0.59f, x10 = 0.6f, x11 = 0.61f;
        for (long i = 0; i < iterations; i++) {
            x0 = Math.fma(x0, m, c); x1 = Math.fma(x1, m, c); x2 = Math.fma(x2, m, c); x3 = Math.fma(x3, m, c);
            x4 = Math.fma(x4, m, c); x5 = Math.fma(x5, m, c); x6 = Math.fma(x6, m, c); x7 = Math.fma(x7, m, c);
            x8 = Math.fma(x8, m, c); x9 = Math.fma(x9, m, c); x10 = Math.fma(x10, m, c); x11 = Math.fma(x11, m, c);
        }
        return x0 + x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + x9 + x10 + x11;
    }

    @Override
    public void microKernel(int kc, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int ldc,
                            boolean accumulate) {
        microKernelColA(kc, a, aOff, MR, b, bOff, c, cOff, ldc, accumulate);
    }

    @Override
    public void microKernelColA(int kc, float[] a, int aOff, int lda, float[] b, int bOff, float[] c, int cOff, int ldc,
                                boolean accumulate) {
        // one row at a time: NR independent chains in a local array, which C2 keeps in registers or L1
        float[] acc = new float[NR];
        for (int r = 0; r < MR; r++) {
            int cr = cOff + r * ldc;
            for (int j = 0; j < NR; j++) acc[j] = accumulate ? c[cr + j] : 0f;
            for (int k = 0, bk = bOff; k < kc; k++, bk += NR) {
                float x = a[aOff + k * lda + r];
                for (int j = 0; j < NR; j++) acc[j] = Math.fma(x, b[bk + j], acc[j]);
            }
            System.arraycopy(acc, 0, c, cr, NR);
        }
    }

    @Override
    public void microKernelRowA(int kc, float[] a, int aOff, int lda, float[] b, int bOff, float[] c, int cOff, int ldc,
                                boolean accumulate) {
        float[] acc = new float[NR];
        for (int r = 0; r < MR; r++) {
            int cr = cOff + r * ldc, ar = aOff + r * lda;
            for (int j = 0; j < NR; j++) acc[j] = accumulate ? c[cr + j] : 0f;
            for (int k = 0, bk = bOff; k < kc; k++, bk += NR) {
                float x = a[ar + k];
                for (int j = 0; j < NR; j++) acc[j] = Math.fma(x, b[bk + j], acc[j]);
            }
            System.arraycopy(acc, 0, c, cr, NR);
        }
    }

    @Override
    public void transposeBlocks(float[] src, int srcOff, int srcStride, int rows, int cols, int blocks, float scale,
                                float[] dst, int dstOff) {
        for (int b = 0; b < blocks; b++) {
            transposeColumns(src, srcOff + b * rows * srcStride, srcStride, rows, 0, cols, scale, dst, dstOff + b * rows * cols);
        }
    }

    /** One block of {@link #transposeBlocks}, its columns [c0, cols) (the vector backend's leftover columns too). */
    static void transposeColumns(float[] src, int srcOff, int srcStride, int rows, int c0, int cols, float scale,
                                 float[] dst, int dstOff) {
        for (int r = 0; r < rows; r++) {
            int from = srcOff + r * srcStride;
            for (int c = c0; c < cols; c++) dst[dstOff + c * rows + r] = src[from + c] * scale;
        }
    }

    @Override
    public float max(float[] x, int off, int len) {
        float m = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < len; i++) m = Math.max(m, x[off + i]);
        return m;
    }

    @Override
    public float expShiftSum(float[] x, int off, int len, float shift, float[] p, int pOff) {
        float s = 0f;
        for (int i = 0; i < len; i++) {
            float e = (float) Math.exp(x[off + i] - shift);
            p[pOff + i] = e;
            s += e;
        }
        return s;
    }

    @Override
    public void softmaxBackward(float[] s, float[] dp, int off, int len, float lse, float dsum) {
        for (int i = 0; i < len; i++) {
            float p = (float) Math.exp(s[off + i] - lse);
            s[off + i] = p;
            dp[off + i] = p * (dp[off + i] - dsum);
        }
    }

    @Override
    public void exp(float[] x, int xOff, float[] y, int yOff, int len) {
        for (int i = 0; i < len; i++) y[yOff + i] = (float) Math.exp(x[xOff + i]);
    }

    @Override
    public void scale(float[] x, int off, int len, float s) {
        for (int i = 0; i < len; i++) x[off + i] *= s;
    }

    @Override
    public void relu(float[] x, int xOff, float[] y, int yOff, int len) {
        for (int i = 0; i < len; i++) y[yOff + i] = Math.max(x[xOff + i], 0f);
    }

    @Override
    public void addInto(float[] x, int xOff, float[] acc, int accOff, int len) {
        for (int i = 0; i < len; i++) acc[accOff + i] += x[xOff + i];
    }

    @Override
    public void reluBackward(float[] x, float[] g, int off, int len) {
        for (int i = 0; i < len; i++) g[off + i] = x[off + i] > 0 ? g[off + i] : 0f;
    }

    @Override
    public void scaleInto(float[] x, int xOff, float s, float[] y, int yOff, int len) {
        for (int i = 0; i < len; i++) y[yOff + i] = x[xOff + i] * s;
    }

    @Override
    public float sum(float[] x, int off, int len) {
        float s = 0f;
        for (int i = 0; i < len; i++) s += x[off + i];
        return s;
    }

    @Override
    public float sumDeviations(float[] x, int off, int len, float mean) {
        float s = 0f;
        for (int i = 0; i < len; i++) s += x[off + i] - mean;
        return s;
    }

    @Override
    public float sumSquaredDeviations(float[] x, int off, int len, float mean) {
        float s = 0f;
        for (int i = 0; i < len; i++) {
            float dev = x[off + i] - mean;
            s = Math.fma(dev, dev, s);
        }
        return s;
    }

    @Override
    public void normalize(float[] x, int xOff, float mean, float rstd, float[] gamma, float[] beta,
                          float[] y, int yOff, int len) {
        for (int i = 0; i < len; i++) y[yOff + i] = Math.fma((x[xOff + i] - mean) * rstd, gamma[i], beta[i]);
    }

    @Override
    public void normalizeSaving(float[] x, int off, float mean, float rstd, float[] gamma, float[] beta, float[] xhat, float[] y,
                                int len) {
        for (int i = 0; i < len; i++) {
            float h = (x[off + i] - mean) * rstd;
            xhat[off + i] = h;
            y[off + i] = Math.fma(h, gamma[i], beta[i]);
        }
    }

    @Override
    public void layerNormBackwardRow(float[] dy, float[] xhat, int off, int len, float rstd, float[] gamma, float[] dx,
                                     float[] dGamma, float[] dBeta) {
        float m1 = 0f, m2 = 0f;
        for (int j = 0; j < len; j++) {
            float gg = dy[off + j] * gamma[j];
            m1 += gg;
            m2 = Math.fma(gg, xhat[off + j], m2);
            dGamma[j] = Math.fma(dy[off + j], xhat[off + j], dGamma[j]);
            dBeta[j] += dy[off + j];
        }
        m1 /= len;
        m2 /= len;
        for (int i = 0; i < len; i++) dx[off + i] = (dy[off + i] * gamma[i] - m1 - xhat[off + i] * m2) * rstd;
    }
}
