package dojo.kernels;

import dojo.kernels.FusedAttention.Layout;
import dojo.kernels.FusedAttention.View;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The gradient of fused scaled dot-product attention, FlashAttention-2 style (Dao 2023, Algorithm 2):
 * given Q, K, V, the forward output O, its saved per-row log-sum-exp ({@link FusedAttention#attend(int,
 * int, int, int, int, int, float[], float[], float[], AttentionMask, float[], float[])}) and dO, it
 * returns dQ, dK, dV without ever holding the {@code n x m} probability matrix. Per head:
 * {@code D_i = rowsum(dO_i * O_i)}; then for each key block j (outer) and query block i (inner) it
 * recomputes {@code P = exp(Q_i.K_j^T / sqrt(d) - lse_i)} and
 * <pre>
 *   dV_j += P^T.dO_i        dP = dO_i.V_j^T        dS = P * (dP - D_i)
 *   dQ_i += dS.K_j / sqrt(d)                       dK_j += dS^T.Q_i / sqrt(d)
 * </pre>
 * Masks as in the forward (causal, key padding); a query that saw no key (its forward output is the
 * zero row) gets a zero dQ row and contributes nothing to dK and dV.
 *
 * <p>All five products run on the SGEMM micro-kernel, and no {@code BQ x BK} block is repacked: S and dP
 * are written straight into {@code nr}-wide key slivers, which is the packed-B layout of
 * {@code dV^T += dO_i^T.P} and {@code dK^T += Q_i^T.dS} (accumulated transposed, feature rows by key
 * columns, and transposed once per key block), and {@code dQ_i += dS.K_j} reads dS in them, key sliver
 * by key sliver. Q and dO are read in place by all four of their products (rows for
 * {@code S = Q.(scale K^T)} and {@code dP = dO.V^T}, columns for dK^T and dV^T; only short last slivers are
 * packed); K^T, V^T and K are packed once per key block.
 *
 * <p>Parallel over (batch, head): one task owns a head's dQ, dK and dV, so there are no write races,
 * and every sum runs in a fixed order: results are bitwise independent of the thread count. Extra memory
 * per worker is O(n.(d + dv) + BQ.BK), whatever n is.
 */
public final class FusedAttentionBackward {

    /** Query rows per block (a multiple of both micro-tiles' rows, 6 and 12: {@link KernelOps#mr()}). */
    static final int BQ = 96;
    /** Keys per block (a multiple of the micro-tile's 32 columns). */
    static final int BK = 128;

    private final KernelOps ops;
    private final Parallelism parallelism;
    private final int bq, bk;

    public FusedAttentionBackward(Backend backend, Parallelism parallelism) {
        this(backend, parallelism, BQ, BK);
    }

    /** Other block sizes, for tests (results must not depend on them beyond rounding) and tuning. */
    FusedAttentionBackward(Backend backend, Parallelism parallelism, int bq, int bk) {
        this.ops = backend.ops();
        this.parallelism = parallelism;
        this.bq = Shapes.roundUp(bq, ops.mr());
        this.bk = Shapes.roundUp(bk, ops.nr());
    }

    /**
     * Gradients of {@code out = attention(q, k, v, mask)} for the upstream gradient {@code dOut}; all
     * row-major as in the forward: {@code q, dq [batch][heads][n][d]}, {@code k, dk [batch][heads][m][d]},
     * {@code v, dv [batch][heads][m][dv]}, {@code out, dOut [batch][heads][n][dv]},
     * {@code lse [batch][heads][n]} (from the forward). {@code dq, dk, dvOut} are overwritten.
     */
    public void backward(int batch, int heads, int n, int m, int d, int dv,
                         float[] q, float[] k, float[] v, float[] out, float[] lse, float[] dOut,
                         AttentionMask mask, float[] dq, float[] dk, float[] dvOut) {
        String op = "attention backward";
        Shapes.positive(op, "batch x heads x n x m x d x dv", batch, heads, n, m, d, dv);
        Shapes.length(op, "Q", q, "batch x heads x n x d", batch, heads, n, d);
        Shapes.length(op, "K", k, "batch x heads x m x d", batch, heads, m, d);
        Shapes.length(op, "V", v, "batch x heads x m x dv", batch, heads, m, dv);
        Shapes.length(op, "out", out, "batch x heads x n x dv", batch, heads, n, dv);
        Shapes.length(op, "lse", lse, "batch x heads x n", batch, heads, n);
        Shapes.length(op, "dOut", dOut, "batch x heads x n x dv", batch, heads, n, dv);
        Shapes.length(op, "dQ", dq, "batch x heads x n x d", batch, heads, n, d);
        Shapes.length(op, "dK", dk, "batch x heads x m x d", batch, heads, m, d);
        Shapes.length(op, "dV", dvOut, "batch x heads x m x dv", batch, heads, m, dv);
        if (mask == null) throw new IllegalArgumentException(op + ": mask is null (use AttentionMask.none())");
        mask.check(op, batch, m);
        Layout qv = Layout.headMajor(q, heads, n, d), kv = Layout.headMajor(k, heads, m, d), vv = Layout.headMajor(v, heads, m, dv);
        Layout ov = Layout.headMajor(out, heads, n, dv), dov = Layout.headMajor(dOut, heads, n, dv);
        run(grads(batch, heads, n, m, d, dv, qv, kv, vv, ov, dov, lse, mask, Layout.headMajor(dq, heads, n, d),
                Layout.headMajor(dk, heads, m, d), Layout.headMajor(dvOut, heads, m, dv)));
    }

    /** One job per (batch, head). */
    private static List<Grad> grads(int batch, int heads, int n, int m, int d, int dv, Layout q, Layout k, Layout v, Layout out,
                                    Layout dOut, float[] lse, AttentionMask mask, Layout dq, Layout dk, Layout dvOut) {
        List<Grad> jobs = new ArrayList<>(batch * heads);
        for (int b = 0; b < batch; b++) {
            for (int h = 0; h < heads; h++) {
                jobs.add(new Grad(q.view(b, h, n, d), k.view(b, h, m, d), v.view(b, h, m, dv), out.view(b, h, n, dv), lse,
                        (b * heads + h) * n, dOut.view(b, h, n, dv), dq.view(b, h, n, d), dk.view(b, h, m, d), dvOut.view(b, h, m, dv),
                        mask.causal(), mask.paddingOf(b)));
            }
        }
        return jobs;
    }

    /**
     * As {@link #backward} with the heads side by side in rows ({@link FusedAttention#attendRows}'s layout):
     * q, k, v read at their offsets and strides, out and dOut {@code [batch*n][outStride]}, dq, dk and dv
     * written at their offsets and strides (they may share one array, e.g. a [B*L, 3E] gradient of a q|k|v
     * product at offsets 0, E and 2E: each writes only its own columns, all of them).
     */
    public void backwardRows(int batch, int heads, int n, int m, int d, int dv,
                             float[] q, int qOff, int qStride, float[] k, int kOff, int kStride, float[] v, int vOff, int vStride,
                             float[] out, float[] dOut, int outStride, float[] lse, AttentionMask mask,
                             float[] dq, int dqOff, int dqStride, float[] dk, int dkOff, int dkStride, float[] dvOut, int dvOff, int dvStride) {
        String op = "attention backward";
        Shapes.positive(op, "batch x heads x n x m x d x dv", batch, heads, n, m, d, dv);
        FusedAttention.rows(op, "Q", q, qOff, qStride, batch, n, heads * d);
        FusedAttention.rows(op, "K", k, kOff, kStride, batch, m, heads * d);
        FusedAttention.rows(op, "V", v, vOff, vStride, batch, m, heads * dv);
        FusedAttention.rows(op, "out", out, 0, outStride, batch, n, heads * dv);
        FusedAttention.rows(op, "dOut", dOut, 0, outStride, batch, n, heads * dv);
        FusedAttention.rows(op, "dQ", dq, dqOff, dqStride, batch, n, heads * d);
        FusedAttention.rows(op, "dK", dk, dkOff, dkStride, batch, m, heads * d);
        FusedAttention.rows(op, "dV", dvOut, dvOff, dvStride, batch, m, heads * dv);
        Shapes.length(op, "lse", lse, "batch x heads x n", batch, heads, n);
        if (mask == null) throw new IllegalArgumentException(op + ": mask is null (use AttentionMask.none())");
        mask.check(op, batch, m);
        run(grads(batch, heads, n, m, d, dv, Layout.rows(q, qOff, qStride, n, d), Layout.rows(k, kOff, kStride, m, d),
                Layout.rows(v, vOff, vStride, m, dv), Layout.rows(out, 0, outStride, n, dv), Layout.rows(dOut, 0, outStride, n, dv), lse,
                mask, Layout.rows(dq, dqOff, dqStride, n, d), Layout.rows(dk, dkOff, dkStride, m, d), Layout.rows(dvOut, dvOff, dvStride, m, dv)));
    }

    /** One head's inputs and gradient outputs (strided views, so heads may live inside [batch][len][E] rows). */
    record Grad(View q, View k, View v, View out, float[] lse, int lseOff, View dOut,
                View dq, View dk, View dv, boolean causal, boolean[] keyPadding) {}

    /** Runs every head as one task; all heads of one call share n, m, d and dv. */
    void run(List<Grad> heads) {
        if (heads.isEmpty()) return;
        Grad g = heads.get(0);
        int n = g.q().rows(), m = g.k().rows(), d = g.q().cols(), dv = g.v().cols();
        parallelism.forEach(heads.size(), () -> scratch(n, d, dv), (s, t) -> head(s, heads.get(t)));
    }

    /**
     * Each worker thread's buffers, kept between calls of the same n, d and dv (as {@link FusedAttention}'s):
     * made per worker per call they were ~1.7 MB at n = 1024, d = 64, allocated and zeroed. Stale contents are
     * never read, as between the heads of one call.
     */
    private final ThreadLocal<Scratch> scratches = new ThreadLocal<>();

    private Scratch scratch(int n, int d, int dv) {
        Scratch s = scratches.get();
        if (s == null || s.n != n || s.d != d || s.dv != dv) scratches.set(s = new Scratch(ops, bq, bk, n, d, dv));
        return s;
    }

    /** Per-worker buffers for one n, d and dv, reused across heads and calls. */
    private static final class Scratch {
        final float[] qs, dO, qsT, dOT, dsum, kT, vT, kN, sc, dp, dKT, dVT, dQacc;
        final int n, d, dv;

        Scratch(KernelOps ops, int bq, int bk, int n, int d, int dv) {
            this.n = n;
            this.d = d;
            this.dv = dv;
            int mr = ops.mr(), nr = ops.nr(), nPad = Shapes.roundUp(n, mr), nBlocksRows = Shapes.ceilDiv(n, bq) * bq;
            int dR = Shapes.roundUp(d, mr), dvR = Shapes.roundUp(dv, mr), dC = Shapes.roundUp(d, nr);
            qs = new float[nPad * d];
            dO = new float[nPad * dv];
            qsT = new float[nBlocksRows * dR];
            dOT = new float[nBlocksRows * dvR];
            dsum = new float[n];
            kT = new float[bk * d];
            vT = new float[bk * dv];
            kN = new float[bk * dC];
            sc = new float[bk * bq];
            dp = new float[bk * bq];
            dKT = new float[dR * bk];
            dVT = new float[dvR * bk];
            dQacc = new float[nPad * dC];
        }
    }

    private void head(Scratch s, Grad g) {
        View q = g.q(), k = g.k(), v = g.v(), o = g.out(), dO = g.dOut();
        int mr = ops.mr(), nr = ops.nr();
        int n = q.rows(), m = k.rows(), d = q.cols(), dv = v.cols();
        int nPad = Shapes.roundUp(n, mr), dR = Shapes.roundUp(d, mr), dvR = Shapes.roundUp(dv, mr), dC = Shapes.roundUp(d, nr);
        float scale = (float) (1.0 / Math.sqrt(d));
        boolean[] pad = g.keyPadding();
        // S = Q.(scale K^T) and dP = dO.V^T read Q and dO where they are, mr rows at a time; only a short last
        // sliver of rows is packed, zero-padded (packing every row took a tenth of a small-head backward).
        // dK^T += Q^T.dS (times scale when written out) and dV^T += dO^T.P read Q and dO in place too, mr
        // features at a time, depth = the block's rows; only a short last feature sliver is packed, transposed
        int nFull = n / mr * mr;
        packRows(q, nFull, n, nPad, s.qs);
        packRows(dO, nFull, n, nPad, s.dO);
        for (int q0 = 0; q0 < n; q0 += bq) {
            int ri = Math.min(bq, n - q0);
            packTransposed(q, d / mr * mr, q0, ri, dR, s.qsT, q0 * dR);
            packTransposed(dO, dv / mr * mr, q0, ri, dvR, s.dOT, q0 * dvR);
        }
        for (int r = 0; r < n; r++) {                       // D_i = rowsum(dO_i * O_i)
            int a = dO.at(r), b = o.at(r);
            float acc = 0f;
            for (int f = 0; f < dv; f++) acc = Math.fma(dO.data()[a + f], o.data()[b + f], acc);
            s.dsum[r] = acc;
        }
        Arrays.fill(s.dQacc, 0, nPad * dC, 0f);
        for (int kb = 0; kb < m; kb += bk) {
            // keys after the block's last visible one (trailing padding) get zero gradients, not computed ones
            int kc = Math.min(bk, m - kb), kv = FusedAttention.visibleKeys(pad, kb, kc), kvC = Shapes.roundUp(kv, nr);
            Arrays.fill(s.dKT, 0, dR * bk, 0f);
            Arrays.fill(s.dVT, 0, dvR * bk, 0f);
            if (kv > 0) {
                packTransposedSlivers(k, kb, kv, scale, s.kT);
                packTransposedSlivers(v, kb, kv, 1f, s.vT);
                packColumns(k, kb, kv, dC, s.kN);
                // causal: queries before kb see no key of this block
                for (int q0 = g.causal() ? kb / bq * bq : 0; q0 < n; q0 += bq) {
                    keyQueryBlock(s, g, kb, kv, kvC, q0, Math.min(bq, n - q0), dR, dvR, dC, pad);
                }
            }
            for (int p = 0; p < kc; p++) {                   // dK, dV rows of this key block (transposed back)
                int ko = g.dk().at(kb + p), vo = g.dv().at(kb + p);
                for (int f = 0; f < d; f++) g.dk().data()[ko + f] = s.dKT[f * bk + p] * scale;
                for (int f = 0; f < dv; f++) g.dv().data()[vo + f] = s.dVT[f * bk + p];
            }
        }
        for (int r = 0; r < n; r++) ops.scaleInto(s.dQacc, r * dC, scale, g.dq().data(), g.dq().at(r), d);
    }

    /** One (key block, query block) step: recompute P, then dS, and the three gradient updates. */
    private void keyQueryBlock(Scratch s, Grad g, int kb, int kc, int kcC, int q0, int ri, int dR, int dvR, int dC,
                               boolean[] pad) {
        int mr = ops.mr(), nr = ops.nr(), d = g.q().cols(), dv = g.v().cols(), riPad = Shapes.roundUp(ri, mr);
        float[] sc = s.sc, dp = s.dp;
        // S = Q_i.(scale K_j)^T and dP = dO_i.V_j^T, written as nr-wide key slivers: (query r, key js + t) at js*bq + r*nr + t
        View q = g.q(), dO = g.dOut();
        for (int js = 0; js < kcC; js += nr) {
            for (int r0 = 0; r0 < riPad; r0 += mr) {
                int qi = q0 + r0;
                if (qi + mr <= q.rows()) {                   // whole sliver: rows read in place
                    ops.microKernelRowA(d, q.data(), q.at(qi), q.stride(), s.kT, js * d, sc, js * bq + r0 * nr, nr, false);
                    ops.microKernelRowA(dv, dO.data(), dO.at(qi), dO.stride(), s.vT, js * dv, dp, js * bq + r0 * nr, nr, false);
                } else {                                     // the packed last sliver
                    ops.microKernel(d, s.qs, qi * d, s.kT, js * d, sc, js * bq + r0 * nr, nr, false);
                    ops.microKernel(dv, s.dO, qi * dv, s.vT, js * dv, dp, js * bq + r0 * nr, nr, false);
                }
            }
        }
        // P = exp(S - lse), dS = P * (dP - D), masked keys and padding rows 0
        int clean = FusedAttention.unpaddedPrefix(pad, kb, kc);   // keys before it need no mask
        for (int js = 0; js < kcC; js += nr) {
            for (int r = 0; r < riPad; r++) {
                int off = js * bq + r * nr, qi = q0 + r;
                int vis = Math.min(nr, kc - js);              // real keys in this sliver
                if (g.causal() && r < ri) vis = Math.min(vis, qi - (kb + js) + 1);
                float lse = r < ri ? g.lse()[g.lseOff() + qi] : Float.NEGATIVE_INFINITY;
                if (r >= ri || vis <= 0 || lse == Float.NEGATIVE_INFINITY) { // nothing visible (or no such row)
                    Arrays.fill(sc, off, off + nr, 0f);
                    Arrays.fill(dp, off, off + nr, 0f);
                    continue;
                }
                for (int t = Math.max(0, clean - js); t < vis; t++) if (pad[kb + js + t]) sc[off + t] = Float.NEGATIVE_INFINITY;
                for (int t = vis; t < nr; t++) sc[off + t] = Float.NEGATIVE_INFINITY;
                ops.softmaxBackward(sc, dp, off, nr, lse, s.dsum[qi]);
            }
        }
        // dV_j^T += dO_i^T.P and dK_j^T += Q_i^T.dS (scaled when written out): depth = the block's rows; P and dS
        // are packed B already
        for (int f = 0; f < dvR; f += mr) {
            for (int js = 0; js < kcC; js += nr) {
                if (f + mr <= dv) ops.microKernelColA(ri, dO.data(), dO.at(q0) + f, dO.stride(), sc, js * bq, s.dVT, f * bk + js, bk, true);
                else ops.microKernel(ri, s.dOT, q0 * dvR + f * ri, sc, js * bq, s.dVT, f * bk + js, bk, true);
            }
        }
        for (int f = 0; f < dR; f += mr) {
            for (int js = 0; js < kcC; js += nr) {
                if (f + mr <= d) ops.microKernelColA(ri, q.data(), q.at(q0) + f, q.stride(), dp, js * bq, s.dKT, f * bk + js, bk, true);
                else ops.microKernel(ri, s.qsT, q0 * dR + f * ri, dp, js * bq, s.dKT, f * bk + js, bk, true);
            }
        }
        // dQ_i += dS.K_j, one key sliver at a time: dS read where it is ((query r, key js + t) at js*bq + r*nr + t,
        // rows nr apart), each call continuing the chains of the one before, so the sums are those over all kc
        // keys in order (repacking dS into query slivers first took a tenth of a small-head backward)
        for (int r0 = 0; r0 < riPad; r0 += mr) {
            for (int jf = 0; jf < dC; jf += nr) {
                for (int js = 0; js < kc; js += nr) {
                    ops.microKernelRowA(Math.min(nr, kc - js), dp, js * bq + r0 * nr, nr, s.kN, jf * kc + js * nr, s.dQacc,
                            (q0 + r0) * dC + jf, dC, true);
                }
            }
        }
    }

    /**
     * Rows [from, rows) of x into mr-high slivers (feature-major inside; row r of sliver r/mr at
     * (r/mr)*mr*cols + r%mr), rows up to rowsPad zero; from is a multiple of mr.
     */
    private void packRows(View x, int from, int rows, int rowsPad, float[] dst) {
        int mr = ops.mr(), c = x.cols();
        for (int r = from; r < rowsPad; r++) {
            int base = (r / mr) * mr * c + r % mr;
            if (r < rows) {
                int src = x.at(r);
                for (int f = 0; f < c; f++) dst[base + f * mr] = x.data()[src + f];
            } else {
                for (int f = 0; f < c; f++) dst[base + f * mr] = 0f;
            }
        }
    }

    /**
     * x rows [r0, r0+rows) transposed, the feature slivers from {@code from} (a multiple of mr) on: features
     * as mr-high slivers, rows as depth; sliver f/mr at {@code base + f*rows}, element (feature f, row r) at
     * {@code + r*mr + f%mr}; features up to featPad zero.
     */
    private void packTransposed(View x, int from, int r0, int rows, int featPad, float[] dst, int base) {
        // sliver by sliver: no division by mr per element (it was a quarter of a small-head backward)
        int mr = ops.mr(), c = x.cols();
        float[] data = x.data();
        for (int fs = from; fs < featPad; fs += mr) {
            int sliver = base + fs * rows, w = Math.min(mr, c - fs);
            for (int r = 0; r < rows; r++) {
                int src = x.at(r0 + r) + fs, d = sliver + r * mr, t = 0;
                for (; t < w; t++) dst[d + t] = data[src + t];
                for (; t < mr; t++) dst[d + t] = 0f;
            }
        }
    }

    /** Rows [kb, kb+kc) of x times scale as x^T in nr-wide slivers (sliver j/nr: (feature c, row j) at c*nr + j%nr), zero-padded. */
    private void packTransposedSlivers(View x, int kb, int kc, float scale, float[] dst) {
        int nr = ops.nr(), c = x.cols(), kcPad = Shapes.roundUp(kc, nr);
        for (int j = 0; j < kcPad; j++) {
            int base = (j / nr) * c * nr + j % nr;
            if (j < kc) {
                int src = x.at(kb + j);
                for (int f = 0; f < c; f++) dst[base + f * nr] = x.data()[src + f] * scale;
            } else {
                for (int f = 0; f < c; f++) dst[base + f * nr] = 0f;
            }
        }
    }

    /** Rows [kb, kb+kc) of x in nr-wide column slivers, kc deep (sliver j0/nr at j0*kc); columns up to colsPad zero. */
    private void packColumns(View x, int kb, int kc, int colsPad, float[] dst) {
        int nr = ops.nr(), c = x.cols();
        for (int j0 = 0; j0 < colsPad; j0 += nr) {
            int cols = Math.max(0, Math.min(nr, c - j0)), base = j0 * kc;
            for (int p = 0; p < kc; p++) {
                int dOff = base + p * nr;
                System.arraycopy(x.data(), x.at(kb + p) + j0, dst, dOff, cols);
                for (int j = cols; j < nr; j++) dst[dOff + j] = 0f;
            }
        }
    }
}
