package dojo.kernels;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Single-precision matrix multiply on row-major {@code float[]}: {@code C = A.B} and {@code C = A.B^T}.
 *
 * <p>The classic packed, cache-blocked scheme (Goto; BLIS): a {@code KC x NC} panel of B is packed into
 * {@code nr}-wide slivers (lives in L3, each sliver in L2), an {@code MC x KC} block of A into
 * {@code mr}-high slivers (lives in L2), and a register-blocked micro-kernel multiplies one sliver pair
 * into an {@code mr x nr} tile of C. Packing makes every micro-kernel read sequential and turns
 * {@code A.B^T} into the same loop as {@code A.B}.
 *
 * <p>Threads split the rows of C (near-equal blocks of at most {@code MC}; with few rows, as in a weight
 * gradient, each row block is also cut into column parts) and share each packed B
 * panel, packing the next one while they multiply with the current one; the k-sum of an element is never split, and
 * each element is one fused multiply-add chain in ascending k, so results do not depend on the thread
 * count, the block sizes, or the backend (vector and scalar are bitwise equal).
 */
public final class Sgemm {

    // Block sizes come from this machine's cache sizes (Blocking.forCaches). On Zen 4 (32 KiB L1d, 1 MiB
    // L2 per core, 32 MiB L3) the rules give KC = 1024, MC = 48, NC = 2048, the sizes measured best there
    // for n = 256..2048: a deep KC (fewer passes over C, fewer packs) beats the textbook "B sliver in L1"
    // choice, since L2 feeds two 64-byte loads per cycle (one thread: KC = 512, MC = 48 gave ~95-103
    // GFLOP/s vs ~75-86 at 256/96; KC = 1024 another 2-4% on 1 and 2 threads, n = 768..2048).
    // With the 12-row tile of a Xeon (48 KiB L1d, 2 MiB L2) the same rules give KC = 768, MC = 120, NC = 4096,
    // the best of the blockings measured there (KC 192..768, NC 512..4096: all within 20%).

    /** Zen 4's blocks, also what {@link CacheSizes#fallback()} gives: depth of a packed panel. */
    static final int KC = 1024;
    /** Most rows of A packed at once (Zen 4). */
    static final int MC = 48;
    /** Most columns of B packed at once (Zen 4). */
    static final int NC = 2048;

    /**
     * Cache blocking of one multiply.
     *
     * @param kc depth of a packed panel
     * @param mc most rows of A packed at once (a multiple of the micro-tile's rows)
     * @param nc most columns of B packed at once (a multiple of the micro-tile's columns)
     * @param caches the cache sizes they were derived from
     */
    public record Blocking(int kc, int mc, int nc, CacheSizes caches) {

        /**
         * The rules (in the spirit of Low et al. 2016, "Analytical modeling is enough for high-performance
         * BLIS", tuned on Zen 4): an {@code mr x KC} A sliver takes 3/4 of L1d (KC a multiple of 64, 256..1536);
         * the {@code MC x KC} A block takes 3/16 of L2, leaving the rest to the {@code KC x nr} B sliver it
         * meets and to C; one {@code KC x NC} B panel takes 1/4 of L3 (two are kept: the one in use and the
         * next, being packed), NC at most 4096.
         */
        public static Blocking forCaches(CacheSizes c, int mr, int nr) {
            int kc = (int) Math.max(256, Math.min(1536, c.l1d() * 3 / 4 / (4L * mr) / 64 * 64));
            int mc = (int) Math.max(mr, c.l2() * 3 / 16 / (4L * kc) / mr * mr);
            int nc = (int) Math.max(4L * nr, Math.min(4096, c.l3() / 4 / (4L * kc) / nr * nr));
            return new Blocking(kc, mc, nc, c);
        }

        @Override
        public String toString() {
            return "KC = " + kc + ", MC = " + mc + ", NC = " + nc + " from " + caches;
        }
    }

    /** This machine's caches, read once per JVM (the hardware does not change under a running process). */
    private static final class Detected {
        static final CacheSizes CACHES = CacheSizes.detect();
    }

    private final Backend backend;
    private final KernelOps ops;
    private final Parallelism parallelism;
    private final int kcMax, mcMax, ncMax;
    /**
     * Deepest k block for which a row-major A is read in place, not packed: an mr-row sliver of it (mr x kc
     * floats, mr streams of kc) fills at most half of L1d, so it stays there while the micro-kernel walks the B
     * panel's slivers. Packing A cost ~10% of the training step's products, whose k (128..512) is this shallow:
     * in place, the dX products (n = 128) ran at 232-245 GFLOP/s against 191-215 packed, the step 4% faster in
     * two interleaved pairs (Xeon, 48 KiB L1d: kc <= 512). Deeper, packing wins: the 12 rows are then 36 KiB or
     * more, 8 KiB apart at n = 2048, and in place ran at 240 against 275 GFLOP/s there.
     */
    private final int rowAMaxKc;

    /**
     * A row-major A is read in place only when its rows are less than this many floats (4 KiB) apart: 12 rows
     * 4 KiB apart share one L1 set (n = 1024: 258-265 GFLOP/s with the last, 256-deep k block read in place,
     * 274-283 all packed).
     */
    static final int ROW_A_MAX_LDA = 1024;
    private final Blocking blocking;
    /** Packed-B buffers kept between calls (at most 2 x KC x NC floats, 16 MiB). */
    private final AtomicReference<float[][]> spare = new AtomicReference<>();

    /** Block sizes from this machine's cache sizes ({@link Blocking#forCaches}). */
    public Sgemm(Backend backend, Parallelism parallelism) {
        this(backend, parallelism, Blocking.forCaches(Detected.CACHES, backend.ops().mr(), backend.ops().nr()));
    }

    /** Explicit block sizes (tuning, other machines' rules). */
    public Sgemm(Backend backend, Parallelism parallelism, Blocking blocking) {
        this(backend, parallelism, blocking.kc(), blocking.mc(), blocking.nc());
    }

    /** Other block sizes: for tests (results must not change) and tuning. */
    Sgemm(Backend backend, Parallelism parallelism, int kc, int mc, int nc) {
        this(backend, parallelism, kc, mc, nc, (int) (Detected.CACHES.l1d() / 2 / (4L * backend.ops().mr())));
    }

    /** As above, and the deepest k block for which a row-major A is read in place ({@link #rowAMaxKc}). */
    Sgemm(Backend backend, Parallelism parallelism, int kc, int mc, int nc, int rowAMaxKc) {
        this.backend = backend;
        this.ops = backend.ops();
        this.parallelism = parallelism;
        this.kcMax = kc;
        this.mcMax = Shapes.roundUp(mc, ops.mr());
        this.ncMax = Shapes.roundUp(nc, ops.nr());
        this.blocking = new Blocking(kcMax, mcMax, ncMax, Detected.CACHES);
        this.rowAMaxKc = rowAMaxKc;
        this.partGemm = ThreadLocal.withInitial(() -> new Sgemm(backend, SERIAL, kcMax, mcMax, ncMax, rowAMaxKc));
    }

    /** The block sizes this instance uses. */
    public Blocking blocking() {
        return blocking;
    }

    /** {@code C[m][n] = A[m][k] . B[k][n]}; all row-major; C is overwritten. */
    public void multiply(int m, int n, int k, float[] a, float[] b, float[] c) {
        check("sgemm", m, n, k, a, b, c, "k x n", k, n);
        gemm(m, n, k, a, 0, k, b, 0, n, false, c, 0, n);
    }

    /** {@code C[m][n] = A[m][k] . B[n][k]^T}; all row-major; C is overwritten. */
    public void multiplyTransposed(int m, int n, int k, float[] a, float[] b, float[] c) {
        check("sgemm (A.B^T)", m, n, k, a, b, c, "n x k", n, k);
        gemm(m, n, k, a, 0, k, b, 0, k, true, c, 0, n);
    }

    /**
     * {@code C[m][n] = A[k][m]^T . B[k][n]}; all row-major; C is overwritten. The weight gradient of a
     * linear layer ({@code dW = dY^T . X}) in one call, without transposing A in memory.
     */
    public void multiplyTransposedA(int m, int n, int k, float[] a, float[] b, float[] c) {
        String op = "sgemm (A^T.B)";
        Shapes.positive(op, "m x n x k", m, n, k);
        Shapes.length(op, "A", a, "k x m", k, m);
        Shapes.length(op, "B", b, "k x n", k, n);
        Shapes.length(op, "C", c, "m x n", m, n);
        if (k >= 2 * K_SPLIT && (long) m * n <= SPLIT_MAX_C) splitK(m, n, k, a, b, c);
        else gemm(m, n, k, a, 0, m, true, b, 0, n, false, c, 0, n);
    }

    /** Depth of one part of a split weight gradient (see {@link #splitK}). */
    static final int K_SPLIT = 512;
    /** Largest C (floats) whose product is split along k. */
    static final int SPLIT_MAX_C = 512 * 512;

    /**
     * {@code C = A^T.B} with a long k and a small C (a weight gradient: k = batch x length tokens, C = out x in
     * weights): k is cut into {@link #K_SPLIT}-deep parts, each part's product is one task on one thread into a
     * buffer of its own, and the parts are added in order. Such a C has too few row blocks to share between
     * threads (two for 128 outputs, of 72 and 56 rows) and each cost one wait for all threads per k panel;
     * split, every thread works through whole parts, and on a part of the tokens only. The parts depend on k
     * alone, so the result does not depend on the thread count (it does differ from the unsplit product's
     * rounding: each part's chains start from zero).
     */
    private void splitK(int m, int n, int k, float[] a, float[] b, float[] c) {
        int parts = Shapes.ceilDiv(k, K_SPLIT), size = m * n;
        float[] sums = takeSplitBuffer(parts * size);
        parallelism.forEach(parts, partGemm::get, (g, t) -> {
            int p0 = t * K_SPLIT;
            g.gemm(m, n, Math.min(K_SPLIT, k - p0), a, p0 * m, m, true, b, p0 * n, n, false, sums, t * size, n);
        });
        int blocks = Math.min(m, 4 * parallelism.threads());
        parallelism.forEach(blocks, () -> null, (none, t) -> {
            int from = (int) ((long) m * t / blocks) * n, to = (int) ((long) m * (t + 1) / blocks) * n;
            System.arraycopy(sums, from, c, from, to - from);
            for (int q = 1; q < parts; q++) ops.addInto(sums, q * size + from, c, from, to - from);
        });
        splitBuffer.set(sums);
    }

    /** Each thread's serial instance for the parts of a split product (its own panel buffers and scratch). */
    private final ThreadLocal<Sgemm> partGemm;
    private static final Parallelism SERIAL = Parallelism.serial();
    /** The parts' buffer from the last split product (stale contents are overwritten: every part writes all of C). */
    private final AtomicReference<float[]> splitBuffer = new AtomicReference<>();

    private float[] takeSplitBuffer(int size) {
        float[] p = splitBuffer.getAndSet(null);
        return p != null && p.length >= size ? p : new float[size];
    }

    /** Allocating form of {@link #multiply}. */
    public float[] multiply(int m, int n, int k, float[] a, float[] b) {
        Shapes.positive("sgemm", "m x n x k", m, n, k);
        float[] c = new float[checkedProduct("sgemm", m, n)];
        multiply(m, n, k, a, b, c);
        return c;
    }

    private static void check(String op, int m, int n, int k, float[] a, float[] b, float[] c,
                              String bNames, int b0, int b1) {
        Shapes.positive(op, "m x n x k", m, n, k);
        Shapes.length(op, "A", a, "m x k", m, k);
        Shapes.length(op, "B", b, bNames, b0, b1);
        Shapes.length(op, "C", c, "m x n", m, n);
    }

    /** rows * cols as an array size; callers have checked that both are positive. */
    static int checkedProduct(String op, int rows, int cols) {
        long size = (long) rows * cols;
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(op + ": [" + rows + " x " + cols + "] does not fit in one float[]");
        }
        return (int) size;
    }

    /**
     * General form on strided views: A(i,p) = a[aOff + i*lda + p]; B(p,j) = b[bOff + p*ldb + j], or
     * b[bOff + j*ldb + p] when {@code bTransposed}; C(i,j) = c[cOff + i*ldc + j]. No checks.
     */
    void gemm(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
              boolean bTransposed, float[] c, int cOff, int ldc) {
        gemm(m, n, k, a, aOff, lda, false, b, bOff, ldb, bTransposed, c, cOff, ldc);
    }

    /** As above; with {@code aTransposed}, A(i,p) = a[aOff + p*lda + i]. */
    void gemm(int m, int n, int k, float[] a, int aOff, int lda, boolean aTransposed, float[] b, int bOff, int ldb,
              boolean bTransposed, float[] c, int cOff, int ldc) {
        int mr = ops.mr(), nr = ops.nr();
        // Row blocks of near-equal size (whole slivers, at most mcMax rows), a multiple of the thread
        // count: 48-row blocks with one short last block left one thread ~6% more rows than the other.
        int slivers = Shapes.ceilDiv(m, mr);
        int mBlocks = Math.min(slivers, Shapes.roundUp(Shapes.ceilDiv(slivers, mcMax / mr), parallelism.threads()));
        int mcRows = Shapes.ceilDiv(slivers, mBlocks) * mr;
        // Panels of B in (column block, k block) order. Two buffers: while the threads multiply with
        // panel q they also pack panel q + 1 into the other one, so there is one hand-out (one wait for
        // all threads) per panel instead of two, and the packing tasks, queued after the multiplies,
        // fill in the end of the step where one thread would otherwise wait for the other.
        int kBlocks = Shapes.ceilDiv(k, kcMax), panels = Shapes.ceilDiv(n, ncMax) * kBlocks;
        int kcs = Math.min(kcMax, k);
        // packed panels start at a 64-byte boundary (AlignedFloats.OFFSET): every B load of the micro-kernel then
        // reads one cache line, not two
        float[][] bPacks = takePanels(Math.min(panels, 2), kcs * Shapes.roundUp(Math.min(ncMax, n), nr));
        int aPackSize = mcRows * kcs;
        Supplier<Scratch> scratch = () -> scratch(aPackSize, mr * nr);
        Panel first = panel(0, kBlocks, n, k, bPacks[0]);
        parallelism.forEach(first.slivers(nr), () -> null, (none, t) -> first.pack(b, bOff, ldb, bTransposed, t, nr));
        for (int q = 0; q < panels; q++) {
            Panel cur = panel(q, kBlocks, n, k, bPacks[q % 2]);
            Panel next = q + 1 < panels ? panel(q + 1, kBlocks, n, k, bPacks[(q + 1) % 2]) : null;
            int packs = next == null ? 0 : next.slivers(nr);
            // few row blocks (a weight gradient dW = dY^T.X has as many rows as the layer has outputs):
            // each row block is also cut into column parts, so every thread gets several tasks; each part
            // packs its own copy of the A block, which is cheap next to the product
            int colSlivers = cur.slivers(nr);
            int parts = columnParts(mBlocks, colSlivers, parallelism.threads());
            int tasks = mBlocks * parts;
            parallelism.forEach(tasks + packs, scratch, (s, t) -> {
                if (t >= tasks) {
                    next.pack(b, bOff, ldb, bTransposed, t - tasks, nr);
                    return;
                }
                int rb = t / parts, part = t % parts;
                int i0 = (int) ((long) rb * slivers / mBlocks) * mr;
                int rows = Math.min(m, (int) ((long) (rb + 1) * slivers / mBlocks) * mr) - i0;
                int j0 = (int) ((long) part * colSlivers / parts) * nr;
                int j1 = Math.min(cur.nc, (int) ((long) (part + 1) * colSlivers / parts) * nr);
                if (aTransposed && lda <= DIRECT_A_MAX_LDA) {
                    // A^T stored [k][m]: the micro-kernel reads full slivers where they are (each k step's
                    // mr values are neighbours); only a short last sliver is packed, zero-padded
                    int full = rows / mr * mr;
                    if (full < rows) packATransposed(a, aOff, lda, i0 + full, rows - full, cur.pc, cur.kc, mr, s.aPack);
                    macroKernel(rows, j0, j1, cur.kc, s, cur.pack, c, cOff + i0 * ldc + cur.jc, ldc, cur.pc > 0,
                            a, aOff + cur.pc * lda + i0, lda, full, false);
                } else if (!aTransposed && cur.kc <= rowAMaxKc && lda < ROW_A_MAX_LDA) {
                    // A row-major, the panel shallow: each sliver's mr rows are read where they are (see
                    // rowAMaxKc); only a short last sliver is packed
                    int full = rows / mr * mr;
                    if (full < rows) packA(a, aOff, lda, i0 + full, rows - full, cur.pc, cur.kc, mr, s.aPack);
                    macroKernel(rows, j0, j1, cur.kc, s, cur.pack, c, cOff + i0 * ldc + cur.jc, ldc, cur.pc > 0,
                            a, aOff + i0 * lda + cur.pc, lda, full, true);
                } else {
                    if (aTransposed) packATransposed(a, aOff, lda, i0, rows, cur.pc, cur.kc, mr, s.aPack);
                    else packA(a, aOff, lda, i0, rows, cur.pc, cur.kc, mr, s.aPack);
                    macroKernel(rows, j0, j1, cur.kc, s, cur.pack, c, cOff + i0 * ldc + cur.jc, ldc, cur.pc > 0, null, 0, 0, 0, false);
                }
            });
        }
        spare.set(bPacks);
    }

    /**
     * B panel buffers from the last call, or new ones ({@link AlignedFloats}: used from index {@code OFFSET} on).
     * Allocating them each call costs time: megabyte arrays are zeroed and, on G1, are humongous objects.
     * Packing writes every element that is later read, so stale contents do not matter. A concurrent caller
     * finds none and allocates.
     */
    private float[][] takePanels(int count, int size) {
        float[][] p = spare.getAndSet(null);
        if (p != null && p.length >= count && AlignedFloats.capacity(p[0]) >= size) return p;
        p = new float[count][];
        for (int i = 0; i < count; i++) p[i] = AlignedFloats.allocate(size);
        return p;
    }

    /** Panel q: columns [jc, jc+nc) x k range [pc, pc+kc) of B, packed into {@code pack}. */
    private Panel panel(int q, int kBlocks, int n, int k, float[] pack) {
        int jc = q / kBlocks * ncMax, pc = q % kBlocks * kcMax;
        return new Panel(jc, Math.min(ncMax, n - jc), pc, Math.min(kcMax, k - pc), pack);
    }

    private record Panel(int jc, int nc, int pc, int kc, float[] pack) {
        int slivers(int nr) {
            return Shapes.ceilDiv(nc, nr);
        }

        void pack(float[] b, int bOff, int ldb, boolean bTransposed, int s, int nr) {
            packB(b, bOff, ldb, bTransposed, pc, kc, jc + s * nr, Math.min(nr, nc - s * nr), nr, pack,
                    AlignedFloats.OFFSET + s * kc * nr);
        }
    }

    private record Scratch(float[] aPack, float[] tile) {}

    /**
     * Each thread's packed-A block and edge tile, kept between calls: a new one per worker per hand-out
     * (a step of the text classifier makes ~80) allocated and zeroed ~30 MB a step. Stale contents are never
     * read: packing writes every element the micro-kernel reads, and an edge tile is written before it is read.
     */
    private final ThreadLocal<Scratch> scratches = new ThreadLocal<>();

    private Scratch scratch(int aPack, int tile) {
        Scratch s = scratches.get();
        if (s == null || s.aPack().length < aPack || s.tile().length < tile) {
            s = new Scratch(new float[aPack], new float[tile]);
            scratches.set(s);
        }
        return s;
    }

    /** Tasks per thread wanted from a panel before row blocks are cut into column parts. */
    static final int TASKS_PER_THREAD = 4;

    /**
     * Column parts per row block: 1 when there are at least {@link #TASKS_PER_THREAD} row blocks per
     * thread, otherwise enough parts for that many tasks, each part at least 4 slivers wide. The cut
     * never changes a result: every C element is still one FMA chain in ascending k.
     */
    static int columnParts(int rowBlocks, int colSlivers, int threads) {
        int want = TASKS_PER_THREAD * threads;
        if (threads <= 1 || rowBlocks >= want) return 1;
        return Math.max(1, Math.min(Shapes.ceilDiv(want, rowBlocks), colSlivers / 4));
    }

    /**
     * A transposed A (a weight gradient's dY^T) is read in place rather than packed when its rows are at
     * most this many floats apart (4 KiB: a k step's mr values share a page with the next step's). Packing
     * it cost ~20% of such a product on one thread; reading in place gives the same bits.
     */
    static final int DIRECT_A_MAX_LDA = 1024;

    /**
     * One A block times columns [j0, j1) of the packed B panel (j0 a multiple of nr); full tiles go
     * straight to C, edge tiles via a buffer. The block's first {@code directRows} rows are read in place
     * from {@code aDirect}, A(i, p) at {@code aDirectOff + p * lda + i}, or at {@code aDirectOff + i * lda + p}
     * when {@code directRowMajor}; the rest come packed from the scratch, sliver by sliver from its start.
     */
    private void macroKernel(int rows, int j0, int nc, int kc, Scratch s, float[] bPack, float[] c, int cOff, int ldc, boolean acc,
                             float[] aDirect, int aDirectOff, int lda, int directRows, boolean directRowMajor) {
        int mr = ops.mr(), nr = ops.nr();
        float[] tile = s.tile;
        for (int j = j0; j < nc; j += nr) {
            int cols = Math.min(nr, nc - j);
            int bOff = AlignedFloats.OFFSET + j * kc;  // sliver j / nr starts at (j / nr) * kc * nr
            for (int i = 0; i < rows; i += mr) {
                int h = Math.min(mr, rows - i);
                boolean direct = i < directRows, rowA = direct && directRowMajor;
                float[] a = direct ? aDirect : s.aPack;
                // a packed sliver starts at (i / mr) * mr * kc
                int aOff = !direct ? (i - directRows) * kc : rowA ? aDirectOff + i * lda : aDirectOff + i;
                int step = direct ? lda : mr;
                int ct = cOff + i * ldc + j;
                if (h == mr && cols == nr) {
                    microKernel(rowA, kc, a, aOff, step, bPack, bOff, c, ct, ldc, acc);
                } else {
                    for (int r = 0; r < h && acc; r++) System.arraycopy(c, ct + r * ldc, tile, r * nr, cols);
                    microKernel(rowA, kc, a, aOff, step, bPack, bOff, tile, 0, nr, acc);
                    for (int r = 0; r < h; r++) System.arraycopy(tile, r * nr, c, ct + r * ldc, cols);
                }
            }
        }
    }

    private void microKernel(boolean rowA, int kc, float[] a, int aOff, int lda, float[] b, int bOff, float[] c, int cOff, int ldc,
                             boolean acc) {
        if (rowA) ops.microKernelRowA(kc, a, aOff, lda, b, bOff, c, cOff, ldc, acc);
        else ops.microKernelColA(kc, a, aOff, lda, b, bOff, c, cOff, ldc, acc);
    }

    /**
     * Rows [i0, i0+rows) x cols [p0, p0+kc) of A into mr-high slivers, k-major inside; short slivers
     * zero-padded. A full sliver of either tile (6 or 12 rows) reads its rows side by side and writes dst in
     * order: ~2x faster than a row at a time, whose writes are mr floats apart.
     */
    static void packA(float[] a, int aOff, int lda, int i0, int rows, int p0, int kc, int mr, float[] dst) {
        for (int i = 0; i < rows; i += mr) {
            int d = i * kc, h = Math.min(mr, rows - i), src = aOff + (i0 + i) * lda + p0;
            if (h == 6 && mr == 6) {
                int s0 = src, s1 = s0 + lda, s2 = s1 + lda, s3 = s2 + lda, s4 = s3 + lda, s5 = s4 + lda;
                for (int p = 0; p < kc; p++, d += 6) {
                    dst[d] = a[s0 + p]; dst[d + 1] = a[s1 + p]; dst[d + 2] = a[s2 + p];
                    dst[d + 3] = a[s3 + p]; dst[d + 4] = a[s4 + p]; dst[d + 5] = a[s5 + p];
                }
            } else if (h == 12 && mr == 12) {
                // the wide tile (VectorOps.gemmTileRows): 12 rows side by side, as above; a loop over the rows
                // instead took 9% of a training step
                int s0 = src, s1 = s0 + lda, s2 = s1 + lda, s3 = s2 + lda, s4 = s3 + lda, s5 = s4 + lda;
                int s6 = s5 + lda, s7 = s6 + lda, s8 = s7 + lda, s9 = s8 + lda, s10 = s9 + lda, s11 = s10 + lda;
                for (int p = 0; p < kc; p++, d += 12) {
                    dst[d] = a[s0 + p]; dst[d + 1] = a[s1 + p]; dst[d + 2] = a[s2 + p];
                    dst[d + 3] = a[s3 + p]; dst[d + 4] = a[s4 + p]; dst[d + 5] = a[s5 + p];
                    dst[d + 6] = a[s6 + p]; dst[d + 7] = a[s7 + p]; dst[d + 8] = a[s8 + p];
                    dst[d + 9] = a[s9 + p]; dst[d + 10] = a[s10 + p]; dst[d + 11] = a[s11 + p];
                }
            } else {
                for (int r = 0; r < mr; r++) {
                    int s = src + r * lda;
                    for (int p = 0; p < kc; p++) dst[d + p * mr + r] = r < h ? a[s + p] : 0f;
                }
            }
        }
    }

    /**
     * As {@link #packA} for A stored transposed, A(i,p) = a[aOff + p*lda + i] (the dY^T of a weight
     * gradient): one pass down k, each step reading the block's row segment of A in order and handing
     * mr-wide pieces to the slivers. Sliver by sliver instead, each of the block's slivers walked all of
     * A's kc rows again (lda apart, a cache line per 6 floats): 7% of a fused encoder layer's step.
     */
    static void packATransposed(float[] a, int aOff, int lda, int i0, int rows, int p0, int kc, int mr, float[] dst) {
        int full = rows / mr * mr, h = rows - full;
        for (int p = 0; p < kc; p++) {
            int src = aOff + (p0 + p) * lda + i0;
            int d = p * mr;
            for (int i = 0; i < full; i += mr, d += mr * kc) {
                for (int r = 0; r < mr; r++) dst[d + r] = a[src + i + r];
            }
            if (h > 0) {
                for (int r = 0; r < mr; r++) dst[d + r] = r < h ? a[src + full + r] : 0f;
            }
        }
    }

    /** Rows [p0, p0+kc) x cols [j0, j0+cols) of B into one nr-wide sliver at dst[off], zero-padded to nr. */
    static void packB(float[] b, int bOff, int ldb, boolean transposed, int p0, int kc, int j0, int cols, int nr,
                      float[] dst, int off) {
        if (!transposed) {
            for (int p = 0; p < kc; p++) {
                int d = off + p * nr;
                System.arraycopy(b, bOff + (p0 + p) * ldb + j0, dst, d, cols);
                for (int j = cols; j < nr; j++) dst[d + j] = 0f;
            }
        } else {
            for (int j = 0; j < nr; j++) {
                if (j < cols) {
                    int src = bOff + (j0 + j) * ldb + p0;
                    for (int p = 0; p < kc; p++) dst[off + p * nr + j] = b[src + p];
                } else {
                    for (int p = 0; p < kc; p++) dst[off + p * nr + j] = 0f;
                }
            }
        }
    }
}
