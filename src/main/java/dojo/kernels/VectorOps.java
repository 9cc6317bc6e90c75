package dojo.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Inner loops on the Vector API. Loaded only by name from {@link Backend} when the module is present.
 * Each loop runs to {@code F.loopBound(len)} and finishes with a scalar tail.
 */
final class VectorOps implements KernelOps {

    /** The one species: the widest this CPU runs well (16 floats with AVX-512, 8 with AVX2). */
    static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    /** F's shape in ints (the exp's exponent bits). */
    private static final VectorSpecies<Integer> I = F.vectorShape().withLanes(int.class);
    private static final int L = F.length();
    private static final int NR = 2 * L;
    /** Rows of the 6 x 2L tile: 12 accumulators, 2 B vectors and a broadcast in AVX2's 16 registers. */
    static final int SIX = 6;
    /** Rows of the wide tile: 24 accumulators, 2 B vectors and a broadcast in AVX-512's 32 registers. */
    static final int WIDE_MR = 12;
    /** The tile rows on this machine, for the SGEMM and the attention kernels alike: {@link #gemmTileRows}. */
    /**
     * The row stride of A with a kernel of its own ({@link #wide12RowA256}): the fused attention's
     * probabilities (one row per query, {@link FusedAttention#BK} keys apart). Measured on a Xeon (family 6
     * model 167), one thread, the attention's P.V tiles (48 rows, 256 keys, 64 columns) alternated in one JVM:
     * 169 GFLOP/s with these rows 256 apart against 157 with the same rows 264 apart (the general kernel).
     */
    static final int ROW_A_FIXED_LDA = 256;
    private static final int MR = gemmTileRows(L, System.getProperty("dojo.gemm.mr"), CpuVendor.read());

    /**
     * The micro-tile: {@value #WIDE_MR} x 2L with 16-float (AVX-512) registers, except on AMD, where the 6 x 2L
     * tile was measured best (Zen 4 runs a 512-bit FMA as two 256-bit halves; its 6 x 2L SGEMM reached 89% of
     * the FMA ceiling there); 6 x 2L with AVX2's 16 registers. On a Xeon (family 6 model 167) the wide tile took
     * the n = 1024 product from 44-50% to 58-63% of the ceiling on both cores: the 6-row tile's loop spends as
     * many instructions on loads, bounds checks and indices as on FMAs, the 12-row one half as many per FMA
     * (docs/kernels.md, "Two tiles"). {@code -Ddojo.gemm.mr=6|12} overrides it (tuning, tests); other values
     * are ignored. Either tile gives the same bits.
     */
    static int gemmTileRows(int lanes, String override, String vendor) {
        if (String.valueOf(SIX).equals(override)) return SIX;
        if (String.valueOf(WIDE_MR).equals(override)) return WIDE_MR;
        return lanes == 16 && !"AuthenticAMD".equals(vendor) ? WIDE_MR : SIX;
    }

    @Override public int mr() { return MR; }
    @Override public int nr() { return NR; }
    @Override public String describe() { return F.vectorBitSize() + "-bit, " + L + " floats, tile " + MR + " x " + NR; }
    @Override public int lanes() { return L; }
    @Override public int fmaChainCount() { return 12; }

    /**
     * 12 accumulators + 2 operand registers fit AVX2's 16 registers without spilling; 12 chains cover
     * a 4-cycle FMA latency on 2 FMA ports (8 needed) with margin. Nothing but FMAs in the loop body.
     */
    @Override
    public float fmaChains(long iterations, float m, float c) {
        FloatVector vm = FloatVector.broadcast(F, m), vc = FloatVector.broadcast(F, c);
        FloatVector x0 = FloatVector.broadcast(F, 0.5f), x1 = x0.add(0.01f), x2 = x0.add(0.02f), x3 = x0.add(0.03f),
                x4 = x0.add(0.04f), x5 = x0.add(0.05f), x6 = x0.add(0.06f), x7 = x0.add(0.07f),
                x8 = x0.add(0.08f), x9 = x0.add(0.09f), x10 = x0.add(0.10f), x11 = x0.add(0.11f);
        for (long i = 0; i < iterations; i++) {
            x0 = x0.fma(vm, vc); x1 = x1.fma(vm, vc); x2 = x2.fma(vm, vc); x3 = x3.fma(vm, vc);
            x4 = x4.fma(vm, vc); x5 = x5.fma(vm, vc); x6 = x6.fma(vm, vc); x7 = x7.fma(vm, vc);
            x8 = x8.fma(vm, vc); x9 = x9.fma(vm, vc); x10 = x10.fma(vm, vc); x11 = x11.fma(vm, vc);
        }
        return x0.add(x1).add(x2).add(x3).add(x4).add(x5).add(x6).add(x7).add(x8).add(x9).add(x10).add(x11)
                .reduceLanes(VectorOperators.ADD);
    }

    @Override
    public void microKernel(int kc, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int ldc,
                            boolean accumulate) {
        microKernelColA(kc, a, aOff, MR, b, bOff, c, cOff, ldc, accumulate);
    }

    @Override
    public void microKernelColA(int kc, float[] a, int aOff, int lda, float[] b, int bOff, float[] c, int cOff, int ldc,
                                boolean accumulate) {
        if (MR == WIDE_MR) wide12(kc, a, aOff, lda, b, bOff, c, cOff, ldc, accumulate);
        else six(kc, a, aOff, lda, b, bOff, c, cOff, ldc, accumulate);
    }

    @Override
    public void microKernelRowA(int kc, float[] a, int aOff, int lda, float[] b, int bOff, float[] c, int cOff, int ldc,
                                boolean accumulate) {
        if (MR == WIDE_MR && lda == ROW_A_FIXED_LDA) wide12RowA256(kc, a, aOff, b, bOff, c, cOff, ldc, accumulate);
        else if (MR == WIDE_MR) wide12RowA(kc, a, aOff, lda, b, bOff, c, cOff, ldc, accumulate);
        else sixRowA(kc, a, aOff, lda, b, bOff, c, cOff, ldc, accumulate);
    }

    /**
     * 6 x (2 x L) register tile, A(r, k) at {@code aOff + k * lda + r}: 12 accumulators + 2 B vectors + 1
     * broadcast fit the 16 (AVX2) or 32 (AVX-512) vector registers, and 12 independent FMA chains hide the
     * 4-cycle FMA latency. Per k: two vector loads of packed B, six scalar broadcasts of A, twelve FMAs.
     */
    private static void six(int kc, float[] a, int aOff, int lda, float[] b, int bOff, float[] c, int cOff, int ldc,
                            boolean accumulate) {
        int c0 = cOff, c1 = c0 + ldc, c2 = c1 + ldc, c3 = c2 + ldc, c4 = c3 + ldc, c5 = c4 + ldc;
        FloatVector z = FloatVector.zero(F);
        FloatVector s00 = z, s01 = z, s10 = z, s11 = z, s20 = z, s21 = z, s30 = z, s31 = z, s40 = z, s41 = z, s50 = z, s51 = z;
        if (accumulate) {
            s00 = FloatVector.fromArray(F, c, c0); s01 = FloatVector.fromArray(F, c, c0 + L);
            s10 = FloatVector.fromArray(F, c, c1); s11 = FloatVector.fromArray(F, c, c1 + L);
            s20 = FloatVector.fromArray(F, c, c2); s21 = FloatVector.fromArray(F, c, c2 + L);
            s30 = FloatVector.fromArray(F, c, c3); s31 = FloatVector.fromArray(F, c, c3 + L);
            s40 = FloatVector.fromArray(F, c, c4); s41 = FloatVector.fromArray(F, c, c4 + L);
            s50 = FloatVector.fromArray(F, c, c5); s51 = FloatVector.fromArray(F, c, c5 + L);
        }
        FloatVector b0, b1, x;
        int k = 0, ak, bk;
        // unrolled by two by hand: C2 does not unroll a body this large itself, and one k per
        // iteration loses ~10% to loop overhead
        for (; k + 1 < kc; k += 2) {
            ak = aOff + k * lda; bk = bOff + k * NR;
            b0 = FloatVector.fromArray(F, b, bk); b1 = FloatVector.fromArray(F, b, bk + L);
            x = FloatVector.broadcast(F, a[ak + 0]); s00 = x.fma(b0, s00); s01 = x.fma(b1, s01);
            x = FloatVector.broadcast(F, a[ak + 1]); s10 = x.fma(b0, s10); s11 = x.fma(b1, s11);
            x = FloatVector.broadcast(F, a[ak + 2]); s20 = x.fma(b0, s20); s21 = x.fma(b1, s21);
            x = FloatVector.broadcast(F, a[ak + 3]); s30 = x.fma(b0, s30); s31 = x.fma(b1, s31);
            x = FloatVector.broadcast(F, a[ak + 4]); s40 = x.fma(b0, s40); s41 = x.fma(b1, s41);
            x = FloatVector.broadcast(F, a[ak + 5]); s50 = x.fma(b0, s50); s51 = x.fma(b1, s51);
            ak = aOff + (k + 1) * lda; bk = bOff + (k + 1) * NR;
            b0 = FloatVector.fromArray(F, b, bk); b1 = FloatVector.fromArray(F, b, bk + L);
            x = FloatVector.broadcast(F, a[ak + 0]); s00 = x.fma(b0, s00); s01 = x.fma(b1, s01);
            x = FloatVector.broadcast(F, a[ak + 1]); s10 = x.fma(b0, s10); s11 = x.fma(b1, s11);
            x = FloatVector.broadcast(F, a[ak + 2]); s20 = x.fma(b0, s20); s21 = x.fma(b1, s21);
            x = FloatVector.broadcast(F, a[ak + 3]); s30 = x.fma(b0, s30); s31 = x.fma(b1, s31);
            x = FloatVector.broadcast(F, a[ak + 4]); s40 = x.fma(b0, s40); s41 = x.fma(b1, s41);
            x = FloatVector.broadcast(F, a[ak + 5]); s50 = x.fma(b0, s50); s51 = x.fma(b1, s51);
        }
        for (; k < kc; k++) {
            ak = aOff + k * lda; bk = bOff + k * NR;
            b0 = FloatVector.fromArray(F, b, bk); b1 = FloatVector.fromArray(F, b, bk + L);
            x = FloatVector.broadcast(F, a[ak + 0]); s00 = x.fma(b0, s00); s01 = x.fma(b1, s01);
            x = FloatVector.broadcast(F, a[ak + 1]); s10 = x.fma(b0, s10); s11 = x.fma(b1, s11);
            x = FloatVector.broadcast(F, a[ak + 2]); s20 = x.fma(b0, s20); s21 = x.fma(b1, s21);
            x = FloatVector.broadcast(F, a[ak + 3]); s30 = x.fma(b0, s30); s31 = x.fma(b1, s31);
            x = FloatVector.broadcast(F, a[ak + 4]); s40 = x.fma(b0, s40); s41 = x.fma(b1, s41);
            x = FloatVector.broadcast(F, a[ak + 5]); s50 = x.fma(b0, s50); s51 = x.fma(b1, s51);
        }
        s00.intoArray(c, c0); s01.intoArray(c, c0 + L);
        s10.intoArray(c, c1); s11.intoArray(c, c1 + L);
        s20.intoArray(c, c2); s21.intoArray(c, c2 + L);
        s30.intoArray(c, c3); s31.intoArray(c, c3 + L);
        s40.intoArray(c, c4); s41.intoArray(c, c4 + L);
        s50.intoArray(c, c5); s51.intoArray(c, c5 + L);
    }

    /**
     * {@link #wide12RowA} for {@code lda = }{@value #ROW_A_FIXED_LDA}, a constant: each of the twelve rows is
     * then a displacement from one index, whose bounds C2 proves once per call (see scripts/codegen/wide_kernel.py).
     * Same operations in the same order, so the same bits.
     */
    private static void wide12RowA256(int kc, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int ldc,
                                  boolean accumulate) {
        int c0 = cOff, c1 = c0 + ldc, c2 = c1 + ldc, c3 = c2 + ldc, c4 = c3 + ldc, c5 = c4 + ldc, c6 = c5 + ldc, c7 = c6 + ldc, c8 = c7 + ldc, c9 = c8 + ldc, c10 = c9 + ldc, c11 = c10 + ldc;
        FloatVector z = FloatVector.zero(F);
        FloatVector s0_0 = accumulate ? FloatVector.fromArray(F, c, c0) : z, s0_1 = accumulate ? FloatVector.fromArray(F, c, c0 + 1 * L) : z;
        FloatVector s1_0 = accumulate ? FloatVector.fromArray(F, c, c1) : z, s1_1 = accumulate ? FloatVector.fromArray(F, c, c1 + 1 * L) : z;
        FloatVector s2_0 = accumulate ? FloatVector.fromArray(F, c, c2) : z, s2_1 = accumulate ? FloatVector.fromArray(F, c, c2 + 1 * L) : z;
        FloatVector s3_0 = accumulate ? FloatVector.fromArray(F, c, c3) : z, s3_1 = accumulate ? FloatVector.fromArray(F, c, c3 + 1 * L) : z;
        FloatVector s4_0 = accumulate ? FloatVector.fromArray(F, c, c4) : z, s4_1 = accumulate ? FloatVector.fromArray(F, c, c4 + 1 * L) : z;
        FloatVector s5_0 = accumulate ? FloatVector.fromArray(F, c, c5) : z, s5_1 = accumulate ? FloatVector.fromArray(F, c, c5 + 1 * L) : z;
        FloatVector s6_0 = accumulate ? FloatVector.fromArray(F, c, c6) : z, s6_1 = accumulate ? FloatVector.fromArray(F, c, c6 + 1 * L) : z;
        FloatVector s7_0 = accumulate ? FloatVector.fromArray(F, c, c7) : z, s7_1 = accumulate ? FloatVector.fromArray(F, c, c7 + 1 * L) : z;
        FloatVector s8_0 = accumulate ? FloatVector.fromArray(F, c, c8) : z, s8_1 = accumulate ? FloatVector.fromArray(F, c, c8 + 1 * L) : z;
        FloatVector s9_0 = accumulate ? FloatVector.fromArray(F, c, c9) : z, s9_1 = accumulate ? FloatVector.fromArray(F, c, c9 + 1 * L) : z;
        FloatVector s10_0 = accumulate ? FloatVector.fromArray(F, c, c10) : z, s10_1 = accumulate ? FloatVector.fromArray(F, c, c10 + 1 * L) : z;
        FloatVector s11_0 = accumulate ? FloatVector.fromArray(F, c, c11) : z, s11_1 = accumulate ? FloatVector.fromArray(F, c, c11 + 1 * L) : z;
        FloatVector b0, b1, x;
        for (int k = 0; k < kc; k++) {
            int bk = bOff + k * 2 * L, ak = aOff + k;
            b0 = FloatVector.fromArray(F, b, bk); b1 = FloatVector.fromArray(F, b, bk + 1 * L);
            x = FloatVector.broadcast(F, a[ak]); s0_0 = x.fma(b0, s0_0); s0_1 = x.fma(b1, s0_1);
            x = FloatVector.broadcast(F, a[ak + 256]); s1_0 = x.fma(b0, s1_0); s1_1 = x.fma(b1, s1_1);
            x = FloatVector.broadcast(F, a[ak + 512]); s2_0 = x.fma(b0, s2_0); s2_1 = x.fma(b1, s2_1);
            x = FloatVector.broadcast(F, a[ak + 768]); s3_0 = x.fma(b0, s3_0); s3_1 = x.fma(b1, s3_1);
            x = FloatVector.broadcast(F, a[ak + 1024]); s4_0 = x.fma(b0, s4_0); s4_1 = x.fma(b1, s4_1);
            x = FloatVector.broadcast(F, a[ak + 1280]); s5_0 = x.fma(b0, s5_0); s5_1 = x.fma(b1, s5_1);
            x = FloatVector.broadcast(F, a[ak + 1536]); s6_0 = x.fma(b0, s6_0); s6_1 = x.fma(b1, s6_1);
            x = FloatVector.broadcast(F, a[ak + 1792]); s7_0 = x.fma(b0, s7_0); s7_1 = x.fma(b1, s7_1);
            x = FloatVector.broadcast(F, a[ak + 2048]); s8_0 = x.fma(b0, s8_0); s8_1 = x.fma(b1, s8_1);
            x = FloatVector.broadcast(F, a[ak + 2304]); s9_0 = x.fma(b0, s9_0); s9_1 = x.fma(b1, s9_1);
            x = FloatVector.broadcast(F, a[ak + 2560]); s10_0 = x.fma(b0, s10_0); s10_1 = x.fma(b1, s10_1);
            x = FloatVector.broadcast(F, a[ak + 2816]); s11_0 = x.fma(b0, s11_0); s11_1 = x.fma(b1, s11_1);
        }
        s0_0.intoArray(c, c0); s0_1.intoArray(c, c0 + 1 * L);
        s1_0.intoArray(c, c1); s1_1.intoArray(c, c1 + 1 * L);
        s2_0.intoArray(c, c2); s2_1.intoArray(c, c2 + 1 * L);
        s3_0.intoArray(c, c3); s3_1.intoArray(c, c3 + 1 * L);
        s4_0.intoArray(c, c4); s4_1.intoArray(c, c4 + 1 * L);
        s5_0.intoArray(c, c5); s5_1.intoArray(c, c5 + 1 * L);
        s6_0.intoArray(c, c6); s6_1.intoArray(c, c6 + 1 * L);
        s7_0.intoArray(c, c7); s7_1.intoArray(c, c7 + 1 * L);
        s8_0.intoArray(c, c8); s8_1.intoArray(c, c8 + 1 * L);
        s9_0.intoArray(c, c9); s9_1.intoArray(c, c9 + 1 * L);
        s10_0.intoArray(c, c10); s10_1.intoArray(c, c10 + 1 * L);
        s11_0.intoArray(c, c11); s11_1.intoArray(c, c11 + 1 * L);
    }

    /**
     * {@link #wide12} with A read row-major, twelve rows side by side (the attention's P in P.V); written by
     * {@code scripts/codegen/wide_kernel.py row 12 2 wide12RowA}.
     */
    private static void wide12RowA(int kc, float[] a, int aOff, int lda, float[] b, int bOff, float[] c, int cOff, int ldc,
                                  boolean accumulate) {
        int c0 = cOff, c1 = c0 + ldc, c2 = c1 + ldc, c3 = c2 + ldc, c4 = c3 + ldc, c5 = c4 + ldc, c6 = c5 + ldc, c7 = c6 + ldc, c8 = c7 + ldc, c9 = c8 + ldc, c10 = c9 + ldc, c11 = c10 + ldc;
        int a0 = aOff, a1 = a0 + lda, a2 = a1 + lda, a3 = a2 + lda, a4 = a3 + lda, a5 = a4 + lda, a6 = a5 + lda, a7 = a6 + lda, a8 = a7 + lda, a9 = a8 + lda, a10 = a9 + lda, a11 = a10 + lda;
        FloatVector z = FloatVector.zero(F);
        FloatVector s0_0 = accumulate ? FloatVector.fromArray(F, c, c0) : z, s0_1 = accumulate ? FloatVector.fromArray(F, c, c0 + 1 * L) : z;
        FloatVector s1_0 = accumulate ? FloatVector.fromArray(F, c, c1) : z, s1_1 = accumulate ? FloatVector.fromArray(F, c, c1 + 1 * L) : z;
        FloatVector s2_0 = accumulate ? FloatVector.fromArray(F, c, c2) : z, s2_1 = accumulate ? FloatVector.fromArray(F, c, c2 + 1 * L) : z;
        FloatVector s3_0 = accumulate ? FloatVector.fromArray(F, c, c3) : z, s3_1 = accumulate ? FloatVector.fromArray(F, c, c3 + 1 * L) : z;
        FloatVector s4_0 = accumulate ? FloatVector.fromArray(F, c, c4) : z, s4_1 = accumulate ? FloatVector.fromArray(F, c, c4 + 1 * L) : z;
        FloatVector s5_0 = accumulate ? FloatVector.fromArray(F, c, c5) : z, s5_1 = accumulate ? FloatVector.fromArray(F, c, c5 + 1 * L) : z;
        FloatVector s6_0 = accumulate ? FloatVector.fromArray(F, c, c6) : z, s6_1 = accumulate ? FloatVector.fromArray(F, c, c6 + 1 * L) : z;
        FloatVector s7_0 = accumulate ? FloatVector.fromArray(F, c, c7) : z, s7_1 = accumulate ? FloatVector.fromArray(F, c, c7 + 1 * L) : z;
        FloatVector s8_0 = accumulate ? FloatVector.fromArray(F, c, c8) : z, s8_1 = accumulate ? FloatVector.fromArray(F, c, c8 + 1 * L) : z;
        FloatVector s9_0 = accumulate ? FloatVector.fromArray(F, c, c9) : z, s9_1 = accumulate ? FloatVector.fromArray(F, c, c9 + 1 * L) : z;
        FloatVector s10_0 = accumulate ? FloatVector.fromArray(F, c, c10) : z, s10_1 = accumulate ? FloatVector.fromArray(F, c, c10 + 1 * L) : z;
        FloatVector s11_0 = accumulate ? FloatVector.fromArray(F, c, c11) : z, s11_1 = accumulate ? FloatVector.fromArray(F, c, c11 + 1 * L) : z;
        FloatVector b0, b1, x;
        for (int k = 0; k < kc; k++) {
            int bk = bOff + k * 2 * L;
            b0 = FloatVector.fromArray(F, b, bk); b1 = FloatVector.fromArray(F, b, bk + 1 * L);
            x = FloatVector.broadcast(F, a[a0 + k]); s0_0 = x.fma(b0, s0_0); s0_1 = x.fma(b1, s0_1);
            x = FloatVector.broadcast(F, a[a1 + k]); s1_0 = x.fma(b0, s1_0); s1_1 = x.fma(b1, s1_1);
            x = FloatVector.broadcast(F, a[a2 + k]); s2_0 = x.fma(b0, s2_0); s2_1 = x.fma(b1, s2_1);
            x = FloatVector.broadcast(F, a[a3 + k]); s3_0 = x.fma(b0, s3_0); s3_1 = x.fma(b1, s3_1);
            x = FloatVector.broadcast(F, a[a4 + k]); s4_0 = x.fma(b0, s4_0); s4_1 = x.fma(b1, s4_1);
            x = FloatVector.broadcast(F, a[a5 + k]); s5_0 = x.fma(b0, s5_0); s5_1 = x.fma(b1, s5_1);
            x = FloatVector.broadcast(F, a[a6 + k]); s6_0 = x.fma(b0, s6_0); s6_1 = x.fma(b1, s6_1);
            x = FloatVector.broadcast(F, a[a7 + k]); s7_0 = x.fma(b0, s7_0); s7_1 = x.fma(b1, s7_1);
            x = FloatVector.broadcast(F, a[a8 + k]); s8_0 = x.fma(b0, s8_0); s8_1 = x.fma(b1, s8_1);
            x = FloatVector.broadcast(F, a[a9 + k]); s9_0 = x.fma(b0, s9_0); s9_1 = x.fma(b1, s9_1);
            x = FloatVector.broadcast(F, a[a10 + k]); s10_0 = x.fma(b0, s10_0); s10_1 = x.fma(b1, s10_1);
            x = FloatVector.broadcast(F, a[a11 + k]); s11_0 = x.fma(b0, s11_0); s11_1 = x.fma(b1, s11_1);
        }
        s0_0.intoArray(c, c0); s0_1.intoArray(c, c0 + 1 * L);
        s1_0.intoArray(c, c1); s1_1.intoArray(c, c1 + 1 * L);
        s2_0.intoArray(c, c2); s2_1.intoArray(c, c2 + 1 * L);
        s3_0.intoArray(c, c3); s3_1.intoArray(c, c3 + 1 * L);
        s4_0.intoArray(c, c4); s4_1.intoArray(c, c4 + 1 * L);
        s5_0.intoArray(c, c5); s5_1.intoArray(c, c5 + 1 * L);
        s6_0.intoArray(c, c6); s6_1.intoArray(c, c6 + 1 * L);
        s7_0.intoArray(c, c7); s7_1.intoArray(c, c7 + 1 * L);
        s8_0.intoArray(c, c8); s8_1.intoArray(c, c8 + 1 * L);
        s9_0.intoArray(c, c9); s9_1.intoArray(c, c9 + 1 * L);
        s10_0.intoArray(c, c10); s10_1.intoArray(c, c10 + 1 * L);
        s11_0.intoArray(c, c11); s11_1.intoArray(c, c11 + 1 * L);
    }

    /**
     * The 12 x 2L tile, one k per iteration (unrolled by two, C2 kept B vectors of both steps live and spilled
     * accumulators to the stack in some compilations: 30-40% slower in those JVMs). Written out like the 6-row
     * tile, generated rather than typed (each row is the same line with its index): {@code
     * scripts/codegen/wide_kernel.py col 12 2 wide12}; CI checks that this body is what the script writes.
     */
    private static void wide12(int kc, float[] a, int aOff, int lda, float[] b, int bOff, float[] c, int cOff, int ldc,
                                 boolean accumulate) {
        int c0 = cOff, c1 = c0 + ldc, c2 = c1 + ldc, c3 = c2 + ldc, c4 = c3 + ldc, c5 = c4 + ldc, c6 = c5 + ldc, c7 = c6 + ldc, c8 = c7 + ldc, c9 = c8 + ldc, c10 = c9 + ldc, c11 = c10 + ldc;
        FloatVector z = FloatVector.zero(F);
        FloatVector s0_0 = accumulate ? FloatVector.fromArray(F, c, c0) : z, s0_1 = accumulate ? FloatVector.fromArray(F, c, c0 + 1 * L) : z;
        FloatVector s1_0 = accumulate ? FloatVector.fromArray(F, c, c1) : z, s1_1 = accumulate ? FloatVector.fromArray(F, c, c1 + 1 * L) : z;
        FloatVector s2_0 = accumulate ? FloatVector.fromArray(F, c, c2) : z, s2_1 = accumulate ? FloatVector.fromArray(F, c, c2 + 1 * L) : z;
        FloatVector s3_0 = accumulate ? FloatVector.fromArray(F, c, c3) : z, s3_1 = accumulate ? FloatVector.fromArray(F, c, c3 + 1 * L) : z;
        FloatVector s4_0 = accumulate ? FloatVector.fromArray(F, c, c4) : z, s4_1 = accumulate ? FloatVector.fromArray(F, c, c4 + 1 * L) : z;
        FloatVector s5_0 = accumulate ? FloatVector.fromArray(F, c, c5) : z, s5_1 = accumulate ? FloatVector.fromArray(F, c, c5 + 1 * L) : z;
        FloatVector s6_0 = accumulate ? FloatVector.fromArray(F, c, c6) : z, s6_1 = accumulate ? FloatVector.fromArray(F, c, c6 + 1 * L) : z;
        FloatVector s7_0 = accumulate ? FloatVector.fromArray(F, c, c7) : z, s7_1 = accumulate ? FloatVector.fromArray(F, c, c7 + 1 * L) : z;
        FloatVector s8_0 = accumulate ? FloatVector.fromArray(F, c, c8) : z, s8_1 = accumulate ? FloatVector.fromArray(F, c, c8 + 1 * L) : z;
        FloatVector s9_0 = accumulate ? FloatVector.fromArray(F, c, c9) : z, s9_1 = accumulate ? FloatVector.fromArray(F, c, c9 + 1 * L) : z;
        FloatVector s10_0 = accumulate ? FloatVector.fromArray(F, c, c10) : z, s10_1 = accumulate ? FloatVector.fromArray(F, c, c10 + 1 * L) : z;
        FloatVector s11_0 = accumulate ? FloatVector.fromArray(F, c, c11) : z, s11_1 = accumulate ? FloatVector.fromArray(F, c, c11 + 1 * L) : z;
        FloatVector b0, b1, x;
        for (int bk = bOff, bEnd = bOff + kc * 2 * L, ak = aOff; bk < bEnd; bk += 2 * L, ak += lda) {
            b0 = FloatVector.fromArray(F, b, bk); b1 = FloatVector.fromArray(F, b, bk + 1 * L);
            x = FloatVector.broadcast(F, a[ak + 0]); s0_0 = x.fma(b0, s0_0); s0_1 = x.fma(b1, s0_1);
            x = FloatVector.broadcast(F, a[ak + 1]); s1_0 = x.fma(b0, s1_0); s1_1 = x.fma(b1, s1_1);
            x = FloatVector.broadcast(F, a[ak + 2]); s2_0 = x.fma(b0, s2_0); s2_1 = x.fma(b1, s2_1);
            x = FloatVector.broadcast(F, a[ak + 3]); s3_0 = x.fma(b0, s3_0); s3_1 = x.fma(b1, s3_1);
            x = FloatVector.broadcast(F, a[ak + 4]); s4_0 = x.fma(b0, s4_0); s4_1 = x.fma(b1, s4_1);
            x = FloatVector.broadcast(F, a[ak + 5]); s5_0 = x.fma(b0, s5_0); s5_1 = x.fma(b1, s5_1);
            x = FloatVector.broadcast(F, a[ak + 6]); s6_0 = x.fma(b0, s6_0); s6_1 = x.fma(b1, s6_1);
            x = FloatVector.broadcast(F, a[ak + 7]); s7_0 = x.fma(b0, s7_0); s7_1 = x.fma(b1, s7_1);
            x = FloatVector.broadcast(F, a[ak + 8]); s8_0 = x.fma(b0, s8_0); s8_1 = x.fma(b1, s8_1);
            x = FloatVector.broadcast(F, a[ak + 9]); s9_0 = x.fma(b0, s9_0); s9_1 = x.fma(b1, s9_1);
            x = FloatVector.broadcast(F, a[ak + 10]); s10_0 = x.fma(b0, s10_0); s10_1 = x.fma(b1, s10_1);
            x = FloatVector.broadcast(F, a[ak + 11]); s11_0 = x.fma(b0, s11_0); s11_1 = x.fma(b1, s11_1);
        }
        s0_0.intoArray(c, c0); s0_1.intoArray(c, c0 + 1 * L);
        s1_0.intoArray(c, c1); s1_1.intoArray(c, c1 + 1 * L);
        s2_0.intoArray(c, c2); s2_1.intoArray(c, c2 + 1 * L);
        s3_0.intoArray(c, c3); s3_1.intoArray(c, c3 + 1 * L);
        s4_0.intoArray(c, c4); s4_1.intoArray(c, c4 + 1 * L);
        s5_0.intoArray(c, c5); s5_1.intoArray(c, c5 + 1 * L);
        s6_0.intoArray(c, c6); s6_1.intoArray(c, c6 + 1 * L);
        s7_0.intoArray(c, c7); s7_1.intoArray(c, c7 + 1 * L);
        s8_0.intoArray(c, c8); s8_1.intoArray(c, c8 + 1 * L);
        s9_0.intoArray(c, c9); s9_1.intoArray(c, c9 + 1 * L);
        s10_0.intoArray(c, c10); s10_1.intoArray(c, c10 + 1 * L);
        s11_0.intoArray(c, c11); s11_1.intoArray(c, c11 + 1 * L);
    }

    /** {@link #six} with A read row-major, six rows side by side: A(r, k) at {@code aOff + r * lda + k}. */
    private static void sixRowA(int kc, float[] a, int aOff, int lda, float[] b, int bOff, float[] c, int cOff, int ldc,
                                boolean accumulate) {
        int c0 = cOff, c1 = c0 + ldc, c2 = c1 + ldc, c3 = c2 + ldc, c4 = c3 + ldc, c5 = c4 + ldc;
        int a0 = aOff, a1 = a0 + lda, a2 = a1 + lda, a3 = a2 + lda, a4 = a3 + lda, a5 = a4 + lda;
        FloatVector z = FloatVector.zero(F);
        FloatVector s00 = z, s01 = z, s10 = z, s11 = z, s20 = z, s21 = z, s30 = z, s31 = z, s40 = z, s41 = z, s50 = z, s51 = z;
        if (accumulate) {
            s00 = FloatVector.fromArray(F, c, c0); s01 = FloatVector.fromArray(F, c, c0 + L);
            s10 = FloatVector.fromArray(F, c, c1); s11 = FloatVector.fromArray(F, c, c1 + L);
            s20 = FloatVector.fromArray(F, c, c2); s21 = FloatVector.fromArray(F, c, c2 + L);
            s30 = FloatVector.fromArray(F, c, c3); s31 = FloatVector.fromArray(F, c, c3 + L);
            s40 = FloatVector.fromArray(F, c, c4); s41 = FloatVector.fromArray(F, c, c4 + L);
            s50 = FloatVector.fromArray(F, c, c5); s51 = FloatVector.fromArray(F, c, c5 + L);
        }
        FloatVector b0, b1, x;
        int k = 0, bk;
        for (; k < kc; k++) {
            bk = bOff + k * NR;
            b0 = FloatVector.fromArray(F, b, bk); b1 = FloatVector.fromArray(F, b, bk + L);
            x = FloatVector.broadcast(F, a[a0 + k]); s00 = x.fma(b0, s00); s01 = x.fma(b1, s01);
            x = FloatVector.broadcast(F, a[a1 + k]); s10 = x.fma(b0, s10); s11 = x.fma(b1, s11);
            x = FloatVector.broadcast(F, a[a2 + k]); s20 = x.fma(b0, s20); s21 = x.fma(b1, s21);
            x = FloatVector.broadcast(F, a[a3 + k]); s30 = x.fma(b0, s30); s31 = x.fma(b1, s31);
            x = FloatVector.broadcast(F, a[a4 + k]); s40 = x.fma(b0, s40); s41 = x.fma(b1, s41);
            x = FloatVector.broadcast(F, a[a5 + k]); s50 = x.fma(b0, s50); s51 = x.fma(b1, s51);
        }
        s00.intoArray(c, c0); s01.intoArray(c, c0 + L);
        s10.intoArray(c, c1); s11.intoArray(c, c1 + L);
        s20.intoArray(c, c2); s21.intoArray(c, c2 + L);
        s30.intoArray(c, c3); s31.intoArray(c, c3 + L);
        s40.intoArray(c, c4); s41.intoArray(c, c4 + L);
        s50.intoArray(c, c5); s51.intoArray(c, c5 + L);
    }

    /**
     * Gathers: dst is written in order, L floats at a time, each vector gathered from src with an index map.
     * Within a block the (row, column) of dst's flat index e = c * rows + r repeats its pattern every
     * lcm(rows, L) floats, so lcm(rows, L) / L maps (3 for a 12-row sliver, 2 for a 32-key one with 16 lanes),
     * made once per call, serve every block, each period starting lcm(rows, L) / rows columns further on.
     * Measured on a Xeon (family 6 model 167), a 32 x 64 K sliver: 0.285 ns per float against 0.535 for the
     * scalar loop, whose strided stores each touch another cache line. What the periods leave over goes
     * through the scalar loop.
     */
    @Override
    public void transposeBlocks(float[] src, int srcOff, int srcStride, int rows, int cols, int blocks, float scale,
                                float[] dst, int dstOff) {
        int period = lcm(rows, L), maps = period / L, colsPer = period / rows, periods = cols / colsPer;
        int[] index = null;
        if (periods > 0 && (long) (rows - 1) * srcStride + cols <= Integer.MAX_VALUE) {
            index = new int[period];
            for (int e = 0; e < period; e++) index[e] = (e % rows) * srcStride + e / rows;
        } else {
            periods = 0;
        }
        FloatVector sc = FloatVector.broadcast(F, scale);
        for (int b = 0; b < blocks; b++) {
            int from = srcOff + b * rows * srcStride, to = dstOff + b * rows * cols;
            for (int u = 0, e0 = to; u < periods; u++) {
                for (int v = 0; v < maps; v++, e0 += L) {
                    FloatVector.fromArray(F, src, from + u * colsPer, index, v * L).mul(sc).intoArray(dst, e0);
                }
            }
            ScalarOps.transposeColumns(src, from, srcStride, rows, periods * colsPer, cols, scale, dst, to);
        }
    }

    private static int lcm(int a, int b) {
        int x = a, y = b;
        while (y != 0) { int t = x % y; x = y; y = t; }
        return a / x * b;
    }

    @Override
    public float max(float[] x, int off, int len) {
        int i = 0;
        float m = Float.NEGATIVE_INFINITY;
        if (len >= L) {
            FloatVector acc = FloatVector.broadcast(F, Float.NEGATIVE_INFINITY);
            for (int bound = F.loopBound(len); i < bound; i += L) {
                acc = acc.max(FloatVector.fromArray(F, x, off + i)); // lanewise max propagates NaN
            }
            m = acc.reduceLanes(VectorOperators.MAX);
        }
        for (; i < len; i++) m = Math.max(m, x[off + i]);
        return m;
    }

    private static final float LOG2E = 1.44269504088896341f, LN2_HI = 0.693359375f, LN2_LO = -2.12194440e-4f;
    /** 1.5 * 2^23: adding and subtracting it rounds a float of magnitude < 2^22 to the nearest integer. */
    private static final float ROUND = 12582912f;
    private static final float EXP_LO = -87.33654f;

    /**
     * {@code exp(x)} for {@code x <= 0} (softmax arguments after subtracting the row max), inline: Cephes'
     * expf (range reduction by ln 2 in two parts, degree-6 polynomial, 2^n built in the exponent bits),
     * ~1 ulp; below -87.3 (where exp is subnormal) it returns 0, and -inf gives 0, NaN stays NaN.
     * In the fused kernels this replaces the library exp, which is an out-of-line call that spills the
     * vector registers. Arguments above 0 are not expected (no overflow handling above 88).
     */
    static FloatVector expNonPositive(FloatVector x) {
        VectorMask<Float> tiny = x.compare(VectorOperators.LT, EXP_LO);
        FloatVector xc = x.max(EXP_LO);                           // NaN stays NaN (lanewise max propagates it)
        FloatVector t = xc.fma(FloatVector.broadcast(F, LOG2E), FloatVector.broadcast(F, ROUND));
        FloatVector n = t.sub(ROUND);                             // round(x / ln 2)
        FloatVector r = n.fma(FloatVector.broadcast(F, -LN2_HI), xc);
        r = n.fma(FloatVector.broadcast(F, -LN2_LO), r);
        FloatVector p = FloatVector.broadcast(F, 1.9875691500E-4f)
                .fma(r, FloatVector.broadcast(F, 1.3981999507E-3f))
                .fma(r, FloatVector.broadcast(F, 8.3334519073E-3f))
                .fma(r, FloatVector.broadcast(F, 4.1665795894E-2f))
                .fma(r, FloatVector.broadcast(F, 1.6666665459E-1f))
                .fma(r, FloatVector.broadcast(F, 5.0000001201E-1f));
        p = p.fma(r.mul(r), r).add(1f);
        // 2^n: the integer in t's low mantissa bits (t = 1.5 * 2^23 + n), shifted into the exponent field
        IntVector bits = t.reinterpretAsInts().sub(0x4B400000).add(127).lanewise(VectorOperators.LSHL, 23);
        FloatVector e = p.mul(bits.reinterpretAsFloats());
        return e.blend(0f, tiny);
    }

    /** exp(-y) clamps y at 88 (round(-88 / ln 2) = -127: a zero exponent field, an exact 0 below ~-87.7). */
    private static final int Y_MAX_BITS = Float.floatToRawIntBits(88f);
    /** t's bits minus this are n + 127, the biased exponent of 2^n (t = 1.5 * 2^23 + n). */
    private static final int ROUND_BITS_MINUS_BIAS = Float.floatToRawIntBits(ROUND) - 127;
    /** Above this a float's bits are a NaN with the sign bit clear (+inf is 0x7f800000). */
    private static final int INF_BITS = 0x7f800000;

    /**
     * The loop computes {@code exp(-y)} with y = shift - x: Cephes' expf as in {@link #expNonPositive} (range
     * reduction by ln 2 in two parts, the same degree-6 polynomial, 2^n in the exponent bits), arranged so that
     * its two clamps are integer min on the float bits, one instruction each: {@code Math.max} on a FloatVector
     * compiles to six (it orders NaN and -0.0), and a mask blend to four on JDK 17 (masks round-trip through
     * vector registers). Measured in 256-float softmax rows on a Xeon (family 6 model 167): 0.36 -> 0.27 ns per
     * float. y's bits min 88's: y = +inf (a masked score) gives 88 and so 0; a NaN with its sign bit clear
     * also gives 88, so the loop keeps the largest y's bits (signed) and the sum is NaN when one was there; a
     * negative NaN stays NaN. The biased exponent min 255: y below ~-88.7 (x above the shift by that much)
     * gives +inf, never a wrapped exponent. The polynomial runs in rn = -r with its coefficients' signs folded
     * in: {@code w = rn - rn^2 P(-rn)} in one FMA and {@code exp(r) = 1 - w}, the same roundings as Cephes'
     * {@code (r + r^2 P(r)) + 1}.
     *
     * <p>The exp is written out in the one loop, not called: C2 does not inline a method it has already
     * compiled into a large body, and a vector passed to a call that is not inlined is boxed (an allocation
     * per vector). With the exp as a helper called from a two-vector loop and a one-vector remainder loop,
     * causal rows (whose lengths end anywhere) ran the helper out of line in some JVMs. One accumulator: the
     * add waits 4 cycles for the last one, the exp takes ~15 per vector.
     */
    @Override
    public float expShiftSum(float[] x, int off, int len, float shift, float[] p, int pOff) {
        FloatVector acc = FloatVector.zero(F);
        IntVector yBits = IntVector.zero(I);
        FloatVector sh = FloatVector.broadcast(F, shift);
        int i = 0;
        for (int bound = F.loopBound(len); i < bound; i += L) {
            FloatVector y = sh.sub(FloatVector.fromArray(F, x, off + i));
            yBits = yBits.max(y.reinterpretAsInts());
            FloatVector yc = y.reinterpretAsInts().min(Y_MAX_BITS).reinterpretAsFloats();
            FloatVector t = yc.fma(FloatVector.broadcast(F, -LOG2E), FloatVector.broadcast(F, ROUND)); // ROUND + n
            FloatVector n = t.sub(ROUND);                             // n = round(-y / ln 2)
            FloatVector rn = n.fma(FloatVector.broadcast(F, LN2_HI), yc); // rn = -r = y + n ln 2
            rn = n.fma(FloatVector.broadcast(F, LN2_LO), rn);
            FloatVector q = FloatVector.broadcast(F, 1.9875691500E-4f)  // -P(-rn), P Cephes' polynomial
                    .fma(rn, FloatVector.broadcast(F, -1.3981999507E-3f))
                    .fma(rn, FloatVector.broadcast(F, 8.3334519073E-3f))
                    .fma(rn, FloatVector.broadcast(F, -4.1665795894E-2f))
                    .fma(rn, FloatVector.broadcast(F, 1.6666665459E-1f))
                    .fma(rn, FloatVector.broadcast(F, -5.0000001201E-1f));
            FloatVector w = q.fma(rn.mul(rn), rn);                   // rn - rn^2 P(-rn) = -(r + r^2 P(r))
            IntVector bits = t.reinterpretAsInts().sub(ROUND_BITS_MINUS_BIAS).min(255).lanewise(VectorOperators.LSHL, 23);
            FloatVector e = FloatVector.broadcast(F, 1f).sub(w).mul(bits.reinterpretAsFloats());
            e.intoArray(p, pOff + i);
            acc = acc.add(e);
        }
        float s = addLanes(acc);
        // a lane compare and a mask test, not a reduction across lanes: ~4 ns less per row (0.31 -> 0.29 ns per score in
        // 256-float rows, 0.44 -> 0.41 in 64-float ones, Xeon, alternated in one JVM); same result
        if (yBits.compare(VectorOperators.GT, INF_BITS).anyTrue()) s = Float.NaN;
        for (; i < len; i++) {
            float e = (float) Math.exp(x[off + i] - shift);
            p[pOff + i] = e;
            s += e;
        }
        return s;
    }

    @Override
    public void softmaxBackward(float[] s, float[] dp, int off, int len, float lse, float dsum) {
        int i = 0;
        for (int bound = F.loopBound(len); i < bound; i += L) {
            FloatVector p = expNonPositive(FloatVector.fromArray(F, s, off + i).sub(lse));
            p.intoArray(s, off + i);
            p.mul(FloatVector.fromArray(F, dp, off + i).sub(dsum)).intoArray(dp, off + i);
        }
        for (; i < len; i++) {
            float p = (float) Math.exp(s[off + i] - lse);
            s[off + i] = p;
            dp[off + i] = p * (dp[off + i] - dsum);
        }
    }

    @Override
    public void exp(float[] x, int xOff, float[] y, int yOff, int len) {
        int i = 0;
        for (int bound = F.loopBound(len); i < bound; i += L) {
            FloatVector.fromArray(F, x, xOff + i).lanewise(VectorOperators.EXP).intoArray(y, yOff + i);
        }
        for (; i < len; i++) y[yOff + i] = (float) Math.exp(x[xOff + i]);
    }

    @Override
    public void scale(float[] x, int off, int len, float s) {
        scaleInto(x, off, s, x, off, len);
    }

    @Override
    public void relu(float[] x, int xOff, float[] y, int yOff, int len) {
        int i = 0;
        for (int bound = F.loopBound(len); i < bound; i += L) {
            FloatVector.fromArray(F, x, xOff + i).max(0f).intoArray(y, yOff + i);
        }
        for (; i < len; i++) y[yOff + i] = Math.max(x[xOff + i], 0f);
    }

    @Override
    public void addInto(float[] x, int xOff, float[] acc, int accOff, int len) {
        int i = 0;
        for (int bound = F.loopBound(len); i < bound; i += L) {
            FloatVector.fromArray(F, acc, accOff + i).add(FloatVector.fromArray(F, x, xOff + i)).intoArray(acc, accOff + i);
        }
        for (; i < len; i++) acc[accOff + i] += x[xOff + i];
    }

    @Override
    public void reluBackward(float[] x, float[] g, int off, int len) {
        FloatVector zero = FloatVector.zero(F);
        int i = 0;
        for (int bound = F.loopBound(len); i < bound; i += L) {
            FloatVector xv = FloatVector.fromArray(F, x, off + i);
            zero.blend(FloatVector.fromArray(F, g, off + i), xv.compare(VectorOperators.GT, 0f)).intoArray(g, off + i);
        }
        for (; i < len; i++) g[off + i] = x[off + i] > 0 ? g[off + i] : 0f;
    }

    @Override
    public void scaleInto(float[] x, int xOff, float s, float[] y, int yOff, int len) {
        int i = 0;
        for (int bound = F.loopBound(len); i < bound; i += L) {
            FloatVector.fromArray(F, x, xOff + i).mul(s).intoArray(y, yOff + i);
        }
        for (; i < len; i++) y[yOff + i] = x[xOff + i] * s;
    }

    @Override
    public float sum(float[] x, int off, int len) {
        FloatVector acc = FloatVector.zero(F);
        int i = 0;
        for (int bound = F.loopBound(len); i < bound; i += L) acc = acc.add(FloatVector.fromArray(F, x, off + i));
        float s = addLanes(acc);
        for (; i < len; i++) s += x[off + i];
        return s;
    }

    @Override
    public float sumDeviations(float[] x, int off, int len, float mean) {
        FloatVector acc = FloatVector.zero(F);
        int i = 0;
        for (int bound = F.loopBound(len); i < bound; i += L) acc = acc.add(FloatVector.fromArray(F, x, off + i).sub(mean));
        float s = addLanes(acc);
        for (; i < len; i++) s += x[off + i] - mean;
        return s;
    }

    @Override
    public float sumSquaredDeviations(float[] x, int off, int len, float mean) {
        FloatVector acc = FloatVector.zero(F);
        int i = 0;
        for (int bound = F.loopBound(len); i < bound; i += L) {
            FloatVector dev = FloatVector.fromArray(F, x, off + i).sub(mean);
            acc = dev.fma(dev, acc);
        }
        float s = addLanes(acc);
        for (; i < len; i++) {
            float dev = x[off + i] - mean;
            s = Math.fma(dev, dev, s);
        }
        return s;
    }

    @Override
    public void normalize(float[] x, int xOff, float mean, float rstd, float[] gamma, float[] beta,
                          float[] y, int yOff, int len) {
        int i = 0;
        for (int bound = F.loopBound(len); i < bound; i += L) {
            FloatVector g = FloatVector.fromArray(F, gamma, i);
            FloatVector.fromArray(F, x, xOff + i).sub(mean).mul(rstd)
                    .fma(g, FloatVector.fromArray(F, beta, i)).intoArray(y, yOff + i);
        }
        for (; i < len; i++) y[yOff + i] = Math.fma((x[xOff + i] - mean) * rstd, gamma[i], beta[i]);
    }

    @Override
    public void normalizeSaving(float[] x, int off, float mean, float rstd, float[] gamma, float[] beta, float[] xhat, float[] y,
                                int len) {
        int i = 0;
        for (int bound = F.loopBound(len); i < bound; i += L) {
            FloatVector h = FloatVector.fromArray(F, x, off + i).sub(mean).mul(rstd);
            h.intoArray(xhat, off + i);
            h.fma(FloatVector.fromArray(F, gamma, i), FloatVector.fromArray(F, beta, i)).intoArray(y, off + i);
        }
        for (; i < len; i++) {
            float h = (x[off + i] - mean) * rstd;
            xhat[off + i] = h;
            y[off + i] = Math.fma(h, gamma[i], beta[i]);
        }
    }

    @Override
    public void layerNormBackwardRow(float[] dy, float[] xhat, int off, int len, float rstd, float[] gamma, float[] dx,
                                     float[] dGamma, float[] dBeta) {
        FloatVector a1 = FloatVector.zero(F), a2 = FloatVector.zero(F);
        int i = 0, bound = F.loopBound(len);
        for (; i < bound; i += L) {
            FloatVector g = FloatVector.fromArray(F, dy, off + i), h = FloatVector.fromArray(F, xhat, off + i);
            FloatVector gg = g.mul(FloatVector.fromArray(F, gamma, i));
            a1 = a1.add(gg);
            a2 = gg.fma(h, a2);
            g.fma(h, FloatVector.fromArray(F, dGamma, i)).intoArray(dGamma, i);
            g.add(FloatVector.fromArray(F, dBeta, i)).intoArray(dBeta, i);
        }
        float m1 = addLanes(a1), m2 = addLanes(a2);
        for (int j = i; j < len; j++) {
            float gg = dy[off + j] * gamma[j];
            m1 += gg;
            m2 = Math.fma(gg, xhat[off + j], m2);
            dGamma[j] = Math.fma(dy[off + j], xhat[off + j], dGamma[j]);
            dBeta[j] += dy[off + j];
        }
        m1 /= len;
        m2 /= len;
        for (i = 0; i < bound; i += L) {
            FloatVector gg = FloatVector.fromArray(F, dy, off + i).mul(FloatVector.fromArray(F, gamma, i));
            FloatVector h = FloatVector.fromArray(F, xhat, off + i);
            gg.sub(m1).sub(h.mul(m2)).mul(rstd).intoArray(dx, off + i);
        }
        for (; i < len; i++) dx[off + i] = (dy[off + i] * gamma[i] - m1 - xhat[off + i] * m2) * rstd;
    }

    /**
     * Lane-swap shuffles for {@link #addLanes}: {@code SWAP_h} maps lane i to lane i ^ h. One field each (C2
     * folds a static final field to a constant, not an element of an array); null where h >= L.
     */
    private static final VectorShuffle<Float> SWAP_1 = swap(1), SWAP_2 = swap(2), SWAP_4 = swap(4), SWAP_8 = swap(8),
            SWAP_16 = swap(16), SWAP_32 = swap(32);

    private static VectorShuffle<Float> swap(int h) {
        return h < L ? VectorShuffle.fromOp(F, i -> i ^ h) : null;
    }

    /**
     * The sum of v's lanes in a fixed pairwise order: lanes h apart are added (h = L/2, ..., 2, 1), each step
     * an element-wise add of v and v with lanes swapped, then lane 0. Not {@code reduceLanes(ADD)}: its order
     * is the implementation's choice and differs between C2's intrinsic and the Java code that runs before C2
     * has compiled the caller, so a float training step gave other last bits depending on what the JIT had
     * compiled by then (seen on JDK 25). Element-wise adds give the same bits in every tier, and unlike a
     * trip through an array this allocates nothing and has a short dependency chain (log2 L adds).
     */
    private static float addLanes(FloatVector v) {
        // L is a constant: C2 keeps only the steps this species needs (up to 64 lanes, SVE's 2048 bits)
        if (L >= 64) v = v.add(v.rearrange(SWAP_32));
        if (L >= 32) v = v.add(v.rearrange(SWAP_16));
        if (L >= 16) v = v.add(v.rearrange(SWAP_8));
        if (L >= 8) v = v.add(v.rearrange(SWAP_4));
        if (L >= 4) v = v.add(v.rearrange(SWAP_2));
        if (L >= 2) v = v.add(v.rearrange(SWAP_1));
        return v.lane(0);
    }
}
