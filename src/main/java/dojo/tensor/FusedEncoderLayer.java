package dojo.tensor;

import dojo.kernels.AttentionMask;
import dojo.kernels.Backend;
import dojo.kernels.RowKernels;
import dojo.kernels.Sgemm;

/**
 * One whole {@code torch.nn.TransformerEncoderLayer} (no dropout), or several in a row, as a single recorded
 * operation on the float kernels of a {@link FloatMatmul} scope: {@link Functional#fusedEncoderLayer}'s and
 * {@link Functional#fusedEncoderLayers}' implementation. Between layers of one operation the activation
 * and its gradient stay in float.
 *
 * <p>Why one operation: recorded op by op, a layer's activations live in double (8 bytes each, a
 * conversion to float before every product and back after it) and the tape holds some twenty nodes
 * whose intermediate tensors are allocated, filled and freed one at a time. Here every activation stays
 * in float from the layer's input to its output, the biases and the activation are applied in one pass
 * over each product, and the backward is written out by hand: eight products on {@link Sgemm} (four
 * weight gradients, four input gradients), the attention on {@code FusedAttentionBackward} reading and
 * writing the q|k|v layout in place, the two layer norms vectorised ({@link RowKernels}), the bias sums
 * in double by blocks of rows. Only x, the output and the parameters' gradients cross into double, and
 * the float buffers come from the scope's {@link FloatBuffers}, given back once the backward has run.
 *
 * <pre>
 *   post-norm:  h = LN1(x + SA(x));   y = LN2(h + FF(h))
 *   pre-norm:   h = x + SA(LN1(x));   y = h + FF(LN2(h))
 *   SA(u) = out_proj(attention(in_proj(u)))      FF(u) = linear2(act(linear1(u)))
 * </pre>
 *
 * <p>Sums over rows (bias and layer-norm parameter gradients) add fixed blocks of rows in order, and the
 * kernels are bitwise independent of the thread count, so a step gives the same bits on any number of
 * cores.
 */
final class FusedEncoderLayer {

    /** The feed-forward nonlinearity: {@code torch.relu}, GELU (erf) or GELU (tanh approximation). */
    enum Act {
        RELU, GELU, GELU_TANH;

        static Act parse(String name) {
            return switch (name) {
                case "relu" -> RELU;
                case "gelu" -> GELU;
                case "gelu_tanh" -> GELU_TANH;
                default -> throw new IllegalArgumentException("fusedEncoderLayer: activation must be relu, gelu or gelu_tanh, was " + name);
            };
        }
    }

    private static final double TANH_C = Math.sqrt(2 / Math.PI);
    private static final RowKernels ROWS = new RowKernels(Backend.best());

    private final FloatMatmul scope;
    private final Sgemm sgemm;
    private final FloatBuffers buffers;
    private final int batch, length, e, heads, headDim, f, n;
    private final boolean normFirst;
    private final Act act;
    private final double eps;
    private final AttentionMask mask;

    private FusedEncoderLayer(FloatMatmul scope, int batch, int length, int e, int heads, int f, boolean normFirst, Act act,
                              double eps, AttentionMask mask) {
        this.scope = scope;
        this.sgemm = scope.sgemm();
        this.buffers = scope.buffers();
        this.batch = batch;
        this.length = length;
        this.e = e;
        this.heads = heads;
        this.headDim = e / heads;
        this.f = f;
        this.n = batch * length;
        this.normFirst = normFirst;
        this.act = act;
        this.eps = eps;
        this.mask = mask;
    }

    /**
     * See {@link Functional#fusedEncoderLayers}: the layers in order, x [B, L, E] (or [L, E], one sequence), every
     * layer with the same heads, norm placement, activation, eps and masks.
     */
    static Tensor apply(FloatMatmul scope, Tensor x, java.util.List<EncoderLayerParameters> ps, int heads, boolean normFirst,
                        String activation, double eps, Tensor keyPadding, boolean causal) {
        String op = ps.size() == 1 ? "fusedEncoderLayer" : "fusedEncoderLayers";
        if (ps.isEmpty()) throw new IllegalArgumentException(op + ": no layers");
        int e = ps.get(0).check(op);
        for (int i = 1; i < ps.size(); i++) {
            int ei = ps.get(i).check(op + " (layer " + i + ")");
            if (ei != e) throw new IllegalArgumentException(op + ": layer " + i + " has width " + ei + ", layer 0 has " + e);
        }
        if (heads < 1 || e % heads != 0) {
            throw new IllegalArgumentException(op + ": embed_dim " + e + " is not divisible by " + heads + " heads");
        }
        if ((x.dim() != 3 && x.dim() != 2) || x.size(-1) != e) {
            throw new IllegalArgumentException(op + ": input must be [B, L, " + e + "] or [L, " + e + "], shape is " + Shape.text(x.shape));
        }
        int batch = x.dim() == 3 ? x.size(0) : 1;
        int length = x.size(-2);
        Tensor padding = keyPadding != null && keyPadding.dim() == 1 && x.dim() == 2 ? keyPadding.reshape(1, -1) : keyPadding;
        AttentionMask mask = Functional.attentionMask(op, padding, batch, length, causal);
        Act act = Act.parse(activation);
        FusedEncoderLayer[] layers = new FusedEncoderLayer[ps.size()];
        for (int i = 0; i < layers.length; i++) {
            layers[i] = new FusedEncoderLayer(scope, batch, length, e, heads, ps.get(i).linear1Weight().size(0), normFirst, act, eps, mask);
        }
        return run(op, layers, x, ps);
    }

    /**
     * The layers' forward, each layer's output in float handed to the next as it is, and one recorded
     * operation whose backward runs the layers' backwards in reverse, the gradient staying in float between
     * them. Only x, the last output and the gradients of x and of the parameters cross into double: the
     * same bits as one operation per layer (a float widened to double and rounded back is unchanged), and
     * two [B*L, E] conversions fewer per layer boundary each way.
     */
    private static Tensor run(String op, FusedEncoderLayer[] layers, Tensor x, java.util.List<EncoderLayerParameters> ps) {
        int count = layers.length;
        Tensor[] inputs = new Tensor[1 + 12 * count];
        inputs[0] = x;
        for (int i = 0; i < count; i++) System.arraycopy(ps.get(i).all(), 0, inputs, 1 + 12 * i, 12);
        boolean recording = Autograd.isGradEnabled() && java.util.Arrays.stream(inputs).anyMatch(Tensor::requiresGrad);
        Pass[] passes = new Pass[count];
        float[] h = layers[0].floats(x);
        for (int i = 0; i < count; i++) {
            passes[i] = layers[i].new Pass(ps.get(i));
            h = passes[i].forward(h);                    // the pass keeps what its backward reads (its input among them)
            if (!recording) passes[i].release();         // no backward: a deep stack holds one layer's buffers at a time
        }
        Tensor result = Tensor.ofFloats(h, x.shape);
        layers[count - 1].buffers.give(h);
        if (!recording) return result;
        boolean[] done = {false};
        return Autograd.record(op, result, grad -> {
            if (done[0]) {
                throw new IllegalStateException(op + ": backward through this layer ran a second time; its saved"
                        + " activations were released after the first (run the forward again, as PyTorch without retain_graph)");
            }
            done[0] = true;
            Tensor[] out = new Tensor[inputs.length];
            // a layer's input gradient is needed when x or a parameter of an earlier layer wants one
            boolean[] wantBelow = new boolean[count];
            boolean any = inputs[0].requiresGrad();
            for (int i = 0; i < count; i++) {
                wantBelow[i] = any;
                for (int j = 1; j <= 12; j++) any |= inputs[12 * i + j].requiresGrad();
            }
            float[] g = layers[count - 1].floats(grad);
            for (int i = count - 1; i >= 0 && g != null; i--) {
                boolean[] want = new boolean[13];
                want[0] = wantBelow[i];
                for (int j = 1; j <= 12; j++) want[j] = inputs[12 * i + j].requiresGrad();
                Tensor[] layerOut = new Tensor[13];
                g = passes[i].backward(g, want, layerOut);
                System.arraycopy(layerOut, 1, out, 1 + 12 * i, 12);
            }
            for (int i = 0; i < count; i++) passes[i].release();   // layers below the last wanted one never ran
            if (g != null) {
                out[0] = Tensor.ofFloats(g, x.shape);
                layers[0].buffers.give(g);
            }
            return out;
        }, inputs);
    }

    /**
     * One layer's forward and backward on float buffers. {@link #forward} keeps what the backward reads (its
     * input among them); {@link #backward} gives it all back, and {@link #release} gives back whatever is left.
     */
    private final class Pass {
        private final EncoderLayerParameters p;
        private float[][] saved;
        private float[] xf, saIn, inW, outW, w1, w2, g1, g2, xhat1, rstd1, xhat2, rstd2, ffIn, pre, z;
        private Attended sa;

        Pass(EncoderLayerParameters p) {
            this.p = p;
        }

        /** The layer's output for input {@code x} [n, E] (a pooled buffer this pass now owns); the caller owns the result. */
        float[] forward(float[] x) {
            xf = x;
            // each weight once, W [out][in]: the forward's X . W^T packs it transposed (its B panel, a few hundred
            // KB), the backward's dX = dY . W reads it as it is. Converting W^T from the double tensor as well, a
            // strided gather, took 0.5 ms of a training step; packing the transposed panel costs ~0.05 ms
            inW = floats(p.inProjWeight());
            float[] inB = floats(p.inProjBias());
            outW = floats(p.outProjWeight());
            float[] outB = floats(p.outProjBias());
            w1 = floats(p.linear1Weight());
            float[] b1 = floats(p.linear1Bias());
            w2 = floats(p.linear2Weight());
            float[] b2 = floats(p.linear2Bias());
            g1 = floats(p.norm1Weight());
            float[] be1 = floats(p.norm1Bias());
            g2 = floats(p.norm2Weight());
            float[] be2 = floats(p.norm2Bias());

            // ---- forward, every activation in float
            xhat1 = buffers.take(n * e);
            rstd1 = buffers.take(n);
            xhat2 = buffers.take(n * e);
            rstd2 = buffers.take(n);
            // the self-attention block's input: x (post-norm) or LN1(x) (pre-norm)
            saIn = normFirst ? layerNorm(xf, null, g1, be1, xhat1, rstd1) : xf;
            sa = selfAttention(saIn, inW, inB, outW, outB);
            float[] h;               // the residual stream between the two blocks
            if (normFirst) {
                add(sa.out, xf);
                h = sa.out;                                           // h = x + SA(LN1(x))
            } else {
                h = layerNorm(sa.out, xf, g1, be1, xhat1, rstd1);     // h = LN1(x + SA(x))
                buffers.give(sa.out);
            }
            ffIn = normFirst ? layerNorm(h, null, g2, be2, xhat2, rstd2) : h;
            pre = buffers.take(n * f);
            z = buffers.take(n * f);
            linearActivate(ffIn, w1, b1, pre, z);                     // pre = ffIn . W1^T + b1, z = act(pre)
            float[] y = linear(z, f, w2, e, b2);
            if (normFirst) {
                add(y, h);                                            // h + FF(LN2(h))
            } else {
                float[] r2 = y;
                y = layerNorm(r2, h, g2, be2, xhat2, rstd2);          // LN2(h + FF(h))
                buffers.give(r2);
            }
            buffers.give(inB, outB, b1, b2, be1, be2);
            if (normFirst) buffers.give(h);                   // the pre-norm backward needs LN2(h), not h
            // what the backward reads; given back once it has run (post-norm: saIn is xf, ffIn is h)
            saved = new float[][] {xf, normFirst ? saIn : null, inW, outW, w1, w2, g1, g2, xhat1, rstd1, xhat2, rstd2,
                sa.qkv, sa.lse, sa.merged, ffIn, pre, z};
            return y;
        }

        /** Gives back what the forward kept, once. */
        void release() {
            if (saved != null) buffers.give(saved);
            saved = null;
        }

        /**
         * The backward from the output's gradient {@code gy} (consumed): fills {@code out[1..12]} with the
         * parameters' gradients wanted by {@code want[1..12]} and returns the input's gradient when
         * {@code want[0]} (a buffer the caller owns), else null. Inputs as {@link EncoderLayerParameters#all()}.
         */
        float[] backward(float[] gy, boolean[] want, Tensor[] out) {
            double[] dg1 = new double[e], dbe1 = new double[e], dg2 = new double[e], dbe2 = new double[e];
            // ---- feed-forward block
            float[] dff;                                  // gradient of FF's output
            if (normFirst) {
                dff = gy;
            } else {
                dff = layerNormBackward(gy, xhat2, rstd2, g2, dg2, dbe2);
                buffers.give(gy);
            }
            out[8] = want[8] ? Tensor.wrap(columnSums(dff, n, e), e) : null;
            out[7] = want[7] ? weightGrad(dff, z, e, f) : null;
            float[] dz = buffers.take(n * f);
            sgemm.multiply(n, f, e, dff, w2, dz);         // dZ = dY . W2
            double[] db1 = activationBackward(pre, dz);   // dPre in place, and its column sums
            out[6] = want[6] ? Tensor.wrap(db1, f) : null;
            out[5] = want[5] ? weightGrad(dz, ffIn, f, e) : null;
            float[] dffIn = buffers.take(n * e);
            sgemm.multiply(n, e, f, dz, w1, dffIn);       // dFFin = dPre . W1
            buffers.give(dz);
            float[] dh = normFirst ? layerNormBackward(dffIn, xhat2, rstd2, g2, dg2, dbe2) : dffIn;
            if (normFirst) buffers.give(dffIn);
            add(dh, dff);                                 // dh: through FF, plus the residual
            buffers.give(dff);
            // ---- self-attention block
            float[] dsa;                                  // gradient of SA's output
            if (normFirst) {
                dsa = dh;
            } else {
                dsa = layerNormBackward(dh, xhat1, rstd1, g1, dg1, dbe1);
                buffers.give(dh);
            }
            out[4] = want[4] ? Tensor.wrap(columnSums(dsa, n, e), e) : null;
            out[3] = want[3] ? weightGrad(dsa, sa.merged, e, e) : null;
            float[] dmerged = buffers.take(n * e);
            sgemm.multiply(n, e, e, dsa, outW, dmerged);
            float[] dqkv = buffers.take(n * 3 * e);            // dq | dk | dv side by side, as q | k | v
            scope.attentionBackward().backwardRows(batch, heads, length, length, headDim, headDim, sa.qkv, 0, 3 * e, sa.qkv, e, 3 * e,
                    sa.qkv, 2 * e, 3 * e, sa.merged, dmerged, e, sa.lse, mask, dqkv, 0, 3 * e, dqkv, e, 3 * e, dqkv, 2 * e, 3 * e);
            buffers.give(dmerged);
            out[2] = want[2] ? Tensor.wrap(columnSums(dqkv, n, 3 * e), 3 * e) : null;
            out[1] = want[1] ? weightGrad(dqkv, saIn, 3 * e, e) : null;
            float[] dx = null;
            if (want[0] || normFirst && (want[9] || want[10])) {
                float[] dsaIn = buffers.take(n * e);
                sgemm.multiply(n, e, 3 * e, dqkv, inW, dsaIn);
                dx = normFirst ? layerNormBackward(dsaIn, xhat1, rstd1, g1, dg1, dbe1) : dsaIn;
                if (normFirst) buffers.give(dsaIn);
                add(dx, dsa);                             // dx: through SA, plus the residual
                if (!want[0]) {
                    buffers.give(dx);
                    dx = null;
                }
            }
            buffers.give(dsa, dqkv);
            release();
            out[9] = want[9] ? Tensor.wrap(dg1, e) : null;
            out[10] = want[10] ? Tensor.wrap(dbe1, e) : null;
            out[11] = want[11] ? Tensor.wrap(dg2, e) : null;
            out[12] = want[12] ? Tensor.wrap(dbe2, e) : null;
            return dx;
        }
    }

    /** The values of t (any strides) rounded to float, in a pooled buffer. */
    private float[] floats(Tensor t) {
        float[] out = buffers.take(t.numel());
        t.toFloatArray(out);
        return out;
    }

    /**
     * The self-attention block's saved values: the q|k|v product [n, 3E] (the heads read in place), the
     * log-sum-exp per head and query, the heads' outputs side by side [n, E], and SA's output.
     */
    private record Attended(float[] qkv, float[] lse, float[] merged, float[] out) {
    }

    private Attended selfAttention(float[] u, float[] inW, float[] inB, float[] outW, float[] outB) {
        float[] qkv = linear(u, e, inW, 3 * e, inB);     // [n, 3E]: one product for q, k and v
        float[] merged = buffers.take(n * e);
        float[] lse = buffers.take(batch * heads * length);
        scope.attention().attendRows(batch, heads, length, length, headDim, headDim, qkv, 0, 3 * e, qkv, e, 3 * e, qkv, 2 * e, 3 * e,
                mask, merged, e, lse);
        return new Attended(qkv, lse, merged, linear(merged, e, outW, e, outB));
    }

    /** {@code u [n][k] . W^T + b} given {@code W [m][k]}: one SGEMM and one pass adding the bias. */
    private float[] linear(float[] u, int k, float[] w, int m, float[] bias) {
        float[] y = buffers.take(n * m);
        sgemm.multiplyTransposed(n, m, k, u, w, y);
        Loops.rows(n, m, (from, to) -> {
            for (int r = from; r < to; r++) {
                int o = r * m;
                ROWS.addBias(y, o, bias, m);
            }
        });
        return y;
    }

    /** {@code dW = dY^T . U} ({@code dY [n][m]}, {@code U [n][k]}) widened to a double {@code [m, k]} tensor. */
    private Tensor weightGrad(float[] dy, float[] u, int m, int k) {
        float[] dw = buffers.take(m * k);
        sgemm.multiplyTransposedA(m, k, n, dy, u, dw);
        Tensor t = Tensor.ofFloats(dw, m, k);
        buffers.give(dw);
        return t;
    }

    /** {@code a += b}, element-wise. */
    private static void add(float[] a, float[] b) {
        Loops.range(a.length, (from, to) -> {
            for (int i = from; i < to; i++) a[i] += b[i];
        });
    }

    /**
     * Column sums of a row-major {@code [rows][cols]} matrix (a bias gradient): blocks of rows in a fixed
     * order, each summed by {@link RowKernels#addColumnSums} (float lanes, partials of 32 rows in double).
     */
    private static double[] columnSums(float[] g, int rows, int cols) {
        int blocks = Loops.tasks(rows, cols);
        double[][] partial = new double[blocks][cols];
        Loops.forEachBlock(rows, blocks, (t, from, to) -> ROWS.addColumnSums(g, cols, from, to, new float[cols], partial[t]));
        double[] sum = new double[cols];
        for (double[] s : partial) for (int j = 0; j < cols; j++) sum[j] += s[j];
        return sum;
    }

    /**
     * Layer norm over rows of E (biased variance; {@link RowKernels#layerNormRow}: a float mean corrected by
     * the deviations' sum, never {@code E[x^2] - E[x]^2}): returns {@code xhat * gamma + beta} and saves
     * {@code xhat} and {@code 1 / sqrt(var + eps)} for the backward. With a {@code residual}, normalises
     * {@code x + residual} instead, adding it into x row by row in the same pass.
     */
    private float[] layerNorm(float[] x, float[] residual, float[] gamma, float[] beta, float[] xhat, float[] rstd) {
        float[] y = buffers.take(n * e);
        float epsF = (float) eps;
        Loops.rows(n, e, (from, to) -> {
            for (int r = from; r < to; r++) {
                int o = r * e;
                if (residual != null) {
                    for (int j = o; j < o + e; j++) x[j] += residual[j];
                }
                rstd[r] = ROWS.layerNormRow(x, o, e, epsF, gamma, beta, xhat, y);
            }
        });
        return y;
    }

    /**
     * The layer norm's backward: returns dx, adds {@code sum_rows dy * xhat} to dGamma and {@code sum_rows dy}
     * to dBeta (float sums per block of rows, the blocks added in double in a fixed order):
     * {@code dx = rstd * (dxhat - mean(dxhat) - xhat * mean(dxhat * xhat))}, {@code dxhat = dy * gamma}.
     */
    private float[] layerNormBackward(float[] dy, float[] xhat, float[] rstd, float[] gamma, double[] dGamma, double[] dBeta) {
        float[] dx = buffers.take(n * e);
        int blocks = Loops.tasks(n, e);
        float[][] pg = new float[blocks][e], pb = new float[blocks][e];
        Loops.forEachBlock(n, blocks, (t, from, to) -> {
            for (int r = from; r < to; r++) ROWS.layerNormBackwardRow(dy, xhat, r * e, e, rstd[r], gamma, dx, pg[t], pb[t]);
        });
        for (int t = 0; t < blocks; t++) {
            for (int j = 0; j < e; j++) {
                dGamma[j] += pg[t][j];
                dBeta[j] += pb[t][j];
            }
        }
        return dx;
    }

    /**
     * The first feed-forward product with its bias and activation: {@code pre = u . W1^T + b1} (kept for
     * the backward) and {@code z = act(pre)}, the bias and the activation in one pass over the product.
     */
    private void linearActivate(float[] u, float[] w, float[] bias, float[] pre, float[] z) {
        sgemm.multiplyTransposed(n, f, e, u, w, pre);
        Loops.rows(n, f, (from, to) -> {
            for (int r = from; r < to; r++) {
                int o = r * f;
                ROWS.addBias(pre, o, bias, f);
                switch (act) {
                    case RELU -> ROWS.relu(pre, z, o, f);
                    case GELU -> {
                        for (int j = o; j < o + f; j++) z[j] = (float) (pre[j] * MathFunctions.normalCdf(pre[j]));
                    }
                    case GELU_TANH -> {
                        for (int j = o; j < o + f; j++) {
                            double v = pre[j];
                            z[j] = (float) (0.5 * v * (1 + Math.tanh(TANH_C * (v + 0.044715 * v * v * v))));
                        }
                    }
                }
            }
        });
    }

    /**
     * {@code g *= act'(x)} in place (for relu: zero where {@code x <= 0}, as {@code torch.relu}'s backward),
     * returning the column sums of the result (the first feed-forward bias's gradient) from the same pass:
     * each row is summed while it is still in cache, blocks of rows in a fixed order.
     */
    private double[] activationBackward(float[] x, float[] g) {
        int blocks = Loops.tasks(n, f);
        double[][] partial = new double[blocks][f];
        Loops.forEachBlock(n, blocks, (t, from, to) -> {
            for (int r = from; r < to; r++) {
                int o = r * f;
                switch (act) {
                    case RELU -> ROWS.reluBackward(x, g, o, o + f);
                    case GELU -> {
                        for (int i = o; i < o + f; i++) {
                            double v = x[i];
                            g[i] = (float) (g[i] * (MathFunctions.normalCdf(v) + v * MathFunctions.normalPdf(v)));
                        }
                    }
                    case GELU_TANH -> {
                        for (int i = o; i < o + f; i++) {
                            double v = x[i];
                            double th = Math.tanh(TANH_C * (v + 0.044715 * v * v * v));
                            g[i] = (float) (g[i] * (0.5 * (1 + th) + 0.5 * v * (1 - th * th) * TANH_C * (1 + 3 * 0.044715 * v * v)));
                        }
                    }
                }
            }
            ROWS.addColumnSums(g, f, from, to, new float[f], partial[t]);   // the block's rows, still in cache
        });
        double[] total = new double[f];
        for (double[] p : partial) for (int j = 0; j < f; j++) total[j] += p[j];
        return total;
    }
}
