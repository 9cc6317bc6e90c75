package dojo.kernels;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code torch.nn.MultiheadAttention} forward (batch first, dropout off): project with
 * {@code in_proj}, split E into heads of {@code E / H} features, fused attention per (batch, head)
 * in parallel over (batch, head, query block), concatenate, project with {@code out_proj}.
 * Heads are read and written in place through strided views: no per-head copies.
 */
public final class MultiHeadAttention {

    private final MultiHeadAttentionWeights w;
    private final Sgemm gemm;
    private final FusedAttention attention;

    public MultiHeadAttention(MultiHeadAttentionWeights weights, Backend backend, Parallelism parallelism) {
        if (weights == null) throw new IllegalArgumentException("multi-head attention: weights are null");
        this.w = weights;
        this.gemm = new Sgemm(backend, parallelism);
        this.attention = new FusedAttention(backend, parallelism);
    }

    /** Self-attention: {@code x [batch][length][E]} -> {@code [batch][length][E]}. */
    public float[] forward(int batch, int length, float[] x, AttentionMask mask) {
        int e = w.embedDim();
        String op = "multi-head attention";
        Shapes.positive(op, "batch x length x E", batch, length, e);
        Shapes.length(op, "x", x, "batch x length x E", batch, length, e);
        checkMask(op, mask, batch, length);
        int rows = batch * length;
        float[] qkv = new float[Sgemm.checkedProduct(op, rows, 3 * e)];
        gemm.gemm(rows, 3 * e, e, x, 0, e, w.inProjWeight(), 0, e, true, qkv, 0, 3 * e);
        addBias(qkv, rows, 3 * e, w.inProjBias(), 0);
        return attendAndProject(batch, length, length, qkv, 0, qkv, e, qkv, 2 * e, 3 * e, mask);
    }

    /** General: {@code query [batch][lq][E]}, {@code key, value [batch][lk][E]} -> {@code [batch][lq][E]}. */
    public float[] forward(int batch, int lq, int lk, float[] query, float[] key, float[] value, AttentionMask mask) {
        int e = w.embedDim();
        String op = "multi-head attention";
        Shapes.positive(op, "batch x lq x lk x E", batch, lq, lk, e);
        Shapes.length(op, "query", query, "batch x lq x E", batch, lq, e);
        Shapes.length(op, "key", key, "batch x lk x E", batch, lk, e);
        Shapes.length(op, "value", value, "batch x lk x E", batch, lk, e);
        checkMask(op, mask, batch, lk);
        float[] qp = project(query, batch * lq, 0), kp = project(key, batch * lk, 1), vp = project(value, batch * lk, 2);
        return attendAndProject(batch, lq, lk, qp, 0, kp, 0, vp, 0, e, mask);
    }

    private static void checkMask(String op, AttentionMask mask, int batch, int keys) {
        if (mask == null) throw new IllegalArgumentException(op + ": mask is null (use AttentionMask.none())");
        mask.check(op, batch, keys);
    }

    /** x . W_part^T + b_part where part 0, 1, 2 = q, k, v rows of in_proj. */
    private float[] project(float[] x, int rows, int part) {
        int e = w.embedDim();
        float[] y = new float[Sgemm.checkedProduct("multi-head attention", rows, e)];
        gemm.gemm(rows, e, e, x, 0, e, w.inProjWeight(), part * e * e, e, true, y, 0, e);
        addBias(y, rows, e, w.inProjBias(), part * e);
        return y;
    }

    private float[] attendAndProject(int batch, int lq, int lk, float[] q, int qOff, float[] k, int kOff,
                                     float[] v, int vOff, int stride, AttentionMask mask) {
        int e = w.embedDim(), hd = w.headDim();
        float[] ctx = new float[batch * lq * e];
        List<FusedAttention.Head> heads = new ArrayList<>(batch * w.numHeads());
        for (int b = 0; b < batch; b++) {
            for (int h = 0; h < w.numHeads(); h++) {
                int col = h * hd;
                heads.add(new FusedAttention.Head(
                        new FusedAttention.View(q, qOff + b * lq * stride + col, lq, hd, stride),
                        new FusedAttention.View(k, kOff + b * lk * stride + col, lk, hd, stride),
                        new FusedAttention.View(v, vOff + b * lk * stride + col, lk, hd, stride),
                        new FusedAttention.View(ctx, b * lq * e + col, lq, hd, e),
                        mask.causal(), mask.paddingOf(b), null, 0));
            }
        }
        attention.run(heads);
        float[] out = new float[batch * lq * e];
        gemm.gemm(batch * lq, e, e, ctx, 0, e, w.outProjWeight(), 0, e, true, out, 0, e);
        addBias(out, batch * lq, e, w.outProjBias(), 0);
        return out;
    }

    private static void addBias(float[] y, int rows, int cols, float[] bias, int biasOff) {
        for (int r = 0, off = 0; r < rows; r++, off += cols) {
            for (int c = 0; c < cols; c++) y[off + c] += bias[biasOff + c];
        }
    }
}
