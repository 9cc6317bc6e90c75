package dojo.tensor;

import dojo.kernels.AttentionMask;
import dojo.kernels.Backend;
import dojo.kernels.RowKernels;
import dojo.kernels.Sgemm;

/**
 * One whole {@code torch.nn.TransformerEncoderLayer} (no dropout) as a single recorded operation on the
 * float kernels of a {@link FloatMatmul} scope: {@link Functional#fusedEncoderLayer}'s implementation.
 *
 * <p>Why one operation: recorded op by op, a layer's activations live in double (8 bytes each, a
 * conversion to float before every product and back after it) and the tape holds some twenty nodes
 * whose intermediate tensors are allocated, filled and freed one at a time. Here every activation stays
 * in float from the layer's input to its output, the biases and the activation are applied in one pass
 * over each product, and the backward is written out by hand: seven products on {@link Sgemm}, the
 * attention on {@code FusedAttentionBackward}, the two layer norms and the bias sums in float with
 * double accumulators. Only x, the output and the parameters' gradients cross into double.
 *
 * <pre>
 *   post-norm:  h = LN1(x + SA(x));   y = LN2(h + FF(h))
 *   pre-norm:   h = x + SA(LN1(x));   y = h + FF(LN2(h))
 *   SA(u) = out_proj(attention(split(in_proj(u))))      FF(u) = linear2(act(linear1(u)))
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
    private final int batch, length, e, heads, headDim, f, n;
    private final boolean normFirst;
    private final Act act;
    private final double eps;
    private final AttentionMask mask;

    private FusedEncoderLayer(FloatMatmul scope, int batch, int length, int e, int heads, int f, boolean normFirst, Act act,
                              double eps, AttentionMask mask) {
        this.scope = scope;
        this.sgemm = scope.sgemm();
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

    /** See {@link Functional#fusedEncoderLayer}; x is [B, L, E] (or [L, E], one sequence). */
    static Tensor apply(FloatMatmul scope, Tensor x, EncoderLayerParameters p, int heads, boolean normFirst, String activation,
                        double eps, Tensor keyPadding, boolean causal) {
        String op = "fusedEncoderLayer";
        int e = p.check(op);
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
        FusedEncoderLayer layer = new FusedEncoderLayer(scope, batch, length, e, heads, p.linear1Weight().size(0), normFirst,
                Act.parse(activation), eps, mask);
        return layer.run(x, p);
    }

    private Tensor run(Tensor x, EncoderLayerParameters p) {
        float[] xf = x.toFloatArray();
        // each weight twice: W [out][in] for the backward's dX = dY . W, and W^T [in][out] for the forward's
        // X . W^T, so that no product packs a transposed operand (a strided gather, 8% of a step)
        float[] inW = p.inProjWeight().toFloatArray(), inWt = p.inProjWeight().t().toFloatArray(), inB = p.inProjBias().toFloatArray();
        float[] outW = p.outProjWeight().toFloatArray(), outWt = p.outProjWeight().t().toFloatArray(), outB = p.outProjBias().toFloatArray();
        float[] w1 = p.linear1Weight().toFloatArray(), w1t = p.linear1Weight().t().toFloatArray(), b1 = p.linear1Bias().toFloatArray();
        float[] w2 = p.linear2Weight().toFloatArray(), w2t = p.linear2Weight().t().toFloatArray(), b2 = p.linear2Bias().toFloatArray();
        float[] g1 = p.norm1Weight().toFloatArray(), be1 = p.norm1Bias().toFloatArray();
        float[] g2 = p.norm2Weight().toFloatArray(), be2 = p.norm2Bias().toFloatArray();

        // ---- forward, every activation in float
        float[] xhat1 = new float[n * e], rstd1 = new float[n];
        float[] xhat2 = new float[n * e], rstd2 = new float[n];
        float[] saIn;            // the self-attention block's input: x (post-norm) or LN1(x) (pre-norm)
        if (normFirst) {
            saIn = layerNorm(xf, g1, be1, xhat1, rstd1);
        } else {
            saIn = xf;
        }
        Attended sa = selfAttention(saIn, inWt, inB, outWt, outB);
        float[] h;               // the residual stream between the two blocks
        if (normFirst) {
            h = sa.out;
            add(h, xf);                                   // h = x + SA(LN1(x))
        } else {
            float[] r1 = sa.out;
            add(r1, xf);
            h = layerNorm(r1, g1, be1, xhat1, rstd1);     // h = LN1(x + SA(x))
        }
        float[] ffIn = normFirst ? layerNorm(h, g2, be2, xhat2, rstd2) : h;
        float[] pre = linear(ffIn, e, w1t, f, b1);         // [n, f] before the activation
        float[] z = activate(pre);
        float[] y = linear(z, f, w2t, e, b2);
        add(y, h);                                        // h + FF(.)
        if (!normFirst) y = layerNorm(y, g2, be2, xhat2, rstd2);

        Tensor result = Tensor.ofFloats(y, x.shape);
        Tensor[] inputs = new Tensor[13];
        inputs[0] = x;
        System.arraycopy(p.all(), 0, inputs, 1, 12);
        return Autograd.record("fusedEncoderLayer", result, grad -> {
            Tensor[] out = new Tensor[13];
            float[] gy = grad.toFloatArray();
            boolean[] want = new boolean[13];
            for (int i = 0; i < 13; i++) want[i] = inputs[i].requiresGrad();
            double[] dg1 = new double[e], dbe1 = new double[e], dg2 = new double[e], dbe2 = new double[e];
            // ---- feed-forward block
            float[] dh;                                   // gradient of the residual stream h
            float[] dff;                                  // gradient of FF's output
            if (normFirst) {
                dff = gy;
                dh = gy.clone();
            } else {
                dff = layerNormBackward(gy, xhat2, rstd2, g2, dg2, dbe2);
                dh = dff.clone();
            }
            out[8] = want[8] ? Tensor.wrap(columnSums(dff, n, e), e) : null;
            out[7] = want[7] ? weightGrad(dff, z, e, f) : null;
            float[] dz = new float[n * f];
            sgemm.multiply(n, f, e, dff, w2, dz);         // dZ = dY . W2
            activationBackward(pre, dz);                  // dPre in place
            out[6] = want[6] ? Tensor.wrap(columnSums(dz, n, f), f) : null;
            out[5] = want[5] ? weightGrad(dz, ffIn, f, e) : null;
            float[] dffIn = new float[n * e];
            sgemm.multiply(n, e, f, dz, w1, dffIn);       // dFFin = dPre . W1
            if (normFirst) {
                add(dh, layerNormBackward(dffIn, xhat2, rstd2, g2, dg2, dbe2));
            } else {
                add(dh, dffIn);
            }
            // ---- self-attention block
            float[] dsa;                                  // gradient of SA's output
            float[] dx;                                   // gradient of x, first through the residual
            if (normFirst) {
                dsa = dh;
                dx = dh.clone();
            } else {
                dsa = layerNormBackward(dh, xhat1, rstd1, g1, dg1, dbe1);
                dx = dsa.clone();
            }
            out[4] = want[4] ? Tensor.wrap(columnSums(dsa, n, e), e) : null;
            out[3] = want[3] ? weightGrad(dsa, sa.merged, e, e) : null;
            float[] dmerged = new float[n * e];
            sgemm.multiply(n, e, e, dsa, outW, dmerged);
            float[] dOut = splitHeads(dmerged, e, 0);
            float[] dq = new float[n * e], dk = new float[n * e], dv = new float[n * e];
            scope.attentionBackward().backward(batch, heads, length, length, headDim, headDim, sa.q, sa.k, sa.v, sa.heads, sa.lse, dOut,
                    mask, dq, dk, dv);
            float[] dqkv = mergeHeads(new float[][] {dq, dk, dv});
            out[2] = want[2] ? Tensor.wrap(columnSums(dqkv, n, 3 * e), 3 * e) : null;
            out[1] = want[1] ? weightGrad(dqkv, saIn, 3 * e, e) : null;
            if (want[0]) {
                float[] dsaIn = new float[n * e];
                sgemm.multiply(n, e, 3 * e, dqkv, inW, dsaIn);
                add(dx, normFirst ? layerNormBackward(dsaIn, xhat1, rstd1, g1, dg1, dbe1) : dsaIn);
                out[0] = Tensor.ofFloats(dx, x.shape);
            } else if (normFirst && (want[9] || want[10])) {
                float[] dsaIn = new float[n * e];
                sgemm.multiply(n, e, 3 * e, dqkv, inW, dsaIn);
                layerNormBackward(dsaIn, xhat1, rstd1, g1, dg1, dbe1);
            }
            out[9] = want[9] ? Tensor.wrap(dg1, e) : null;
            out[10] = want[10] ? Tensor.wrap(dbe1, e) : null;
            out[11] = want[11] ? Tensor.wrap(dg2, e) : null;
            out[12] = want[12] ? Tensor.wrap(dbe2, e) : null;
            return out;
        }, inputs);
    }

    /** The self-attention block's saved values: the heads' q, k, v and output, the log-sum-exp, the merged heads, SA's output. */
    private record Attended(float[] q, float[] k, float[] v, float[] heads, float[] lse, float[] merged, float[] out) {
    }

    private Attended selfAttention(float[] u, float[] inWt, float[] inB, float[] outWt, float[] outB) {
        float[] qkv = linear(u, e, inWt, 3 * e, inB);     // [n, 3E]: one product for q, k and v
        float[] q = splitHeads(qkv, 3 * e, 0), k = splitHeads(qkv, 3 * e, e), v = splitHeads(qkv, 3 * e, 2 * e);
        float[] o = new float[n * e];
        float[] lse = new float[batch * heads * length];
        scope.attention().attend(batch, heads, length, length, headDim, headDim, q, k, v, mask, o, lse);
        float[] merged = mergeHeads(new float[][] {o});
        return new Attended(q, k, v, o, lse, merged, linear(merged, e, outWt, e, outB));
    }

    /** Columns {@code [offset, offset + E)} of a row-major {@code [n][width]} matrix as heads {@code [B][H][L][D]}. */
    private float[] splitHeads(float[] src, int width, int offset) {
        float[] out = new float[n * e];
        Loops.rows(n, e, (from, to) -> {
            for (int r = from; r < to; r++) {
                int b = r / length, l = r % length;
                for (int hh = 0; hh < heads; hh++) {
                    System.arraycopy(src, r * width + offset + hh * headDim, out, ((b * heads + hh) * length + l) * headDim, headDim);
                }
            }
        });
        return out;
    }

    /** Heads {@code [B][H][L][D]} (one or more arrays side by side) back to rows {@code [n][parts * E]}. */
    private float[] mergeHeads(float[][] parts) {
        int width = parts.length * e;
        float[] out = new float[n * width];
        Loops.rows(n, width, (from, to) -> {
            for (int r = from; r < to; r++) {
                int b = r / length, l = r % length;
                for (int part = 0; part < parts.length; part++) {
                    for (int hh = 0; hh < heads; hh++) {
                        System.arraycopy(parts[part], ((b * heads + hh) * length + l) * headDim, out, r * width + part * e + hh * headDim, headDim);
                    }
                }
            }
        });
        return out;
    }

    /** {@code u [n][k] . W^T + b} given {@code W^T [k][m]}: one SGEMM and one pass adding the bias. */
    private float[] linear(float[] u, int k, float[] wt, int m, float[] bias) {
        float[] y = new float[n * m];
        sgemm.multiply(n, m, k, u, wt, y);
        Loops.rows(n, m, (from, to) -> {
            for (int r = from; r < to; r++) {
                int o = r * m;
                for (int j = 0; j < m; j++) y[o + j] += bias[j];
            }
        });
        return y;
    }

    /** {@code dW = dY^T . U} ({@code dY [n][m]}, {@code U [n][k]}) widened to a double {@code [m, k]} tensor. */
    private Tensor weightGrad(float[] dy, float[] u, int m, int k) {
        float[] dw = new float[m * k];
        sgemm.multiplyTransposedA(m, k, n, dy, u, dw);
        return Tensor.ofFloats(dw, m, k);
    }

    /** {@code a += b}, element-wise. */
    private static void add(float[] a, float[] b) {
        Loops.range(a.length, (from, to) -> {
            for (int i = from; i < to; i++) a[i] += b[i];
        });
    }

    /** Column sums of a row-major {@code [rows][cols]} matrix, in double: blocks of rows in a fixed order. */
    private static double[] columnSums(float[] g, int rows, int cols) {
        int blocks = Loops.tasks(rows, cols);
        double[][] partial = new double[blocks][cols];
        Loops.forEachBlock(rows, blocks, (t, from, to) -> {
            double[] s = partial[t];
            for (int r = from; r < to; r++) {
                int o = r * cols;
                for (int j = 0; j < cols; j++) s[j] += g[o + j];
            }
        });
        double[] sum = new double[cols];
        for (double[] s : partial) for (int j = 0; j < cols; j++) sum[j] += s[j];
        return sum;
    }

    /**
     * Layer norm over rows of E (biased variance, statistics in double): returns {@code xhat * gamma + beta}
     * and saves {@code xhat} and {@code 1 / sqrt(var + eps)} for the backward.
     */
    private float[] layerNorm(float[] x, float[] gamma, float[] beta, float[] xhat, float[] rstd) {
        float[] y = new float[n * e];
        Loops.rows(n, e, (from, to) -> {
            for (int r = from; r < to; r++) {
                int o = r * e;
                double mean = 0;
                for (int j = 0; j < e; j++) mean += x[o + j];
                mean /= e;
                double var = 0;
                for (int j = 0; j < e; j++) {
                    double c = x[o + j] - mean;
                    var += c * c;
                }
                double rs = 1 / Math.sqrt(var / e + eps);
                rstd[r] = (float) rs;
                for (int j = 0; j < e; j++) {
                    float hat = (float) ((x[o + j] - mean) * rs);
                    xhat[o + j] = hat;
                    y[o + j] = hat * gamma[j] + beta[j];
                }
            }
        });
        return y;
    }

    /**
     * The layer norm's backward: returns dx, adds {@code sum_rows dy * xhat} to dGamma and {@code sum_rows dy}
     * to dBeta (blocks of rows in a fixed order):
     * {@code dx = rstd * (dxhat - mean(dxhat) - xhat * mean(dxhat * xhat))}, {@code dxhat = dy * gamma}.
     */
    private float[] layerNormBackward(float[] dy, float[] xhat, float[] rstd, float[] gamma, double[] dGamma, double[] dBeta) {
        float[] dx = new float[n * e];
        int blocks = Loops.tasks(n, e);
        double[][] pg = new double[blocks][e], pb = new double[blocks][e];
        Loops.forEachBlock(n, blocks, (t, from, to) -> {
            double[] sg = pg[t], sb = pb[t];
            for (int r = from; r < to; r++) {
                int o = r * e;
                double m1 = 0, m2 = 0;
                for (int j = 0; j < e; j++) {
                    double g = dy[o + j];
                    double gh = g * gamma[j];
                    m1 += gh;
                    m2 += gh * xhat[o + j];
                    sg[j] += g * xhat[o + j];
                    sb[j] += g;
                }
                m1 /= e;
                m2 /= e;
                double rs = rstd[r];
                for (int j = 0; j < e; j++) {
                    dx[o + j] = (float) (rs * ((double) dy[o + j] * gamma[j] - m1 - xhat[o + j] * m2));
                }
            }
        });
        for (int t = 0; t < blocks; t++) {
            for (int j = 0; j < e; j++) {
                dGamma[j] += pg[t][j];
                dBeta[j] += pb[t][j];
            }
        }
        return dx;
    }

    /** The activation of the feed-forward pre-activations (a new array). */
    private float[] activate(float[] x) {
        float[] y = new float[x.length];
        Loops.range(x.length, (from, to) -> {
            switch (act) {
                case RELU -> {
                    for (int i = from; i < to; i++) y[i] = Math.max(x[i], 0f);
                }
                case GELU -> {
                    for (int i = from; i < to; i++) y[i] = (float) (x[i] * MathFunctions.normalCdf(x[i]));
                }
                case GELU_TANH -> {
                    for (int i = from; i < to; i++) {
                        double v = x[i];
                        y[i] = (float) (0.5 * v * (1 + Math.tanh(TANH_C * (v + 0.044715 * v * v * v))));
                    }
                }
            }
        });
        return y;
    }

    /** {@code g *= act'(x)} in place (for relu: zero where {@code x <= 0}, as {@code torch.relu}'s backward). */
    private void activationBackward(float[] x, float[] g) {
        Loops.range(x.length, (from, to) -> {
            switch (act) {
                case RELU -> ROWS.reluBackward(x, g, from, to);
                case GELU -> {
                    for (int i = from; i < to; i++) {
                        double v = x[i];
                        g[i] = (float) (g[i] * (MathFunctions.normalCdf(v) + v * MathFunctions.normalPdf(v)));
                    }
                }
                case GELU_TANH -> {
                    for (int i = from; i < to; i++) {
                        double v = x[i];
                        double th = Math.tanh(TANH_C * (v + 0.044715 * v * v * v));
                        g[i] = (float) (g[i] * (0.5 * (1 + th) + 0.5 * v * (1 - th * th) * TANH_C * (1 + 3 * 0.044715 * v * v)));
                    }
                }
            }
        });
    }
}
