package dojo.kernels;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Scaled dot-product attention, {@code softmax(Q.K^T / sqrt(d)) . V}, fused: the {@code n x m} score
 * matrix is never built. Each task takes a chunk of query blocks ({@link #BQ} queries each) and walks
 * the keys in blocks of {@link #BK} with the online softmax (Milakov and Gimelshein 2018; the CPU FlashAttention loop):
 * per query row it keeps the running max {@code m}, the running sum {@code l} and an unnormalised
 * output row; a new key block with a larger max rescales them by {@code exp(m_old - m_new)}. Extra
 * memory per worker is O(BQ.BK + (chunk + BK).d) (chunk: at most 16 query blocks), whatever n is.
 *
 * <p>Both products ({@code Q.K^T} and {@code P.V}) run on the SGEMM micro-kernel over packed blocks:
 * that register blocking is where the speed comes from; the tiling itself mostly saves memory.
 * Causal attention skips key blocks entirely above the diagonal (about half the work). Key blocks
 * that are all padding are skipped too. A query that sees no key gets a zero row, not NaN.
 *
 * <p>Tasks are (batch, head, chunk of query blocks); each output row is computed by one task in a fixed
 * order, so results are bitwise independent of the thread count.
 */
public final class FusedAttention {

    /** Query rows per block (a multiple of both micro-tiles' rows, 6 and 12: {@link KernelOps#mr()}). */
    static final int BQ = 48;
    /**
     * Keys per block (a multiple of the micro-tile's 32 columns): the score block is BQ x BK floats
     * (48 KiB). 256 rather than 128 halves the per-row work of the online softmax (a max and a sum
     * reduced across lanes, an exp and an output rescale per row and key block): 2-4% less CPU time
     * per call at n = 1024 and 4096, causal or not (96 x 128 before; 96 x 256 measured the same as 48 x 256).
     */
    static final int BK = 256;

    private final KernelOps ops;
    private final Parallelism parallelism;
    private final int bq, bk;

    public FusedAttention(Backend backend, Parallelism parallelism) {
        this(backend, parallelism, BQ, BK);
    }

    /** Other block sizes, for tests (results must not depend on them beyond rounding) and tuning. */
    FusedAttention(Backend backend, Parallelism parallelism, int bq, int bk) {
        this.ops = backend.ops();
        this.parallelism = parallelism;
        this.bq = Shapes.roundUp(bq, ops.mr());
        this.bk = Shapes.roundUp(bk, ops.nr());
    }

    /** One head: {@code q [n][d], k [m][d], v [m][dv]} -> {@code [n][dv]}; key padding, if any, is {@code [1][m]}. */
    public float[] attend(int n, int m, int d, int dv, float[] q, float[] k, float[] v, AttentionMask mask) {
        Shapes.positive("attention", "n x m x d x dv", n, m, d, dv);
        float[] out = new float[Sgemm.checkedProduct("attention", n, dv)];
        attend(1, 1, n, m, d, dv, q, k, v, mask, out);
        return out;
    }

    /**
     * Batched heads, row-major: {@code q [batch][heads][n][d]}, {@code k [batch][heads][m][d]},
     * {@code v [batch][heads][m][dv]}, {@code out [batch][heads][n][dv]}; key padding {@code [batch][m]}.
     */
    public void attend(int batch, int heads, int n, int m, int d, int dv,
                       float[] q, float[] k, float[] v, AttentionMask mask, float[] out) {
        attend(batch, heads, n, m, d, dv, q, k, v, mask, out, null);
    }

    /**
     * As {@link #attend(int, int, int, int, int, int, float[], float[], float[], AttentionMask, float[])},
     * and also saves each query row's log-sum-exp of its scaled scores, {@code lse [batch][heads][n]}:
     * {@code lse_i = log sum_j exp(q_i.k_j / sqrt(d))} over the visible keys, {@code -inf} for a row that
     * sees no key. {@link FusedAttentionBackward} recomputes the probabilities from it (FlashAttention-2).
     * {@code lse} may be null (not saved).
     */
    public void attend(int batch, int heads, int n, int m, int d, int dv,
                       float[] q, float[] k, float[] v, AttentionMask mask, float[] out, float[] lse) {
        String op = "attention";
        Shapes.positive(op, "batch x heads x n x m x d x dv", batch, heads, n, m, d, dv);
        Shapes.length(op, "Q", q, "batch x heads x n x d", batch, heads, n, d);
        Shapes.length(op, "K", k, "batch x heads x m x d", batch, heads, m, d);
        Shapes.length(op, "V", v, "batch x heads x m x dv", batch, heads, m, dv);
        Shapes.length(op, "out", out, "batch x heads x n x dv", batch, heads, n, dv);
        if (lse != null) Shapes.length(op, "lse", lse, "batch x heads x n", batch, heads, n);
        if (mask == null) throw new IllegalArgumentException(op + ": mask is null (use AttentionMask.none())");
        mask.check(op, batch, m);
        run(heads(batch, heads, n, m, d, dv, Layout.headMajor(q, heads, n, d), Layout.headMajor(k, heads, m, d),
                Layout.headMajor(v, heads, m, dv), Layout.headMajor(out, heads, n, dv), mask, lse));
    }

    /**
     * Where head h of batch b starts in an operand, and how far apart its rows are: {@code [batch][heads][len][d]}
     * ({@link #headMajor}) or heads side by side in rows ({@link #rows}).
     */
    record Layout(float[] data, int offset, int batchStride, int headStride, int rowStride) {
        static Layout headMajor(float[] data, int heads, int len, int d) {
            return new Layout(data, 0, heads * len * d, len * d, d);
        }

        static Layout rows(float[] data, int offset, int stride, int len, int d) {
            return new Layout(data, offset, len * stride, d, stride);
        }

        View view(int b, int h, int len, int d) {
            return new View(data, offset + b * batchStride + h * headStride, len, d, rowStride);
        }
    }

    /** One job per (batch, head). */
    private static List<Head> heads(int batch, int heads, int n, int m, int d, int dv, Layout q, Layout k, Layout v, Layout out,
                                    AttentionMask mask, float[] lse) {
        List<Head> jobs = new ArrayList<>(batch * heads);
        for (int b = 0; b < batch; b++) {
            for (int h = 0; h < heads; h++) {
                jobs.add(new Head(q.view(b, h, n, d), k.view(b, h, m, d), v.view(b, h, m, dv), out.view(b, h, n, dv),
                        mask.causal(), mask.paddingOf(b), lse, (b * heads + h) * n));
            }
        }
        return jobs;
    }

    /**
     * As {@link #attend(int, int, int, int, int, int, float[], float[], float[], AttentionMask, float[], float[])}
     * with the heads side by side in rows, the layout of a projection's output: head h of batch b reads
     * {@code q[qOff + (b*n + i)*qStride + h*d + j]} (k and v alike with m rows, v's heads dv wide) and
     * writes {@code out[(b*n + i)*outStride + h*dv + j]}; {@code lse [batch][heads][n]} or null. So a fused
     * layer hands its [B*L, 3E] q|k|v product straight to the kernel and gets the [B*L, E] input of the
     * output projection back, without splitting or merging heads. Rows may be wider than the heads
     * (strides at least {@code heads * d} or {@code heads * dv}); other columns are neither read nor written.
     */
    public void attendRows(int batch, int heads, int n, int m, int d, int dv,
                           float[] q, int qOff, int qStride, float[] k, int kOff, int kStride, float[] v, int vOff, int vStride,
                           AttentionMask mask, float[] out, int outStride, float[] lse) {
        String op = "attention";
        Shapes.positive(op, "batch x heads x n x m x d x dv", batch, heads, n, m, d, dv);
        rows(op, "Q", q, qOff, qStride, batch, n, heads * d);
        rows(op, "K", k, kOff, kStride, batch, m, heads * d);
        rows(op, "V", v, vOff, vStride, batch, m, heads * dv);
        rows(op, "out", out, 0, outStride, batch, n, heads * dv);
        if (lse != null) Shapes.length(op, "lse", lse, "batch x heads x n", batch, heads, n);
        if (mask == null) throw new IllegalArgumentException(op + ": mask is null (use AttentionMask.none())");
        mask.check(op, batch, m);
        run(heads(batch, heads, n, m, d, dv, Layout.rows(q, qOff, qStride, n, d), Layout.rows(k, kOff, kStride, m, d),
                Layout.rows(v, vOff, vStride, m, dv), Layout.rows(out, 0, outStride, n, dv), mask, lse));
    }

    /** Checks that {@code batch * rows} rows of {@code width} floats, {@code stride} apart from {@code off}, fit in x. */
    static void rows(String op, String name, float[] x, int off, int stride, int batch, int rows, int width) {
        if (x == null) throw new IllegalArgumentException(op + ": " + name + " is null");
        if (off < 0 || stride < width) {
            throw new IllegalArgumentException(op + ": " + name + " rows of " + width + " floats cannot be " + stride + " apart from offset " + off);
        }
        long end = off + ((long) batch * rows - 1) * stride + width;
        if (end > x.length) {
            throw new IllegalArgumentException(op + ": " + name + " has " + x.length + " floats, " + batch * rows + " rows of "
                    + width + " every " + stride + " from offset " + off + " need " + end);
        }
    }

    /** A strided matrix inside an array: element (i, j) at {@code data[offset + i * stride + j]}. */
    record View(float[] data, int offset, int rows, int cols, int stride) {
        int at(int i) {
            return offset + i * stride;
        }
    }

    /** One head's work; all heads of one call share d and dv. */
    record Head(View q, View k, View v, View out, boolean causal, boolean[] keyPadding, float[] lse, int lseOff) {}

    /**
     * Runs every (head, query chunk) task; big causal chunks (late queries) are handed out first.
     * A chunk is up to {@link #CHUNK_BLOCKS} query blocks: it packs each key block once for all of
     * them, so the packing of K and V is amortised over many queries. Chunks shrink when there are
     * few heads, so every thread gets work; that grouping cannot change any output bit.
     */
    void run(List<Head> heads) {
        if (heads.isEmpty()) return;
        Head first = heads.get(0);
        int n = first.q().rows(), d = first.q().cols(), dv = first.v().cols();
        int perChunk = chunkBlocks(Shapes.ceilDiv(n, bq), heads.size(), parallelism.threads());
        int chunkRows = perChunk * bq, chunks = Shapes.ceilDiv(n, chunkRows);
        boolean causal = first.causal();
        // K^T and V are packed once per head when several chunks share them (before: once per chunk,
        // ~20% of the time at n = 4096), into a buffer kept between calls
        int m = first.k().rows(), nr = ops.nr(), kBlocks = Shapes.ceilDiv(m, bk), dvPad = Shapes.roundUp(dv, nr);
        int kSlot = bk * d, slot = kSlot + bk * dvPad;
        long total = (long) heads.size() * kBlocks * slot;
        float[] packs = chunks > 1 && total <= Integer.MAX_VALUE - 8 - AlignedFloats.OFFSET ? takePacks((int) total) : null;
        if (packs != null) {
            parallelism.forEach(heads.size() * kBlocks, () -> null, (none, t) -> {
                Head h = heads.get(t / kBlocks);
                int kb = t % kBlocks * bk, kc = Math.min(bk, m - kb), base = AlignedFloats.OFFSET + t * slot;
                if (visibleKeys(h.keyPadding(), kb, kc) == 0) return;
                packKTransposed(h.k(), kb, kc, packs, base);
                packV(h.v(), kb, kc, dvPad, packs, base + kSlot);
            });
        }
        int[] order = taskOrder(heads.size(), chunks, chunkRows, n, causal);
        parallelism.forEach(order.length, () -> scratch(chunkRows, d, dv), (s, t) -> {
            int h = order[t] / chunks, c0 = order[t] % chunks * chunkRows;
            queryChunk(s, heads.get(h), packs, AlignedFloats.OFFSET + h * kBlocks * slot, kSlot, slot, c0,
                    Math.min(chunkRows, n - c0));
        });
        if (packs != null) spare.set(packs);
    }

    /**
     * The order in which the (head, chunk) tasks {@code head * chunks + chunk} are handed out. Not causal: head by
     * head (a head's chunks share its packed K and V while they are in cache), each head's short last chunk
     * last. Causal: costliest chunk first (its rows times the keys they see; ties by chunk index), each chunk
     * for every head in turn, so the last tasks handed out are the cheapest (all heads' first chunks) and the
     * threads finish together. Head by head, each head's large late chunks first, the threads' finishing times
     * differed by up to a second-chunk task (288 rows seeing 432 keys on average at n = 1024, 8 heads, 2
     * threads). This order took the causal call on two cores from 4.64 to 4.58 ms and from 4.98 to 4.88 (two
     * runs, medians of 16 rounds alternating the orders in one JVM). Made before the threads start, so it sorts
     * the chunks only (a comparator sort of the boxed tasks had held back both threads' first task ~15 us).
     */
    static int[] taskOrder(int heads, int chunks, int chunkRows, int n, boolean causal) {
        int[] order = new int[heads * chunks];
        if (!causal) {
            for (int t = 0; t < order.length; t++) order[t] = t;
            return order;
        }
        long[] cost = new long[chunks];
        int[] byCost = new int[chunks];
        for (int c = 0; c < chunks; c++) {
            long c0 = (long) c * chunkRows, rows = Math.min(chunkRows, n - c0);
            cost[c] = rows * (2 * c0 + rows + 1);          // twice the scores: sum of (c0 + r + 1) over its rows
            int i = c;                                      // insertion sort, costliest first, stable
            for (; i > 0 && cost[byCost[i - 1]] < cost[c]; i--) byCost[i] = byCost[i - 1];
            byCost[i] = c;
        }
        int t = 0;
        for (int c : byCost) for (int h = 0; h < heads; h++) order[t++] = h * chunks + c;
        return order;
    }

    /**
     * Packed K/V buffer from the last call (stale contents are never read: every used slot is rewritten);
     * slots start at {@link AlignedFloats#OFFSET}, so the micro-kernel's loads of K^T and V read one cache line each.
     */
    private final java.util.concurrent.atomic.AtomicReference<float[]> spare = new java.util.concurrent.atomic.AtomicReference<>();

    private float[] takePacks(int size) {
        float[] p = spare.getAndSet(null);
        return p != null && AlignedFloats.capacity(p) >= size ? p : AlignedFloats.allocate(size);
    }

    /** Query blocks per chunk at most: Q and O of a chunk (2 x 768 x 64 floats) stay in L2. */
    static final int CHUNK_BLOCKS = 16;
    /** Tasks per thread at least, when there are enough query blocks: see {@link #chunkBlocks}. */
    static final int TASKS_PER_THREAD = 12;

    /**
     * Query blocks per task. K and V are packed once per head and shared by its chunks, so a small
     * chunk costs no repacking (one query block per chunk measured the same CPU time per call as eight
     * at n = 1024). Many small tasks balance better: with 16 tasks at n = 1024 on 2 threads (8 x 768 and
     * 8 x 256 rows, as before) a thread that the OS paused during one of the last big tasks left the
     * other idle (1-10 ms per 30-70 ms call measured on a busy machine; 0.1-0.3 ms with one-block
     * chunks). So: at least
     * {@link #TASKS_PER_THREAD} tasks per thread when the blocks allow, at most {@link #CHUNK_BLOCKS}
     * blocks per task, and chunks of a head made near-equal (11 blocks in 3 chunks: 4, 4, 3, not 5, 5, 1).
     */
    static int chunkBlocks(int blocks, int heads, int threads) {
        int per = Math.max(1, Math.min(CHUNK_BLOCKS, (int) Math.min(Integer.MAX_VALUE,
                (long) blocks * heads / ((long) TASKS_PER_THREAD * threads))));
        return Shapes.ceilDiv(blocks, Shapes.ceilDiv(blocks, per));
    }

    /**
     * Each worker thread's buffers, kept between calls while they are large enough (as {@link Sgemm}'s): made
     * per worker per call (~300 KB at n = 1024, d = 64, allocated and zeroed), they held back each thread's
     * first task by 0.02-0.3 ms of a 4.7 ms causal call on two threads. Stale contents are never read, as
     * between the tasks of one call (see {@link #queryChunk}).
     */
    private final ThreadLocal<Scratch> scratches = new ThreadLocal<>();

    private Scratch scratch(int chunkRows, int d, int dv) {
        Scratch s = scratches.get();
        if (s == null || !s.fits(ops, bk, chunkRows, d, dv)) scratches.set(s = new Scratch(ops, bq, bk, chunkRows, d, dv));
        return s;
    }

    /** Per-worker buffers, reused across tasks and calls: O(chunk.(d + dv) + BQ.BK + BK.(d + dv)) floats. */
    private static final class Scratch {
        final float[] qPack, kPack, vPack, scores, probs, o, rowMax, rowSum;
        final int dvPad;

        Scratch(KernelOps ops, int bq, int bk, int chunkRows, int d, int dv) {
            dvPad = Shapes.roundUp(dv, ops.nr());
            qPack = new float[chunkRows * d];
            kPack = new float[bk * d];
            vPack = new float[bk * dvPad];
            scores = new float[bq * bk];
            probs = new float[bq * bk];
            o = new float[chunkRows * dvPad];
            rowMax = new float[chunkRows];
            rowSum = new float[chunkRows];
        }

        /** Large enough for a call with these shapes, and laid out for its dv (scores and probabilities are BQ x BK always). */
        boolean fits(KernelOps ops, int bk, int chunkRows, int d, int dv) {
            return dvPad == Shapes.roundUp(dv, ops.nr()) && qPack.length >= chunkRows * d && kPack.length >= bk * d
                    && o.length >= chunkRows * dvPad && rowMax.length >= chunkRows;
        }
    }

    /** Queries [c0, c0 + rows) of one head: key blocks outer (packed once), query blocks inner. */
    private void queryChunk(Scratch s, Head head, float[] packs, int headBase, int kSlot, int slot, int c0, int rows) {
        View q = head.q(), k = head.k(), v = head.v();
        int mr = ops.mr(), nr = ops.nr(), d = q.cols(), dv = v.cols(), dvPad = s.dvPad;
        float scale = (float) (1.0 / Math.sqrt(d));
        packQ(q, c0, rows, Shapes.roundUp(rows, mr), scale, s.qPack);
        Arrays.fill(s.rowMax, Float.NEGATIVE_INFINITY);
        Arrays.fill(s.rowSum, 0f);
        Arrays.fill(s.o, 0, Shapes.roundUp(rows, mr) * dvPad, 0f);
        // causal: the chunk's last query sees keys < c0 + rows; later key blocks are skipped
        int kEnd = head.causal() ? Math.min(k.rows(), c0 + rows) : k.rows();
        for (int kb = 0; kb < kEnd; kb += bk) {
            // trailing padding (right-padded batches) is skipped, its probabilities being 0 anyway, in whole
            // nr-wide tiles (a softmax row stays a multiple of the vector length: no scalar exp tail). Found
            // on the whole key block, not the part before kEnd, so a row's keys never depend on the chunking
            int blockKeys = Math.min(bk, k.rows() - kb), visible = visibleKeys(head.keyPadding(), kb, blockKeys);
            if (visible == 0) continue;
            int kc = Math.min(Math.min(Shapes.roundUp(visible, nr), blockKeys), kEnd - kb);
            float[] kp = s.kPack, vp = s.vPack;
            int kOff = 0, vOff = 0, vStride = kc;       // V sliver j/nr starts at j * vStride
            if (packs == null) {
                packKTransposed(k, kb, kc, kp, 0);
                packV(v, kb, kc, dvPad, vp, 0);
            } else {
                kp = packs;
                vp = packs;
                kOff = headBase + kb / bk * slot;
                vOff = kOff + kSlot;
                vStride = Math.min(bk, k.rows() - kb);       // packed for the whole block, even if causal stops early
            }
            for (int sb = 0; sb < rows; sb += bq) {
                int q0 = c0 + sb, sbRows = Math.min(bq, rows - sb), sbPad = Shapes.roundUp(sbRows, mr);
                // causal: keys past this block's last query are invisible to all of it
                int kv = head.causal() ? Math.min(kc, q0 + sbRows - kb) : kc;
                if (kv <= 0) continue;
                for (int j = 0; j < kv; j += nr) {           // S = (Q * scale) . K^T, tile by tile
                    for (int i = 0; i < sbPad; i += mr) {
                        // causal: a tile whose keys are all past its last query is masked whole (and zeroed later)
                        if (head.causal() && kb + j > q0 + i + mr - 1) continue;
                        ops.microKernel(d, s.qPack, (sb + i) * d, kp, kOff + j * d, s.scores, i * bk + j, bk, false);
                    }
                }
                onlineSoftmax(s, head, q0, sb, sbRows, kb, kv, dv);
                // rows sbRows..sbPad of the probabilities are stale: zero them (their O rows are never output)
                if (sbPad > sbRows) Arrays.fill(s.probs, sbRows * bk, sbPad * bk, 0f);
                for (int j = 0; j < dvPad; j += nr) {        // O += P . V, P read unpacked (V sliver j/nr at j * kc)
                    for (int i = 0; i < sbPad; i += mr) {
                        // causal: these mr rows see at most the keys up to their last query
                        int depth = head.causal() ? Math.min(kv, q0 + i + mr - kb) : kv;
                        if (depth <= 0) continue;
                        ops.microKernelRowA(depth, s.probs, i * bk, bk, vp, vOff + j * vStride, s.o, (sb + i) * dvPad + j, dvPad,
                                true);
                    }
                }
            }
        }
        View out = head.out();
        for (int r = 0; r < rows; r++) {
            float l = s.rowSum[r];
            int dst = out.at(c0 + r);
            if (l == 0f) Arrays.fill(out.data(), dst, dst + dv, 0f); // saw no key: zeros, not 0/0
            else ops.scaleInto(s.o, r * dvPad, 1f / l, out.data(), dst, dv);
            if (head.lse() != null) {
                head.lse()[head.lseOff() + c0 + r] = l == 0f ? Float.NEGATIVE_INFINITY : s.rowMax[r] + (float) Math.log(l);
            }
        }
    }

    /**
     * The largest sum of a block row's exponentials taken against the row's current shift that is kept without
     * rescaling: e^11.09, so no kept score is more than 11.09 above the shift (see {@link #onlineSoftmax}).
     */
    static final float LAZY_SUM_LIMIT = 65536f;

    /**
     * Turns the block's scores into unnormalised probabilities ({@code s.probs}; the scores stay) and updates
     * each row's running state: a shift m, {@code l = sum exp(s_j - m)} and {@code o = sum exp(s_j - m) v_j}
     * over the keys so far, so that {@code out = o / l} and {@code lse = m + log l}. Each block is first
     * taken against the m the row has (FlashAttention-4's lazy rescaling; a row's first block against the
     * max of its first vector of scores): when the sum of its exponentials is at most
     * {@link #LAZY_SUM_LIMIT}, the block adds to l and o as it is, m unchanged, no pass for the block's max
     * and no rescale; m may then be below the row's max, by at most 11.09, which keeps every exponential, l
     * and o far from overflow (l at most {@code 65536} per block). Otherwise (a score far above m, or an
     * overflow or NaN in the sum) the block is redone with {@code m' = max(m, max_j s_j)}: {@code p_j = exp(s_j - m')},
     * {@code l' = l.exp(m - m') + sum p_j}, {@code o' = o.exp(m - m')}. Mathematically both give the same
     * out and lse; the lazy block saves the max pass (0.14 ns per score measured on a Xeon, the exponentials
     * ~0.25) and the wait for it. Masked keys get p = 0.
     */
    private void onlineSoftmax(Scratch s, Head head, int q0, int sb, int rows, int kb, int kc, int dv) {
        float[] sc = s.scores, pr = s.probs;
        boolean[] pad = head.keyPadding();
        int clean = unpaddedPrefix(pad, kb, kc);           // keys before it need no mask
        int mr = ops.mr();
        for (int r = 0; r < rows; r++) {
            int off = r * bk;
            // causal: row q0 + r sees keys kb .. q0 + r of this block
            int len = head.causal() ? Math.max(0, Math.min(kc, q0 + r - kb + 1)) : kc;
            for (int j = clean; j < len; j++) if (pad[kb + j]) sc[off + j] = Float.NEGATIVE_INFINITY;
            // causal rows end anywhere: up to a whole vector, the keys past the row are masked (-inf: p = 0)
            // rather than left to the scalar exp tail (one Math.exp per key); with the lazy first block, a
            // causal call at n = 1024 on two cores went 5.37 -> 4.84 ms
            int lenV = Math.min(kc, Shapes.roundUp(len, ops.lanes()));
            if (len < lenV) Arrays.fill(sc, off + len, off + lenV, Float.NEGATIVE_INFINITY);
            len = lenV;
            // P.V reads a row up to the depth of its mr-row tile (the keys its last row sees): zeros up to there
            int readTo = head.causal() ? Math.min(kc, q0 + r - r % mr + mr - kb) : kc;
            if (len < readTo) Arrays.fill(pr, off + len, off + readTo, 0f);   // (a call costs even when empty)
            int st = sb + r;                               // row in the chunk's running state
            float mOld = s.rowMax[st];
            // lazy: the block against the shift the row has, or for its first block the max of its first
            // vector of scores (at most the block's max, so only an overflow can go wrong, and that is redone)
            float lazy = mOld != Float.NEGATIVE_INFINITY ? mOld : ops.max(sc, off, Math.min(len, ops.lanes()));
            if (lazy != Float.NEGATIVE_INFINITY) {
                float sum = ops.expShiftSum(sc, off, len, lazy, pr, off);
                if (sum <= LAZY_SUM_LIMIT) {               // false for NaN
                    s.rowSum[st] += sum;                   // 0 before the row's first block
                    s.rowMax[st] = lazy;
                    continue;
                }
            }
            float mNew = Math.max(mOld, ops.max(sc, off, len));
            if (mNew == Float.NEGATIVE_INFINITY) {         // nothing visible yet: contributes nothing
                Arrays.fill(pr, off, off + len, 0f);
                continue;
            }
            float sum = ops.expShiftSum(sc, off, len, mNew, pr, off);
            if (mOld == Float.NEGATIVE_INFINITY) {         // the row's first visible keys: o and l are still 0
                s.rowSum[st] = sum;
            } else {
                // NaN stays NaN; exp(0) = 1 exactly, so an unchanged max skips the call
                float alpha = mOld == mNew ? 1f : (float) Math.exp(mOld - mNew);
                s.rowSum[st] = s.rowSum[st] * alpha + sum;
                if (alpha != 1f) ops.scale(s.o, st * s.dvPad, dv, alpha);
            }
            s.rowMax[st] = mNew;
        }
    }

    /**
     * How many keys of the block {@code [kb, kb + kc)} to compute: up to and including the last one that
     * is not padding (0 when all are). Padding after it would only get probability 0, so it is skipped
     * (in a right-padded batch of lengths L/2..L, a quarter of the work); padding before it is masked.
     */
    static int visibleKeys(boolean[] pad, int kb, int kc) {
        if (pad == null) return kc;
        for (int j = kb + kc - 1; j >= kb; j--) if (!pad[j]) return j - kb + 1;
        return 0;
    }

    /**
     * How many keys at the start of {@code [kb, kb + kc)} are not padding (kc without a padding mask): the
     * masking loops start there (a right-padded batch has padding only after it).
     */
    static int unpaddedPrefix(boolean[] pad, int kb, int kc) {
        if (pad == null) return kc;
        for (int j = kb; j < kb + kc; j++) if (pad[j]) return j - kb;
        return kc;
    }

    /** Q rows [q0, q0+rows) times scale into mr-high slivers (k = feature), zero rows up to rowsPad. */
    private void packQ(View q, int q0, int rows, int rowsPad, float scale, float[] dst) {
        int mr = ops.mr(), d = q.cols(), full = rows / mr * mr;
        if (full > 0) ops.transposeBlocks(q.data(), q.at(q0), q.stride(), mr, d, full / mr, scale, dst, 0);
        for (int r = full; r < rowsPad; r++) {             // a short last sliver, zero rows to mr
            int base = (r / mr) * mr * d + r % mr;
            if (r < rows) {
                int src = q.at(q0 + r);
                for (int c = 0; c < d; c++) dst[base + c * mr] = q.data()[src + c] * scale;
            } else {
                for (int c = 0; c < d; c++) dst[base + c * mr] = 0f;
            }
        }
    }

    /** K rows [kb, kb+kc) as K^T in nr-wide slivers: sliver j/nr holds (feature c, key j) at c*nr + j%nr. */
    private void packKTransposed(View k, int kb, int kc, float[] dst, int off) {
        int nr = ops.nr(), d = k.cols(), kcPad = Shapes.roundUp(kc, nr), full = kc / nr * nr;
        if (full > 0) ops.transposeBlocks(k.data(), k.at(kb), k.stride(), nr, d, full / nr, 1f, dst, off);
        for (int j = full; j < kcPad; j++) {                 // a short last sliver, zero keys to nr
            int base = off + (j / nr) * d * nr + j % nr;
            if (j < kc) {
                int src = k.at(kb + j);
                for (int c = 0; c < d; c++) dst[base + c * nr] = k.data()[src + c];
            } else {
                for (int c = 0; c < d; c++) dst[base + c * nr] = 0f;
            }
        }
    }

    /** V rows [kb, kb+kc) into nr-wide column slivers, kc deep; columns dv..dvPad are zero. */
    private void packV(View v, int kb, int kc, int dvPad, float[] dst, int off) {
        int nr = ops.nr(), dv = v.cols();
        for (int j0 = 0; j0 < dvPad; j0 += nr) {
            int cols = Math.min(nr, dv - j0), base = off + j0 * kc;
            for (int p = 0; p < kc; p++) {
                int dOff = base + p * nr;
                System.arraycopy(v.data(), v.at(kb + p) + j0, dst, dOff, cols);
                for (int j = cols; j < nr; j++) dst[dOff + j] = 0f;
            }
        }
    }
}
