package dojo.tensor;

/** The plain-Java tile: same packing and summation order as the vector kernel. */
final class ScalarDoubleKernel implements DoubleKernel {

    private static final int MR = 4;
    private static final int NR = 8;

    @Override
    public int mr() {
        return MR;
    }

    @Override
    public int nr() {
        return NR;
    }

    @Override
    public void tile(int kc, double[] a, int aOff, double[] b, int bOff, double[] c, int cOff, int ldc, int rows, int cols) {
        double[] acc = new double[MR * NR];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) acc[i * NR + j] = c[cOff + i * ldc + j];
        }
        for (int p = 0; p < kc; p++) {
            int ap = aOff + p * MR;
            int bp = bOff + p * NR;
            for (int i = 0; i < MR; i++) {
                double av = a[ap + i];
                for (int j = 0; j < NR; j++) acc[i * NR + j] = Math.fma(av, b[bp + j], acc[i * NR + j]);
            }
        }
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) c[cOff + i * ldc + j] = acc[i * NR + j];
        }
    }

    @Override
    public String describe() {
        return "scalar";
    }

    @Override
    public void reluGrad(double[] x, double[] g, double[] out, int from, int to) {
        for (int i = from; i < to; i++) out[i] = x[i] > 0 ? g[i] : 0;
    }
}
