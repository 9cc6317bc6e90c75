package dojo.tensor;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * A 6 x (2 vectors) register-blocked tile on the Vector API: 12 accumulators, per p two loads of B,
 * six broadcasts of A and twelve FMAs (6 x 16 doubles with AVX-512). Loaded by name (see
 * {@link Gemm}), so this class is never resolved without {@code jdk.incubator.vector}.
 */
final class VectorDoubleKernel implements DoubleKernel {

    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final int MR = 6;
    private static final int NR = 2 * L;

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
        if (rows != MR || cols != NR) {
            edge(kc, a, aOff, b, bOff, c, cOff, ldc, rows, cols);
            return;
        }
        int c0 = cOff;
        int c1 = c0 + ldc;
        int c2 = c1 + ldc;
        int c3 = c2 + ldc;
        int c4 = c3 + ldc;
        int c5 = c4 + ldc;
        DoubleVector r00 = DoubleVector.fromArray(S, c, c0), r01 = DoubleVector.fromArray(S, c, c0 + L);
        DoubleVector r10 = DoubleVector.fromArray(S, c, c1), r11 = DoubleVector.fromArray(S, c, c1 + L);
        DoubleVector r20 = DoubleVector.fromArray(S, c, c2), r21 = DoubleVector.fromArray(S, c, c2 + L);
        DoubleVector r30 = DoubleVector.fromArray(S, c, c3), r31 = DoubleVector.fromArray(S, c, c3 + L);
        DoubleVector r40 = DoubleVector.fromArray(S, c, c4), r41 = DoubleVector.fromArray(S, c, c4 + L);
        DoubleVector r50 = DoubleVector.fromArray(S, c, c5), r51 = DoubleVector.fromArray(S, c, c5 + L);
        int ap = aOff;
        int bp = bOff;
        for (int p = 0; p < kc; p++, ap += MR, bp += NR) {
            DoubleVector b0 = DoubleVector.fromArray(S, b, bp);
            DoubleVector b1 = DoubleVector.fromArray(S, b, bp + L);
            DoubleVector x = DoubleVector.broadcast(S, a[ap]);
            r00 = x.fma(b0, r00);
            r01 = x.fma(b1, r01);
            x = DoubleVector.broadcast(S, a[ap + 1]);
            r10 = x.fma(b0, r10);
            r11 = x.fma(b1, r11);
            x = DoubleVector.broadcast(S, a[ap + 2]);
            r20 = x.fma(b0, r20);
            r21 = x.fma(b1, r21);
            x = DoubleVector.broadcast(S, a[ap + 3]);
            r30 = x.fma(b0, r30);
            r31 = x.fma(b1, r31);
            x = DoubleVector.broadcast(S, a[ap + 4]);
            r40 = x.fma(b0, r40);
            r41 = x.fma(b1, r41);
            x = DoubleVector.broadcast(S, a[ap + 5]);
            r50 = x.fma(b0, r50);
            r51 = x.fma(b1, r51);
        }
        r00.intoArray(c, c0);
        r01.intoArray(c, c0 + L);
        r10.intoArray(c, c1);
        r11.intoArray(c, c1 + L);
        r20.intoArray(c, c2);
        r21.intoArray(c, c2 + L);
        r30.intoArray(c, c3);
        r31.intoArray(c, c3 + L);
        r40.intoArray(c, c4);
        r41.intoArray(c, c4 + L);
        r50.intoArray(c, c5);
        r51.intoArray(c, c5 + L);
    }

    /** A partial tile at the bottom or right edge: through a local full tile (packed data is zero-padded). */
    private void edge(int kc, double[] a, int aOff, double[] b, int bOff, double[] c, int cOff, int ldc, int rows, int cols) {
        double[] t = new double[MR * NR];
        for (int i = 0; i < rows; i++) System.arraycopy(c, cOff + i * ldc, t, i * NR, cols);
        tile(kc, a, aOff, b, bOff, t, 0, NR, MR, NR);
        for (int i = 0; i < rows; i++) System.arraycopy(t, i * NR, c, cOff + i * ldc, cols);
    }

    @Override
    public String describe() {
        return "vector (" + S.vectorBitSize() + "-bit, " + L + " doubles)";
    }

    @Override
    public void reluGrad(double[] x, double[] g, double[] out, int from, int to) {
        DoubleVector zero = DoubleVector.zero(S);
        int i = from;
        for (int bound = from + S.loopBound(to - from); i < bound; i += L) {
            DoubleVector xv = DoubleVector.fromArray(S, x, i);
            zero.blend(DoubleVector.fromArray(S, g, i), xv.compare(VectorOperators.GT, 0.0)).intoArray(out, i);
        }
        for (; i < to; i++) out[i] = x[i] > 0 ? g[i] : 0;
    }
}
