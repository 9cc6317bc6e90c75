package dojo.tensor;

import java.util.stream.IntStream;

/**
 * Double-precision matrix multiply for {@link Tensor#matmul}: {@code C[b] = A[b] . B[b]} for a batch of
 * strided operands into a contiguous C.
 *
 * <p>B is packed per {@code KC x NC} block into a contiguous panel (so transposed views cost no extra
 * copy); four rows of A share each load of a B row (the inner j-loop is vectorised by C2). Tasks are
 * (batch, block of rows); every element of C is one k-sum in ascending order computed by one thread,
 * so results are the same for any number of threads.
 */
final class Gemm {

    static final int KC = 256;
    static final int NC = 512;
    static final int MR = 4;
    static final int ROWS_PER_TASK = 16;
    /** Below this many multiply-adds a product runs on the calling thread. */
    static final long PARALLEL_THRESHOLD = 1L << 18;

    private Gemm() {
    }

    static void batched(int batches, int n, int m, int k,
                        double[] a, int[] aOff, int aRs, int aCs,
                        double[] b, int[] bOff, int bRs, int bCs, double[] c) {
        if (n == 0 || m == 0 || batches == 0) return;
        if (k == 0) return;
        int rowTasks = (n + ROWS_PER_TASK - 1) / ROWS_PER_TASK;
        int tasks = batches * rowTasks;
        long work = (long) batches * n * m * k;
        // B panels are packed once per batch and (k, j) block and shared by the row tasks of that batch
        double[][][] packed = new double[batches][][];
        int kBlocks = (k + KC - 1) / KC;
        int nBlocks = (m + NC - 1) / NC;
        IntStream packs = IntStream.range(0, batches * kBlocks * nBlocks);
        if (work >= PARALLEL_THRESHOLD) packs = packs.parallel();
        for (int bi = 0; bi < batches; bi++) packed[bi] = new double[kBlocks * nBlocks][];
        packs.forEach(t -> {
            int bi = t / (kBlocks * nBlocks);
            int blk = t % (kBlocks * nBlocks);
            int kb = blk / nBlocks;
            int nb = blk % nBlocks;
            int p0 = kb * KC;
            int kc = Math.min(KC, k - p0);
            int j0 = nb * NC;
            int nc = Math.min(NC, m - j0);
            double[] panel = new double[kc * nc];
            int base = bOff[bi] + p0 * bRs + j0 * bCs;
            for (int p = 0; p < kc; p++) {
                int src = base + p * bRs;
                int dst = p * nc;
                if (bCs == 1) {
                    System.arraycopy(b, src, panel, dst, nc);
                } else {
                    for (int j = 0; j < nc; j++) panel[dst + j] = b[src + j * bCs];
                }
            }
            packed[bi][blk] = panel;
        });
        IntStream range = IntStream.range(0, tasks);
        if (work >= PARALLEL_THRESHOLD) range = range.parallel();
        range.forEach(t -> {
            int bi = t / rowTasks;
            int r0 = (t % rowTasks) * ROWS_PER_TASK;
            int r1 = Math.min(n, r0 + ROWS_PER_TASK);
            int cBase = bi * n * m;
            for (int nb = 0; nb < nBlocks; nb++) {
                int j0 = nb * NC;
                int nc = Math.min(NC, m - j0);
                for (int kb = 0; kb < kBlocks; kb++) {
                    int p0 = kb * KC;
                    int kc = Math.min(KC, k - p0);
                    double[] panel = packed[bi][kb * nBlocks + nb];
                    int aBase = aOff[bi] + p0 * aCs;
                    int i = r0;
                    for (; i + MR <= r1; i += MR) {
                        kernel4(panel, kc, nc, a, aBase + i * aRs, aRs, aCs, c, cBase + i * m + j0, m);
                    }
                    for (; i < r1; i++) {
                        kernel1(panel, kc, nc, a, aBase + i * aRs, aCs, c, cBase + i * m + j0);
                    }
                }
            }
        });
    }

    private static void kernel4(double[] panel, int kc, int nc, double[] a, int aRow, int aRs, int aCs,
                                double[] c, int c0, int ldc) {
        int c1 = c0 + ldc;
        int c2 = c1 + ldc;
        int c3 = c2 + ldc;
        for (int p = 0; p < kc; p++) {
            int ap = aRow + p * aCs;
            double a0 = a[ap];
            double a1 = a[ap + aRs];
            double a2 = a[ap + 2 * aRs];
            double a3 = a[ap + 3 * aRs];
            int bp = p * nc;
            for (int j = 0; j < nc; j++) {
                double bv = panel[bp + j];
                c[c0 + j] += a0 * bv;
                c[c1 + j] += a1 * bv;
                c[c2 + j] += a2 * bv;
                c[c3 + j] += a3 * bv;
            }
        }
    }

    private static void kernel1(double[] panel, int kc, int nc, double[] a, int aRow, int aCs, double[] c, int c0) {
        for (int p = 0; p < kc; p++) {
            double a0 = a[aRow + p * aCs];
            int bp = p * nc;
            for (int j = 0; j < nc; j++) c[c0 + j] += a0 * panel[bp + j];
        }
    }
}
