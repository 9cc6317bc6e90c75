package dojo.kernels;

import java.util.Random;

/**
 * Run in a separate JVM by {@link LongSequenceTest} and {@link BackendSelectionTest}, so the heap limit
 * and the module flags can differ from the test JVM's. Prints one line starting with OK or FAIL.
 *
 * <pre>
 *   java -Xmx256m --add-modules jdk.incubator.vector -cp ... dojo.kernels.ForkedKernelsMain long 32768 64
 *   java -cp ... dojo.kernels.ForkedKernelsMain fallback
 * </pre>
 */
public final class ForkedKernelsMain {
    private ForkedKernelsMain() {}

    public static void main(String[] args) {
        String result = switch (args[0]) {
            case "long" -> longSequence(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
            case "fallback" -> fallback();
            case "jitnote" -> jitNote();
            case "gemmtile" -> gemmTile();
            default -> "FAIL unknown mode " + args[0];
        };
        System.out.println(result);
        System.exit(result.startsWith("OK") ? 0 : 1);
    }

    /** One causal head of length n: sampled rows against the double reference, plus a finiteness sweep. */
    static String longSequence(int n, int d) {
        long heap = Runtime.getRuntime().maxMemory();
        float[] q = gaussian(1, n * d), k = gaussian(2, n * d), v = gaussian(3, n * d);
        float[] out;
        try (Parallelism p = Parallelism.allCores()) {
            out = new FusedAttention(Backend.best(), p).attend(n, n, d, d, q, k, v, AttentionMask.causalMask());
        }
        String check = checkRows(n, d, q, k, v, out, new int[] {0, 1, 95, 96, 4097, n / 2, n - 2, n - 1});
        return check + " n=" + n + " d=" + d + " backend=" + Backend.best() + " maxHeapMiB=" + (heap >> 20)
                + " scoreMatrixMiB=" + (((long) n * n * 4) >> 20);
    }

    static String checkRows(int n, int d, float[] q, float[] k, float[] v, float[] out, int[] rows) {
        for (float x : out) if (!Float.isFinite(x)) return "FAIL non-finite output";
        double worst = 0;
        for (int i : rows) {
            float[] qi = java.util.Arrays.copyOfRange(q, i * d, (i + 1) * d);
            // row i of causal attention only sees keys 0..i: a 1 x (i+1) problem
            double[] ref = Reference.attention(1, i + 1, d, d, qi, 0, k, 0, v, 0, false, null);
            for (int c = 0; c < d; c++) worst = Math.max(worst, Math.abs(out[i * d + c] - ref[c]) / (1e-5 + 1e-4 * Math.abs(ref[c])));
        }
        return (worst <= 1 ? "OK" : "FAIL") + " worstErrorOverTolerance=" + String.format("%.3f", worst);
    }

    /** What {@link JitCheck} tells a user of this JVM: NOTE and the note, or NONE (a line starting with OK). */
    static String jitNote() {
        String note = JitCheck.note(Backend.best());
        return "OK " + (note == null ? "NONE" : "NOTE " + note);
    }

    /**
     * Products on this JVM's SGEMM tile (set with -Ddojo.gemm.mr): OK, the tile, and a hash of the bits of every
     * result, which must not depend on the tile; FAIL if any result is off the reference.
     */
    static String gemmTile() {
        Backend best = Backend.best();
        int tile = best.ops().mr();
        var gemm = gemmBits(best);
        var attention = attentionBits(best);
        if (gemm.isEmpty() || attention.isEmpty()) return "FAIL tile=" + tile + " gemm=" + gemm + " attention=" + attention;
        return "OK tile=" + tile + " bits=" + gemm.get() + " attention=" + attention.get();
    }

    /**
     * A hash of the bits of the fused attention, forward and backward (one head, d = 24, n = 100: edge tiles;
     * causal and not), which use the same tile; empty if a result is off the double reference.
     */
    static java.util.Optional<Integer> attentionBits(Backend backend) {
        int n = 100, d = 24, hash = 1;
        float[] q = Reference.uniform(7, n * d), k = Reference.uniform(8, n * d), v = Reference.uniform(9, n * d);
        float[] dOut = Reference.uniform(10, n * d);
        try (Parallelism p = Parallelism.threads(2)) {
            FusedAttention attention = new FusedAttention(backend, p, 48, 64);
            FusedAttentionBackward backward = new FusedAttentionBackward(backend, p);
            for (boolean causal : new boolean[] {false, true}) {
                AttentionMask mask = causal ? AttentionMask.causalMask() : AttentionMask.none();
                float[] o = new float[n * d], lse = new float[n];
                attention.attend(1, 1, n, n, d, d, q, k, v, mask, o, lse);
                double[] ref = Reference.attention(n, n, d, d, q, 0, k, 0, v, 0, causal, null);
                if (Reference.worstRatio(o, ref, 2e-5, 2e-5) > 1) return java.util.Optional.empty();
                float[] dq = new float[n * d], dk = new float[n * d], dv = new float[n * d];
                backward.backward(1, 1, n, n, d, d, q, k, v, o, lse, dOut, mask, dq, dk, dv);
                double[][] refGrad = Reference.attentionBackward(n, n, d, d, widen(q), 0, widen(k), 0, widen(v), 0,
                        widen(dOut), 0, causal, null);
                float[][] grads = {dq, dk, dv};
                for (int g = 0; g < 3; g++) {
                    if (Reference.worstRatio(grads[g], refGrad[g], 1e-4, 1e-4) > 1) return java.util.Optional.empty();
                }
                for (float[] r : new float[][] {o, dq, dk, dv}) {
                    for (float x : r) hash = 31 * hash + Float.floatToRawIntBits(x);
                }
            }
        }
        return java.util.Optional.of(hash);
    }

    private static double[] widen(float[] x) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) y[i] = x[i];
        return y;
    }

    /**
     * A hash of the bits of A.B, A.B^T and A^T.B over shapes with edge tiles on both sides, several k blocks,
     * and a transposed A both read in place (lda <= 1024) and packed; empty if one is off the reference.
     */
    static java.util.Optional<Integer> gemmBits(Backend backend) {
        int[][] shapes = {{1, 1, 1}, {13, 37, 29}, {25, 33, 300}, {100, 70, 1100}, {24, 64, 48}, {7, 2050, 9}};
        int hash = 1;
        try (Parallelism p = Parallelism.threads(2)) {
            Sgemm sgemm = new Sgemm(backend, p, new Sgemm.Blocking(256, 48, 512, CacheSizes.fallback()));
            for (int[] s : shapes) {
                int m = s[0], n = s[1], k = s[2];
                float[] a = Reference.uniform(m * 31 + n, m * k), b = Reference.uniform(n * 17 + k, k * n);
                float[] c = new float[m * n], ct = new float[m * n], cta = new float[m * n];
                sgemm.multiply(m, n, k, a, b, c);
                sgemm.multiplyTransposed(m, n, k, a, b, ct);          // b read as [n][k]
                sgemm.multiplyTransposedA(m, n, k, a, b, cta);        // a read as [k][m]
                double[][] ref = Reference.matmul(m, n, k, a, b, false);
                for (int i = 0; i < c.length; i++) {
                    if (Math.abs(c[i] - ref[0][i]) > 1e-5 * (1 + ref[1][i])) return java.util.Optional.empty();
                }
                for (float[] r : new float[][] {c, ct, cta}) {
                    for (float x : r) hash = 31 * hash + Float.floatToRawIntBits(x);
                }
            }
        }
        return java.util.Optional.of(hash);
    }

    /** Whatever backend this JVM picks must give correct results; the flag of the JVM decides which. */
    static String fallback() {
        Backend best = Backend.best();
        int m = 19, n = 23, k = 37;
        float[] a = Reference.uniform(1, m * k), b = Reference.uniform(2, k * n), c = new float[m * n];
        new Sgemm(best, Parallelism.serial()).multiply(m, n, k, a, b, c);
        double[][] ref = Reference.matmul(m, n, k, a, b, false);
        for (int i = 0; i < c.length; i++) if (Math.abs(c[i] - ref[0][i]) > 1e-5 * (1 + ref[1][i])) return "FAIL sgemm element " + i;
        int len = 41, d = 8;
        float[] x = Reference.uniform(3, len * d);
        float[] o = new FusedAttention(best, Parallelism.serial()).attend(len, len, d, d, x, x, x, AttentionMask.causalMask());
        double[] r = Reference.attention(len, len, d, d, x, 0, x, 0, x, 0, true, null);
        if (Reference.worstRatio(o, r, 2e-5, 2e-5) > 1) return "FAIL attention";
        return "OK backend=" + best + " vectorAvailable=" + Backend.vectorAvailable();
    }

    private static float[] gaussian(long seed, int size) {
        Random r = new Random(seed);
        float[] x = new float[size];
        for (int i = 0; i < size; i++) x[i] = (float) r.nextGaussian();
        return x;
    }
}
