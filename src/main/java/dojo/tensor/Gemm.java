package dojo.tensor;

import java.util.stream.IntStream;

/**
 * Double-precision matrix multiply for {@link Tensor#matmul}: {@code C[b] = A[b] . B[b]} for a batch of
 * strided operands (any row and column strides, so transposed views cost nothing) into a contiguous C.
 *
 * <p>Goto/BLIS blocking, as {@code dojo.kernels.Sgemm} does in float: per batch, B is packed in
 * {@code KC x NC} panels of {@code nr}-wide slivers (shared by all row blocks), each {@code MC x KC}
 * block of A in {@code mr}-high slivers, and a register-blocked {@link DoubleKernel} multiplies sliver
 * pairs. Tasks are (batch, block of MC rows) and run on the common fork-join pool when the product is
 * large; each C element is one multiply-add chain in ascending k computed by one thread, so results do
 * not depend on the number of threads.
 */
final class Gemm {

    static final int KC = 256;
    static final int MC = 96;
    static final int NC = 1024;
    /** Below this many multiply-adds a product runs on the calling thread. */
    static final long PARALLEL_THRESHOLD = 1L << 17;

    private static final DoubleKernel KERNEL = load();

    private Gemm() {
    }

    private static DoubleKernel load() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            try {
                return (DoubleKernel) Class.forName("dojo.tensor.VectorDoubleKernel").getDeclaredConstructor().newInstance();
            } catch (ReflectiveOperationException | LinkageError e) {
                return new ScalarDoubleKernel();
            }
        }
        return new ScalarDoubleKernel();
    }

    /** The inner loops this JVM runs (vector or scalar), for the element-wise ops that need SIMD. */
    static DoubleKernel kernel() {
        return KERNEL;
    }

    /** Which inner loop this JVM runs, for reports. */
    static String describe() {
        return KERNEL.describe();
    }

    static void batched(int batches, int n, int m, int k,
                        double[] a, int[] aOff, int aRs, int aCs,
                        double[] b, int[] bOff, int bRs, int bCs, double[] c) {
        batched(KERNEL, batches, n, m, k, a, aOff, aRs, aCs, b, bOff, bRs, bCs, c);
    }

    /** With an explicit inner loop (tests compare the scalar and vector kernels). */
    static void batched(DoubleKernel kern, int batches, int n, int m, int k,
                        double[] a, int[] aOff, int aRs, int aCs,
                        double[] b, int[] bOff, int bRs, int bCs, double[] c) {
        if (n == 0 || m == 0 || batches == 0 || k == 0) return;
        int mr = kern.mr();
        int nr = kern.nr();
        int kBlocks = (k + KC - 1) / KC;
        int nBlocks = (m + NC - 1) / NC;
        int rowBlocks = (n + MC - 1) / MC;
        boolean parallel = (long) batches * n * m * k >= PARALLEL_THRESHOLD;
        // pack every B panel of every batch once; row tasks share them
        double[][] panels = new double[batches * kBlocks * nBlocks][];
        IntStream packs = IntStream.range(0, panels.length);
        (parallel ? packs.parallel() : packs).forEach(t -> {
            int bi = t / (kBlocks * nBlocks);
            int kb = (t / nBlocks) % kBlocks;
            int nb = t % nBlocks;
            panels[t] = packB(b, bOff[bi] + kb * KC * bRs + nb * NC * bCs, bRs, bCs,
                    Math.min(KC, k - kb * KC), Math.min(NC, m - nb * NC), nr);
        });
        IntStream tasks = IntStream.range(0, batches * rowBlocks);
        (parallel ? tasks.parallel() : tasks).forEach(t -> {
            int bi = t / rowBlocks;
            int r0 = (t % rowBlocks) * MC;
            int mc = Math.min(MC, n - r0);
            int cBase = bi * n * m;
            double[] packedA = new double[roundUp(mc, mr) * Math.min(KC, k)];
            for (int kb = 0; kb < kBlocks; kb++) {
                int p0 = kb * KC;
                int kc = Math.min(KC, k - p0);
                packA(a, aOff[bi] + r0 * aRs + p0 * aCs, aRs, aCs, mc, kc, mr, packedA);
                for (int nb = 0; nb < nBlocks; nb++) {
                    int j0 = nb * NC;
                    int nc = Math.min(NC, m - j0);
                    double[] panel = panels[(bi * kBlocks + kb) * nBlocks + nb];
                    for (int js = 0; js < nc; js += nr) {
                        int cols = Math.min(nr, nc - js);
                        int bOffset = (js / nr) * kc * nr;
                        for (int is = 0; is < mc; is += mr) {
                            int rows = Math.min(mr, mc - is);
                            kern.tile(kc, packedA, (is / mr) * kc * mr, panel, bOffset, c,
                                    cBase + (r0 + is) * m + j0 + js, m, rows, cols);
                        }
                    }
                }
            }
        });
    }

    /** B[p0.., j0..] ({@code kc x nc}) into slivers of nr columns, p-major inside each, zero-padded. */
    private static double[] packB(double[] b, int off, int rs, int cs, int kc, int nc, int nr) {
        int slivers = (nc + nr - 1) / nr;
        double[] out = new double[slivers * kc * nr];
        for (int s = 0; s < slivers; s++) {
            int j0 = s * nr;
            int w = Math.min(nr, nc - j0);
            int base = s * kc * nr;
            for (int p = 0; p < kc; p++) {
                int src = off + p * rs + j0 * cs;
                int dst = base + p * nr;
                if (cs == 1) {
                    System.arraycopy(b, src, out, dst, w);
                } else {
                    for (int j = 0; j < w; j++) out[dst + j] = b[src + j * cs];
                }
            }
        }
        return out;
    }

    /** A[r0.., p0..] ({@code mc x kc}) into slivers of mr rows, p-major inside each, zero-padded. */
    private static void packA(double[] a, int off, int rs, int cs, int mc, int kc, int mr, double[] out) {
        int slivers = (mc + mr - 1) / mr;
        for (int s = 0; s < slivers; s++) {
            int i0 = s * mr;
            int h = Math.min(mr, mc - i0);
            int base = s * kc * mr;
            if (cs == 1) {
                // row-major A: read each row sequentially, write with stride mr (the sliver stays in L1)
                for (int i = 0; i < h; i++) {
                    int src = off + (i0 + i) * rs;
                    for (int p = 0; p < kc; p++) out[base + p * mr + i] = a[src + p];
                }
                for (int i = h; i < mr; i++) {
                    for (int p = 0; p < kc; p++) out[base + p * mr + i] = 0;
                }
            } else {
                for (int p = 0; p < kc; p++) {
                    int dst = base + p * mr;
                    int src = off + i0 * rs + p * cs;
                    for (int i = 0; i < h; i++) out[dst + i] = a[src + i * rs];
                    for (int i = h; i < mr; i++) out[dst + i] = 0;
                }
            }
        }
    }

    private static int roundUp(int x, int m) {
        return (x + m - 1) / m * m;
    }
}
