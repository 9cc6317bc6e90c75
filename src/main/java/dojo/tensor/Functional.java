package dojo.tensor;

import java.util.Arrays;

/**
 * Layer-level functions with their backward, named after {@code torch.nn.functional}: linear, layer
 * norm, dropout, embedding lookup, cross-entropy, and the im2col step of convolutions. The modules in
 * {@code dojo.nn} are thin owners of parameters around these.
 */
public final class Functional {

    private Functional() {
    }

    /** {@code x . W^T + b} over the last dim of x: W is [out, in] (PyTorch's layout), b [out] or null. */
    public static Tensor linear(Tensor x, Tensor weight, Tensor bias) {
        if (weight.dim() != 2) {
            throw new IllegalArgumentException("linear: weight must be [out_features, in_features], shape is " + Shape.text(weight.shape));
        }
        if (x.dim() == 0 || x.size(-1) != weight.shape[1]) {
            throw new IllegalArgumentException("linear: input of shape " + Shape.text(x.shape) + " does not end in in_features = "
                    + weight.shape[1] + " (weight shape " + Shape.text(weight.shape) + ")");
        }
        // fold batch dims into rows: one 2-D product, and the weight gradient is one product too
        // (not a batch of them summed afterwards)
        Tensor rows = x.dim() > 2 ? x.reshape(-1, weight.shape[1]) : x;
        FloatMatmul fast = FloatMatmul.active();
        Tensor y;
        if (fast != null && rows.dim() == 2 && (bias == null || bias.dim() == 1 && bias.shape[0] == weight.shape[0])
                && (long) rows.shape[0] * weight.shape[0] * weight.shape[1] >= FloatMatmul.MIN_MULTIPLY_ADDS) {
            y = fast.linear(rows, weight, bias);          // one operation: fewer passes over memory
        } else {
            y = rows.matmul(weight.t());
            if (bias != null) y = y.add(bias);
        }
        if (x.dim() <= 2) return y;
        int[] out = x.shape();
        out[out.length - 1] = weight.shape[0];
        return y.reshape(out);
    }

    /**
     * Layer normalisation over the last {@code normalizedDims} dims (biased variance, as
     * {@code torch.nn.functional.layer_norm}); weight and bias have the normalised shape or are null.
     */
    public static Tensor layerNorm(Tensor x, int normalizedDims, Tensor weight, Tensor bias, double eps) {
        if (normalizedDims < 1 || normalizedDims > x.dim()) {
            throw new IllegalArgumentException("layerNorm: cannot normalise the last " + normalizedDims + " dims of shape " + Shape.text(x.shape));
        }
        int[] normShape = Arrays.copyOfRange(x.shape, x.dim() - normalizedDims, x.dim());
        for (Tensor p : new Tensor[] {weight, bias}) {
            if (p != null && !Shape.same(p.shape, normShape)) {
                throw new IllegalArgumentException("layerNorm: weight/bias of shape " + Shape.text(p.shape)
                        + " do not match the normalised shape " + Shape.text(normShape) + " of input " + Shape.text(x.shape));
            }
        }
        int d = Shape.numel(normShape);
        double[] xv = x.flat();
        int rows = d == 0 ? 0 : xv.length / d;
        double[] w = weight == null ? null : weight.flat();
        double[] b = bias == null ? null : bias.flat();
        double[] xhat = new double[xv.length];
        double[] rstd = new double[rows];
        double[] y = new double[xv.length];
        Loops.rows(rows, d, (from, to) -> {
            for (int r = from; r < to; r++) {
                int o = r * d;
                double mean = 0;
                for (int j = 0; j < d; j++) mean += xv[o + j];
                mean /= d;
                double var = 0;
                for (int j = 0; j < d; j++) {
                    double c = xv[o + j] - mean;
                    var += c * c;
                }
                var /= d;
                double rs = 1 / Math.sqrt(var + eps);
                rstd[r] = rs;
                for (int j = 0; j < d; j++) {
                    double h = (xv[o + j] - mean) * rs;
                    xhat[o + j] = h;
                    y[o + j] = (w == null ? h : h * w[j]) + (b == null ? 0 : b[j]);
                }
            }
        });
        int[] shape = x.shape;
        return Autograd.record("layerNorm", Tensor.wrap(y, shape), g -> {
            double[] gy = g.flat();
            double[] gx = x.requiresGrad ? new double[gy.length] : null;
            boolean wantW = weight != null && weight.requiresGrad;
            boolean wantB = bias != null && bias.requiresGrad;
            // weight and bias gradients sum over rows: each block of rows (cut by size only) sums its
            // own, and the blocks are added in order, so the result does not depend on the threads
            int blocks = Math.max(1, Loops.tasks(rows, d));
            double[][] gwPart = wantW ? new double[blocks][d] : null;
            double[][] gbPart = wantB ? new double[blocks][d] : null;
            Loops.forEachBlock(rows, blocks, (t, from, to) -> {
                double[] gw = wantW ? gwPart[t] : null;
                double[] gb = wantB ? gbPart[t] : null;
                double[] gh = new double[d];
                for (int r = from; r < to; r++) {
                    int o = r * d;
                    double sumG = 0;
                    double sumGH = 0;
                    for (int j = 0; j < d; j++) {
                        double gj = gy[o + j];
                        if (gw != null) gw[j] += gj * xhat[o + j];
                        if (gb != null) gb[j] += gj;
                        double h = w == null ? gj : gj * w[j];
                        gh[j] = h;
                        sumG += h;
                        sumGH += h * xhat[o + j];
                    }
                    if (gx != null) {
                        double mg = sumG / d;
                        double mgh = sumGH / d;
                        for (int j = 0; j < d; j++) gx[o + j] = rstd[r] * (gh[j] - mg - xhat[o + j] * mgh);
                    }
                }
            });
            double[] gw = wantW ? sumParts(gwPart, d) : null;
            double[] gb = wantB ? sumParts(gbPart, d) : null;
            return new Tensor[] {gx == null ? null : Tensor.wrap(gx, shape),
                gw == null ? null : Tensor.wrap(gw, normShape), gb == null ? null : Tensor.wrap(gb, normShape)};
        }, x, weight, bias);
    }

    /** The element-wise sum of {@code parts} (at least one), added in order. */
    private static double[] sumParts(double[][] parts, int d) {
        double[] out = parts[0];
        for (int t = 1; t < parts.length; t++) {
            for (int j = 0; j < d; j++) out[j] += parts[t][j];
        }
        return out;
    }

    /**
     * Inverted dropout: in training, each element is zeroed with probability {@code p} and the rest
     * scaled by {@code 1/(1-p)}; otherwise (or for p = 0) x itself.
     */
    public static Tensor dropout(Tensor x, double p, boolean training, Generator generator) {
        if (p < 0 || p > 1 || Double.isNaN(p)) throw new IllegalArgumentException("dropout: p must be in [0, 1], was " + p);
        if (!training || p == 0) return x;
        double[] m = new double[x.numel()];
        if (p < 1) {
            double keep = 1 / (1 - p);
            for (int i = 0; i < m.length; i++) m[i] = generator.bernoulli(p) ? 0 : keep;
        }
        return x.mul(Tensor.wrap(m, x.shape));
    }

    /** Rows of {@code weight} [V, E] picked by {@code ids}, shaped {@code idsShape + [E]}. */
    public static Tensor embedding(Tensor weight, int[] ids, int... idsShape) {
        return embedding(weight, ids, idsShape, -1);
    }

    /**
     * As {@link #embedding(Tensor, int[], int...)}, and the row {@code paddingIdx} gets no gradient from
     * its lookups ({@code F.embedding(..., padding_idx=)}; -1 for none): one lookup, whose backward skips
     * the padding ids.
     */
    public static Tensor embedding(Tensor weight, int[] ids, int[] idsShape, int paddingIdx) {
        if (weight.dim() != 2) throw new IllegalArgumentException("embedding: weight must be [num_embeddings, dim], shape is " + Shape.text(weight.shape));
        if (Shape.numel(idsShape) != ids.length) {
            throw new IllegalArgumentException("embedding: " + ids.length + " ids do not fill shape " + Shape.text(idsShape));
        }
        if (paddingIdx < -1 || paddingIdx >= weight.shape[0]) {
            throw new IllegalArgumentException("embedding: padding index " + paddingIdx + " is not in -1.." + (weight.shape[0] - 1));
        }
        int[] out = Arrays.copyOf(idsShape, idsShape.length + 1);
        out[idsShape.length] = weight.shape[1];
        return weight.indexSelect(0, ids, paddingIdx).reshape(out);
    }

    /** Options of {@link #crossEntropy}: PyTorch's defaults are {@code ignoreIndex = -100}, no smoothing. */
    public record CrossEntropyOptions(int ignoreIndex, double labelSmoothing) {
        public static final CrossEntropyOptions DEFAULT = new CrossEntropyOptions(-100, 0);

        public CrossEntropyOptions {
            if (labelSmoothing < 0 || labelSmoothing > 1 || Double.isNaN(labelSmoothing)) {
                throw new IllegalArgumentException("crossEntropy: label smoothing must be in [0, 1], was " + labelSmoothing);
            }
        }

        public CrossEntropyOptions withIgnoreIndex(int index) {
            return new CrossEntropyOptions(index, labelSmoothing);
        }

        public CrossEntropyOptions withLabelSmoothing(double eps) {
            return new CrossEntropyOptions(ignoreIndex, eps);
        }
    }

    /** Mean cross-entropy of logits [N, C] against class indices (PyTorch's defaults). */
    public static Tensor crossEntropy(Tensor logits, int[] targets) {
        return crossEntropy(logits, targets, CrossEntropyOptions.DEFAULT);
    }

    /**
     * {@code torch.nn.functional.cross_entropy(logits, targets, ignore_index=..., label_smoothing=...)}
     * with mean reduction: logits [N, C]; each non-ignored row contributes
     * {@code (1-eps) * -log p[target] + eps * mean_c(-log p[c])}; the sum is divided by the number of
     * non-ignored rows (NaN when every row is ignored, as in PyTorch).
     */
    public static Tensor crossEntropy(Tensor logits, int[] targets, CrossEntropyOptions options) {
        if (logits.dim() != 2) {
            throw new IllegalArgumentException("crossEntropy: logits must be [N, C], shape is " + Shape.text(logits.shape)
                    + " (flatten other dims first: logits.reshape(-1, C))");
        }
        int n = logits.shape[0];
        int c = logits.shape[1];
        if (targets.length != n) {
            throw new IllegalArgumentException("crossEntropy: " + targets.length + " targets for logits of shape " + Shape.text(logits.shape));
        }
        double eps = options.labelSmoothing();
        double[] pick = new double[n * c];
        double[] valid = new double[n];
        int count = 0;
        for (int i = 0; i < n; i++) {
            int t = targets[i];
            if (t == options.ignoreIndex()) continue;
            if (t < 0 || t >= c) {
                throw new IndexOutOfBoundsException("crossEntropy: target " + t + " at position " + i + " is not a class in 0.."
                        + (c - 1) + " (nor ignore_index " + options.ignoreIndex() + ")");
            }
            valid[i] = 1;
            count++;
            for (int j = 0; j < c; j++) pick[i * c + j] = eps / c;
            pick[i * c + t] += 1 - eps;
        }
        Tensor logp = logits.logSoftmax(1);
        // rows without a valid target have all-zero weights, so -inf log-probabilities must not make 0 * inf
        Tensor weights = Tensor.wrap(pick, n, c);
        Tensor safe = logp.maskedFill(Tensor.wrap(valid, n, 1).eq(0), 0);
        return safe.mul(weights).sum().neg().div(count);
    }

    /**
     * The im2col step of a 2-D convolution: input [N, C, H, W] to columns [N, C*kh*kw, Ho*Wo], with
     * zero padding, stride and dilation as in {@code torch.nn.functional.unfold}.
     */
    public static Tensor unfold(Tensor input, int kh, int kw, int strideH, int strideW, int padH, int padW,
                                int dilH, int dilW) {
        if (input.dim() != 4) throw new IllegalArgumentException("unfold: input must be [N, C, H, W], shape is " + Shape.text(input.shape));
        int n = input.shape[0];
        int ch = input.shape[1];
        int h = input.shape[2];
        int w = input.shape[3];
        int ho = (h + 2 * padH - dilH * (kh - 1) - 1) / strideH + 1;
        int wo = (w + 2 * padW - dilW * (kw - 1) - 1) / strideW + 1;
        if (ho <= 0 || wo <= 0) {
            throw new IllegalArgumentException("unfold: kernel " + kh + "x" + kw + " (dilation " + dilH + "x" + dilW
                    + ", padding " + padH + "x" + padW + ") is larger than the input " + h + "x" + w);
        }
        int rowsOut = ch * kh * kw;
        int cols = ho * wo;
        double[] x = input.flat();
        double[] out = new double[n * rowsOut * cols];
        // index map: out position -> input position (-1 for padding), shared by forward and backward
        int[] src = new int[rowsOut * cols];
        for (int c = 0; c < ch; c++) {
            for (int i = 0; i < kh; i++) {
                for (int j = 0; j < kw; j++) {
                    int row = (c * kh + i) * kw + j;
                    for (int oy = 0; oy < ho; oy++) {
                        int iy = oy * strideH - padH + i * dilH;
                        for (int ox = 0; ox < wo; ox++) {
                            int ix = ox * strideW - padW + j * dilW;
                            src[row * cols + oy * wo + ox] = iy < 0 || iy >= h || ix < 0 || ix >= w ? -1 : (c * h + iy) * w + ix;
                        }
                    }
                }
            }
        }
        int plane = ch * h * w;
        for (int b = 0; b < n; b++) {
            for (int q = 0; q < src.length; q++) {
                if (src[q] >= 0) out[b * src.length + q] = x[b * plane + src[q]];
            }
        }
        int[] inShape = input.shape;
        return Autograd.record("unfold", Tensor.wrap(out, n, rowsOut, cols), g -> {
            double[] gd = g.flat();
            double[] gi = new double[n * plane];
            for (int b = 0; b < n; b++) {
                for (int q = 0; q < src.length; q++) {
                    if (src[q] >= 0) gi[b * plane + src[q]] += gd[b * src.length + q];
                }
            }
            return new Tensor[] {Tensor.wrap(gi, inShape)};
        }, input);
    }

    /**
     * {@code torch.nn.functional.conv1d} (groups = 1): input [N, Cin, L], weight [Cout, Cin, K], bias
     * [Cout] or null; output [N, Cout, Lout], computed as weight [Cout, Cin*K] times im2col columns.
     */
    public static Tensor conv1d(Tensor input, Tensor weight, Tensor bias, int stride, int padding, int dilation) {
        if (input.dim() != 3 || weight.dim() != 3 || input.shape[1] != weight.shape[1]) {
            throw new IllegalArgumentException("conv1d: input must be [N, Cin, L] and weight [Cout, Cin, K] with the same Cin, shapes are "
                    + Shape.text(input.shape) + " and " + Shape.text(weight.shape));
        }
        Tensor y = conv2d(input.unsqueeze(2), weight.unsqueeze(2), bias, new int[] {1, stride}, new int[] {0, padding},
                new int[] {1, dilation});
        return y.squeeze(2);
    }

    /**
     * {@code torch.nn.functional.conv2d} (groups = 1): input [N, Cin, H, W], weight [Cout, Cin, kh, kw],
     * bias [Cout] or null; stride, padding, dilation as {@code {h, w}}; output [N, Cout, Ho, Wo].
     */
    public static Tensor conv2d(Tensor input, Tensor weight, Tensor bias, int[] stride, int[] padding, int[] dilation) {
        if (input.dim() != 4 || weight.dim() != 4 || input.shape[1] != weight.shape[1]) {
            throw new IllegalArgumentException("conv2d: input must be [N, Cin, H, W] and weight [Cout, Cin, kh, kw] with the same Cin, shapes are "
                    + Shape.text(input.shape) + " and " + Shape.text(weight.shape));
        }
        for (int[] p : new int[][] {stride, padding, dilation}) {
            if (p.length != 2) throw new IllegalArgumentException("conv2d: stride, padding and dilation need 2 values each");
        }
        if (stride[0] < 1 || stride[1] < 1 || dilation[0] < 1 || dilation[1] < 1 || padding[0] < 0 || padding[1] < 0) {
            throw new IllegalArgumentException("conv2d: stride and dilation must be >= 1 and padding >= 0");
        }
        int n = input.shape[0];
        int cout = weight.shape[0];
        int kh = weight.shape[2];
        int kw = weight.shape[3];
        int h = input.shape[2];
        int w = input.shape[3];
        int ho = (h + 2 * padding[0] - dilation[0] * (kh - 1) - 1) / stride[0] + 1;
        int wo = (w + 2 * padding[1] - dilation[1] * (kw - 1) - 1) / stride[1] + 1;
        Tensor cols = unfold(input, kh, kw, stride[0], stride[1], padding[0], padding[1], dilation[0], dilation[1]);
        Tensor y = weight.reshape(cout, -1).matmul(cols);                       // [N, Cout, Ho*Wo]
        if (bias != null) y = y.add(bias.reshape(cout, 1));
        return y.reshape(n, cout, ho, wo);
    }

    /** The result of {@link #scaledDotProductAttention}: output [..., L, Dv] and weights [..., L, S]. */
    public record Attention(Tensor output, Tensor weights) {
    }

    /**
     * {@code softmax(q k^T / sqrt(d) + mask) v} over the last two dims, batch dims broadcasting: q
     * [..., L, d], k [..., S, d], v [..., S, dv]; {@code additiveMask} (0 allowed, -inf blocked,
     * broadcastable to [..., L, S]) or null. A query whose keys are all blocked gets zero weights and
     * a zero output (this project's rule; PyTorch gives NaN).
     */
    public static Attention scaledDotProductAttention(Tensor q, Tensor k, Tensor v, Tensor additiveMask) {
        if (q.dim() < 2 || k.dim() < 2 || v.dim() < 2 || q.size(-1) != k.size(-1) || k.size(-2) != v.size(-2)) {
            throw new IllegalArgumentException("attention: q [..., L, d], k [..., S, d] and v [..., S, dv] do not fit: shapes are "
                    + Shape.text(q.shape) + ", " + Shape.text(k.shape) + " and " + Shape.text(v.shape));
        }
        Tensor scores = q.matmul(k.transpose(-1, -2)).mul(1 / Math.sqrt(q.size(-1)));
        if (additiveMask != null) scores = scores.add(additiveMask.detach());
        Tensor weights = scores.softmax(-1);
        return new Attention(weights.matmul(v), weights);
    }

    /**
     * Fused attention on [B, H, L, d] operands: {@code softmax(q k^T / sqrt(d) + masks) v} for q [B, H, L, d],
     * k [B, H, S, d], v [B, H, S, dv], with a key-padding mask {@code keyPadding} [B, S] (nonzero = ignore)
     * or null, and a causal mask (query i sees keys j <= i) if {@code causal}. Returns [B, H, L, dv]; a
     * query that sees no key gets a zero row (as {@link #scaledDotProductAttention}). The [L, S] weights
     * are never materialised: the forward saves the log-sum-exp per query and the backward recomputes the
     * probabilities (FlashAttention-2). Inside a {@link FloatMatmul} scope this runs on the float kernels
     * ({@code dojo.kernels.FusedAttention} / {@code FusedAttentionBackward}: operands rounded to float,
     * relative error about 1e-6); otherwise on {@code dojo.kernels.AttentionDouble} (double, equal to the
     * materialised attention within 1e-12).
     */
    public static Tensor fusedAttention(Tensor q, Tensor k, Tensor v, Tensor keyPadding, boolean causal) {
        if (q.dim() != 4 || k.dim() != 4 || v.dim() != 4 || q.size(0) != k.size(0) || q.size(1) != k.size(1)
                || v.size(0) != k.size(0) || v.size(1) != k.size(1) || q.size(3) != k.size(3) || k.size(2) != v.size(2)) {
            throw new IllegalArgumentException("fusedAttention: q [B, H, L, d], k [B, H, S, d] and v [B, H, S, dv] do not fit: shapes are "
                    + Shape.text(q.shape) + ", " + Shape.text(k.shape) + " and " + Shape.text(v.shape));
        }
        int b = q.size(0), h = q.size(1), l = q.size(2), d = q.size(3), s = k.size(2), dv = v.size(3);
        dojo.kernels.AttentionMask mask = attentionMask("fusedAttention", keyPadding, b, s, causal);
        FloatMatmul fast = FloatMatmul.active();
        Tensor result;
        GradFn fn;
        if (fast != null) {
            float[] qf = q.toFloatArray(), kf = k.toFloatArray(), vf = v.toFloatArray();
            float[] out = new float[b * h * l * dv];
            float[] lse = new float[b * h * l];
            fast.attention().attend(b, h, l, s, d, dv, qf, kf, vf, mask, out, lse);
            result = Tensor.ofFloats(out, b, h, l, dv);
            fn = g -> {
                float[] dq = new float[qf.length], dk = new float[kf.length], dvg = new float[vf.length];
                FloatMatmul scope = FloatMatmul.active() != null ? FloatMatmul.active() : fast;
                scope.attentionBackward().backward(b, h, l, s, d, dv, qf, kf, vf, out, lse, g.toFloatArray(), mask, dq, dk, dvg);
                return new Tensor[] {Tensor.ofFloats(dq, b, h, l, d), Tensor.ofFloats(dk, b, h, s, d), Tensor.ofFloats(dvg, b, h, s, dv)};
            };
        } else {
            double[] qd = q.toArray(), kd = k.toArray(), vd = v.toArray();
            double[] out = new double[b * h * l * dv];
            double[] lse = new double[b * h * l];
            try (dojo.kernels.Parallelism one = dojo.kernels.Parallelism.serial()) {
                new dojo.kernels.AttentionDouble(one).forward(b, h, l, s, d, dv, qd, kd, vd, mask, out, lse);
            }
            result = Tensor.of(out, b, h, l, dv);
            fn = g -> {
                double[] dq = new double[qd.length], dk = new double[kd.length], dvg = new double[vd.length];
                try (dojo.kernels.Parallelism one = dojo.kernels.Parallelism.serial()) {
                    new dojo.kernels.AttentionDouble(one).backward(b, h, l, s, d, dv, qd, kd, vd, out, lse, g.toArray(), mask, dq, dk, dvg);
                }
                return new Tensor[] {Tensor.of(dq, b, h, l, d), Tensor.of(dk, b, h, s, d), Tensor.of(dvg, b, h, s, dv)};
            };
        }
        return Autograd.record("fusedAttention", result, fn, q, k, v);
    }

    /** The kernels' mask from a key-padding mask [B, S] (nonzero = ignore that key) or null, and the causal flag. */
    static dojo.kernels.AttentionMask attentionMask(String op, Tensor keyPadding, int b, int s, boolean causal) {
        boolean[][] padding = null;
        if (keyPadding != null) {
            if (keyPadding.dim() != 2 || keyPadding.size(0) != b || keyPadding.size(1) != s) {
                throw new IllegalArgumentException(op + ": key padding mask must be [B, S] = [" + b + ", " + s + "], shape is "
                        + Shape.text(keyPadding.shape));
            }
            double[] pm = keyPadding.toArray();
            padding = new boolean[b][s];
            for (int i = 0; i < b; i++) for (int j = 0; j < s; j++) padding[i][j] = pm[i * s + j] != 0;
        }
        return new dojo.kernels.AttentionMask(causal, padding);
    }

    /**
     * A whole {@code torch.nn.TransformerEncoderLayer} without dropout as one operation on the float kernels,
     * inside a {@link FloatMatmul} scope only: x [B, L, E] (or [L, E]) to the layer's output, same shape;
     * {@code normFirst} chooses pre-norm ({@code x + SA(LN1(x))}, then {@code + FF(LN2(.))}) or post-norm
     * ({@code LN1(x + SA(x))}, then {@code LN2(. + FF(.))}); {@code activation} is "relu", "gelu" or
     * "gelu_tanh"; masks as {@link #fusedAttention} (key padding [B, L] or null, causal). Every activation
     * stays in float and the backward is written out by hand (no tape inside the layer): the same values as
     * the layer recorded op by op in the scope within float rounding, several times fewer passes over memory.
     *
     * @throws IllegalStateException outside a {@link FloatMatmul} scope
     */
    public static Tensor fusedEncoderLayer(Tensor x, EncoderLayerParameters p, int heads, boolean normFirst, String activation,
                                           double eps, Tensor keyPadding, boolean causal) {
        FloatMatmul fast = floatScope("fusedEncoderLayer", "dojo.nn.TransformerEncoderLayer, which records the layer op by op in double");
        return FusedEncoderLayer.apply(fast, x, java.util.List.of(p), heads, normFirst, activation, eps, keyPadding, causal);
    }

    /**
     * Several {@link #fusedEncoderLayer}s in a row (a {@code torch.nn.TransformerEncoder} without its final
     * norm), every layer with the same heads, norm placement, activation, eps and masks, as one recorded
     * operation: each layer's output goes to the next in float, and the gradient comes back through them in
     * float. The same bits as calling {@link #fusedEncoderLayer} once per layer, with two conversions of a
     * [B, L, E] activation fewer per layer boundary in each direction (the text classifier's two layers,
     * forward and backward: 37.4-38.6 ms as one operation against 39.2-40.7 as two, alternated in one JVM).
     *
     * @throws IllegalStateException outside a {@link FloatMatmul} scope
     */
    public static Tensor fusedEncoderLayers(Tensor x, java.util.List<EncoderLayerParameters> layers, int heads, boolean normFirst,
                                            String activation, double eps, Tensor keyPadding, boolean causal) {
        FloatMatmul fast = floatScope("fusedEncoderLayers", "dojo.nn.TransformerEncoder, which records each layer op by op in double");
        return FusedEncoderLayer.apply(fast, x, java.util.List.copyOf(layers), heads, normFirst, activation, eps, keyPadding, causal);
    }

    /** The active {@link FloatMatmul} scope, or the error naming {@code op} and what to use outside one. */
    private static FloatMatmul floatScope(String op, String outside) {
        FloatMatmul fast = FloatMatmul.active();
        if (fast == null) {
            throw new IllegalStateException(op + ": runs on the float kernels, inside a FloatMatmul scope only (outside one, use "
                    + outside + ")");
        }
        return fast;
    }

    /**
     * {@code torch.nn.functional.ctc_loss(logProbs.transpose(0, 1), targets, inputLengths, targetLengths,
     * blank, reduction='mean', zero_infinity)}, batch first: logProbs [B, T, C] (log-probabilities, each row
     * normalised), example b uses frames 0..inputLengths[b]-1 and has the labels targets[b] (none equal to
     * blank; may be empty). The result is the mean over b of {@code -log p(targets[b]) / max(1, |targets[b]|)}.
     * With {@code zeroInfinity} an example whose transcript does not fit in its frames counts 0 with a zero
     * gradient; otherwise the loss is infinite. The gradient is the true derivative with respect to logProbs
     * (minus the alignment occupancy, scaled); PyTorch's ctc_loss returns {@code exp(logProbs)} minus the
     * occupancy instead, which agrees once the gradient has gone back through a log_softmax.
     */
    public static Tensor ctcLoss(Tensor logProbs, int[] inputLengths, int[][] targets, int blank, boolean zeroInfinity) {
        return Ctc.loss(logProbs, inputLengths, targets, blank, zeroInfinity);
    }
}
