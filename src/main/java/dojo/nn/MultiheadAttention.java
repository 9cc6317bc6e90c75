package dojo.nn;

import dojo.kernels.MultiHeadAttentionWeights;
import dojo.tensor.FloatMatmul;
import dojo.tensor.Functional;
import dojo.tensor.Generator;
import dojo.tensor.Tensor;
import java.util.Arrays;

/**
 * {@code torch.nn.MultiheadAttention} with its parameter names and layout: {@code in_proj_weight}
 * [3E, E] (rows: query, key, value projections), {@code in_proj_bias} [3E], {@code out_proj.weight}
 * [E, E], {@code out_proj.bias} [E]. Heads split E into H slices of {@code E/H}; scores are scaled by
 * {@code 1/sqrt(E/H)}.
 *
 * <p>Inputs are batch-first [B, L, E] by default (PyTorch's default is sequence-first; pass
 * {@code batchFirst = false} for [L, B, E]); unbatched [L, E] also works. A query whose keys are all
 * masked gets zero attention weights and a zero attention output (its output row is then
 * {@code out_proj.bias}); PyTorch gives NaN there.
 *
 * <p>Inside a {@link FloatMatmul} scope, when no weights are asked for, no dropout is active and there
 * is no {@code attn_mask} (key padding and causal are fine), attention runs on the fused float kernels
 * ({@link Functional#fusedAttention}); otherwise, and always outside the scope, in double as written.
 */
public final class MultiheadAttention extends Module {

    private final int embedDim;
    private final int numHeads;
    private final int headDim;
    private final boolean batchFirst;
    private final Tensor inProjWeight;
    private final Tensor inProjBias;
    private final Linear outProj;
    private final double dropout;
    private final Generator generator;

    /** The attention output [B, L, E] and, on request, the weights ([B, L, S] averaged or [B, H, L, S]). */
    public record Output(Tensor output, Tensor weights) {
    }

    private java.util.function.Consumer<Tensor> weightsRecorder;

    public MultiheadAttention(int embedDim, int numHeads, Generator g) {
        this(embedDim, numHeads, 0.0, true, true, g);
    }

    public MultiheadAttention(int embedDim, int numHeads, double dropout, boolean bias, boolean batchFirst, Generator g) {
        if (embedDim < 1 || numHeads < 1 || embedDim % numHeads != 0) {
            throw new IllegalArgumentException("MultiheadAttention: embed_dim " + embedDim + " must be a positive multiple of num_heads " + numHeads);
        }
        this.embedDim = embedDim;
        this.numHeads = numHeads;
        this.headDim = embedDim / numHeads;
        this.batchFirst = batchFirst;
        this.dropout = dropout;
        this.generator = g.split();
        this.inProjWeight = registerParameter("in_proj_weight", Init.xavierUniform(g, 1.0, 3 * embedDim, embedDim));
        this.inProjBias = bias ? registerParameter("in_proj_bias", Tensor.zeros(3 * embedDim)) : null;
        this.outProj = registerModule("out_proj", new Linear(embedDim, embedDim, bias, g));
        if (bias) Arrays.fill(outProj.bias().array(), 0);  // PyTorch zeroes out_proj.bias after Linear's init
    }

    /**
     * While {@code recorder} is set, every forward hands it this layer's per-head attention weights
     * [B, H, L, S] (detached, before dropout) and takes the path that materialises them; {@code null}
     * stops recording. For visualisation ({@code dojo viz}): any model built from this class can be probed.
     */
    public void recordWeights(java.util.function.Consumer<Tensor> recorder) {
        this.weightsRecorder = recorder;
    }

    /** Whether a {@link #recordWeights} recorder is set. */
    public boolean recordsWeights() {
        return weightsRecorder != null;
    }

    /** Self-attention without masks. */
    public Tensor forward(Tensor x) {
        return forward(x, x, x, AttentionMasks.NONE, false, true).output();
    }

    /** Self-attention with masks. */
    public Tensor forward(Tensor x, AttentionMasks masks) {
        return forward(x, x, x, masks, false, true).output();
    }

    /**
     * {@code forward(query, key, value, key_padding_mask, need_weights, attn_mask, average_attn_weights,
     * is_causal)} of PyTorch, the masks gathered in {@link AttentionMasks}.
     */
    public Output forward(Tensor query, Tensor key, Tensor value, AttentionMasks masks, boolean needWeights,
                          boolean averageWeights) {
        boolean unbatched = query.dim() == 2;
        if (query.dim() != 2 && query.dim() != 3) {
            throw new IllegalArgumentException("MultiheadAttention: query must be [B, L, E] (or [L, E]), shape is " + Arrays.toString(query.shape()));
        }
        if (key.dim() != query.dim() || value.dim() != query.dim()) {
            throw new IllegalArgumentException("MultiheadAttention: query, key and value must have the same rank, shapes are "
                    + Arrays.toString(query.shape()) + ", " + Arrays.toString(key.shape()) + ", " + Arrays.toString(value.shape()));
        }
        Tensor q = unbatched ? query.unsqueeze(0) : batchFirst ? query : query.transpose(0, 1);
        Tensor k = unbatched ? key.unsqueeze(0) : batchFirst ? key : key.transpose(0, 1);
        Tensor v = unbatched ? value.unsqueeze(0) : batchFirst ? value : value.transpose(0, 1);
        int b = q.size(0);
        int l = q.size(1);
        int s = k.size(1);
        if (q.size(2) != embedDim || k.size(2) != embedDim || v.size(2) != embedDim) {
            throw new IllegalArgumentException("MultiheadAttention: query/key/value must end in embed_dim " + embedDim + ", shapes are "
                    + Arrays.toString(query.shape()) + ", " + Arrays.toString(key.shape()) + ", " + Arrays.toString(value.shape()));
        }
        if (k.size(0) != b || v.size(0) != b || v.size(1) != s) {
            throw new IllegalArgumentException("MultiheadAttention: batch/length of query " + Arrays.toString(query.shape()) + ", key "
                    + Arrays.toString(key.shape()) + " and value " + Arrays.toString(value.shape()) + " do not agree");
        }
        Tensor qp;
        Tensor kp;
        Tensor vp;
        if (query == key && key == value) {
            Tensor qkv = Functional.linear(q, inProjWeight, inProjBias);  // one GEMM for all three
            qp = qkv.narrow(2, 0, embedDim);
            kp = qkv.narrow(2, embedDim, embedDim);
            vp = qkv.narrow(2, 2 * embedDim, embedDim);
        } else {
            qp = project(q, 0);
            kp = project(k, 1);
            vp = project(v, 2);
        }
        Tensor qh = qp.reshape(b, l, numHeads, headDim).transpose(1, 2);   // [B, H, L, D]
        Tensor kh = kp.reshape(b, s, numHeads, headDim).transpose(1, 2);   // [B, H, S, D]
        Tensor vh = vp.reshape(b, s, numHeads, headDim).transpose(1, 2);
        Tensor keyPadding = masks.keyPadding();
        AttentionMasks m = unbatched && keyPadding != null && keyPadding.dim() == 1
                ? masks.withKeyPadding(keyPadding.unsqueeze(0)) : masks;
        if (!needWeights && weightsRecorder == null && (dropout == 0 || !isTraining()) && m.attnMask() == null && FloatMatmul.isActive()) {
            // the fused float kernels: no [L, S] weights, the backward recomputes them from the log-sum-exp
            Tensor attended = Functional.fusedAttention(qh, kh, vh, m.keyPadding(), m.causal()).transpose(1, 2).reshape(b, l, embedDim);
            Tensor out = outProj.forward(attended);
            if (unbatched) out = out.squeeze(0);
            else if (!batchFirst) out = out.transpose(0, 1);
            return new Output(out, null);
        }
        Tensor scores = qh.matmul(kh.transpose(-1, -2)).mul(1 / Math.sqrt(headDim));
        Tensor additive = m.toAdditive(b, numHeads, l, s);
        if (additive != null) scores = scores.add(additive);
        Tensor weights = scores.softmax(-1);                                // fully masked rows: zeros
        if (weightsRecorder != null) weightsRecorder.accept(weights.detach());
        Tensor dropped = Functional.dropout(weights, dropout, isTraining(), generator);
        Tensor attended = dropped.matmul(vh).transpose(1, 2).reshape(b, l, embedDim);
        Tensor out = outProj.forward(attended);
        if (unbatched) out = out.squeeze(0);
        else if (!batchFirst) out = out.transpose(0, 1);
        Tensor w = null;
        if (needWeights) {
            w = averageWeights ? dropped.mean(1, false) : dropped;
            if (unbatched) w = w.squeeze(0);
        }
        return new Output(out, w);
    }

    private Tensor project(Tensor x, int which) {
        Tensor w = inProjWeight.narrow(0, which * embedDim, embedDim);
        Tensor bias = inProjBias == null ? null : inProjBias.narrow(0, which * embedDim, embedDim);
        return Functional.linear(x, w, bias);
    }

    /**
     * The same weights rounded to float in the layout of the inference kernels
     * ({@code dojo.kernels.MultiHeadAttention}): one weight layout, PyTorch's, from training here to
     * SIMD inference there. Needs the biases (built with {@code bias = true}).
     */
    public MultiHeadAttentionWeights toKernelWeights() {
        if (inProjBias == null) {
            throw new IllegalStateException("toKernelWeights: the kernels need biases; this layer was built without them");
        }
        return new MultiHeadAttentionWeights(embedDim, numHeads, inProjWeight.toFloatArray(), inProjBias.toFloatArray(),
                outProj.weight().toFloatArray(), outProj.bias().toFloatArray());
    }

    public int embedDim() {
        return embedDim;
    }

    public int numHeads() {
        return numHeads;
    }

    public Tensor inProjWeight() {
        return inProjWeight;
    }

    public Tensor inProjBias() {
        return inProjBias;
    }

    public Linear outProj() {
        return outProj;
    }
}
