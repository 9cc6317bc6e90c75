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

    @Override
    public void microKernel(int kc, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int ldc,
                            boolean accumulate) {
        // one row at a time: NR independent chains in a local array, which C2 keeps in registers or L1
        float[] acc = new float[NR];
        for (int r = 0; r < MR; r++) {
            int cr = cOff + r * ldc;
            for (int j = 0; j < NR; j++) acc[j] = accumulate ? c[cr + j] : 0f;
            for (int k = 0, bk = bOff; k < kc; k++, bk += NR) {
                float x = a[aOff + k * MR + r];
                for (int j = 0; j < NR; j++) acc[j] = Math.fma(x, b[bk + j], acc[j]);
            }
            System.arraycopy(acc, 0, c, cr, NR);
        }
    }

    @Override
    public float max(float[] x, int off, int len) {
        float m = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < len; i++) m = Math.max(m, x[off + i]);
        return m;
    }

    @Override
    public float expShiftSum(float[] x, int off, int len, float shift) {
        float s = 0f;
        for (int i = 0; i < len; i++) {
            float e = (float) Math.exp(x[off + i] - shift);
            x[off + i] = e;
            s += e;
        }
        return s;
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
}
