package dojo.nn;

import dojo.tensor.EncoderLayerParameters;
import dojo.tensor.FloatMatmul;
import dojo.tensor.Functional;
import dojo.tensor.Generator;
import dojo.tensor.Tensor;

/**
 * {@code torch.nn.TransformerEncoderLayer} with its submodule names ({@code self_attn}, {@code linear1},
 * {@code linear2}, {@code norm1}, {@code norm2}; dropouts have no parameters):
 * <pre>
 *   norm_first:  x = x + dropout1(SA(norm1(x)));  x = x + dropout2(FF(norm2(x)))
 *   otherwise:   x = norm1(x + dropout1(SA(x)));  x = norm2(x + dropout2(FF(x)))
 *   FF(x) = linear2(dropout(activation(linear1(x))))
 * </pre>
 * Batch-first [B, L, E] unless the options say otherwise.
 */
public final class TransformerEncoderLayer extends Module {

    /**
     * The constructor arguments of PyTorch's layer (defaults: dim_feedforward 2048, dropout 0.1, relu,
     * layer_norm_eps 1e-5, norm_first false), except {@code batchFirst}, which defaults to true here.
     */
    public record Options(int dModel, int nhead, int dimFeedforward, double dropout, Activation activation,
                          double layerNormEps, boolean batchFirst, boolean normFirst) {

        public static Options of(int dModel, int nhead) {
            return new Options(dModel, nhead, 2048, 0.1, Activation.RELU, 1e-5, true, false);
        }

        public Options dimFeedforward(int d) {
            return new Options(dModel, nhead, d, dropout, activation, layerNormEps, batchFirst, normFirst);
        }

        public Options dropout(double p) {
            return new Options(dModel, nhead, dimFeedforward, p, activation, layerNormEps, batchFirst, normFirst);
        }

        public Options activation(Activation a) {
            return new Options(dModel, nhead, dimFeedforward, dropout, a, layerNormEps, batchFirst, normFirst);
        }

        public Options layerNormEps(double eps) {
            return new Options(dModel, nhead, dimFeedforward, dropout, activation, eps, batchFirst, normFirst);
        }

        public Options batchFirst(boolean on) {
            return new Options(dModel, nhead, dimFeedforward, dropout, activation, layerNormEps, on, normFirst);
        }

        public Options normFirst(boolean on) {
            return new Options(dModel, nhead, dimFeedforward, dropout, activation, layerNormEps, batchFirst, on);
        }
    }

    private final Options options;
    private final MultiheadAttention selfAttn;
    private final Linear linear1;
    private final Dropout dropout;
    private final Linear linear2;
    private final LayerNorm norm1;
    private final LayerNorm norm2;
    private final Dropout dropout1;
    private final Dropout dropout2;

    public TransformerEncoderLayer(Options o, Generator g) {
        if (o.dimFeedforward() < 1) throw new IllegalArgumentException("TransformerEncoderLayer: dim_feedforward must be positive, was " + o.dimFeedforward());
        this.options = o;
        this.selfAttn = registerModule("self_attn", new MultiheadAttention(o.dModel(), o.nhead(), o.dropout(), true, true, g));
        this.linear1 = registerModule("linear1", new Linear(o.dModel(), o.dimFeedforward(), g));
        this.dropout = registerModule("dropout", new Dropout(o.dropout(), g.split()));
        this.linear2 = registerModule("linear2", new Linear(o.dimFeedforward(), o.dModel(), g));
        this.norm1 = registerModule("norm1", new LayerNorm(new int[] {o.dModel()}, o.layerNormEps(), true));
        this.norm2 = registerModule("norm2", new LayerNorm(new int[] {o.dModel()}, o.layerNormEps(), true));
        this.dropout1 = registerModule("dropout1", new Dropout(o.dropout(), g.split()));
        this.dropout2 = registerModule("dropout2", new Dropout(o.dropout(), g.split()));
    }

    public Tensor forward(Tensor src) {
        return forward(src, AttentionMasks.NONE);
    }

    /** {@code forward(src, src_mask, src_key_padding_mask, is_causal)}, masks as in {@link MultiheadAttention}. */
    public Tensor forward(Tensor src, AttentionMasks masks) {
        Tensor x = options.batchFirst() || src.dim() == 2 ? src : src.transpose(0, 1);
        if (canFuse(x, masks)) {
            Tensor y = Functional.fusedEncoderLayer(x, layerParameters(), options.nhead(), options.normFirst(), options.activation().torchName(),
                    options.layerNormEps(), masks.keyPadding(), masks.causal());
            return options.batchFirst() || src.dim() == 2 ? y : y.transpose(0, 1);
        }
        if (options.normFirst()) {
            x = x.add(selfAttentionBlock(norm1.forward(x), masks));
            x = x.add(feedForwardBlock(norm2.forward(x)));
        } else {
            x = norm1.forward(x.add(selfAttentionBlock(x, masks)));
            x = norm2.forward(x.add(feedForwardBlock(x)));
        }
        return options.batchFirst() || src.dim() == 2 ? x : x.transpose(0, 1);
    }

    /**
     * Layers run one after the other ({@link TransformerEncoder}) as one fused float operation
     * ({@link Functional#fusedEncoderLayers}: their activations and gradients stay in float between them) when
     * each of them would run fused alone and they share their options; null otherwise.
     */
    static Tensor forwardFused(java.util.List<TransformerEncoderLayer> layers, Tensor src, AttentionMasks masks) {
        Options o = layers.get(0).options;
        Tensor x = o.batchFirst() || src.dim() == 2 ? src : src.transpose(0, 1);
        java.util.List<EncoderLayerParameters> ps = new java.util.ArrayList<>(layers.size());
        for (TransformerEncoderLayer layer : layers) {
            if (!layer.options.equals(o) || !layer.canFuse(x, masks)) return null;
            ps.add(layer.layerParameters());
        }
        Tensor y = Functional.fusedEncoderLayers(x, ps, o.nhead(), o.normFirst(), o.activation().torchName(), o.layerNormEps(),
                masks.keyPadding(), masks.causal());
        return o.batchFirst() || src.dim() == 2 ? y : y.transpose(0, 1);
    }

    /**
     * Whether the whole layer runs as one fused float operation ({@link Functional#fusedEncoderLayer}):
     * inside a {@link FloatMatmul} scope, without dropout (or in eval mode), without an attn_mask (key
     * padding and causal are fine), with every bias and norm parameter, and no attention-weights recorder.
     */
    private boolean canFuse(Tensor x, AttentionMasks masks) {
        return FloatMatmul.isActive() && (options.dropout() == 0 || !isTraining()) && masks.attnMask() == null
                && !selfAttn.recordsWeights() && selfAttn.inProjBias() != null && norm1.weight() != null && norm2.weight() != null
                && linear1.bias() != null && linear2.bias() != null && (x.dim() == 3 || x.dim() == 2);
    }

    private EncoderLayerParameters layerParameters() {
        return new EncoderLayerParameters(selfAttn.inProjWeight(), selfAttn.inProjBias(), selfAttn.outProj().weight(),
                selfAttn.outProj().bias(), linear1.weight(), linear1.bias(), linear2.weight(), linear2.bias(), norm1.weight(),
                norm1.bias(), norm2.weight(), norm2.bias());
    }

    private Tensor selfAttentionBlock(Tensor x, AttentionMasks masks) {
        return dropout1.forward(selfAttn.forward(x, x, x, masks, false, true).output());
    }

    private Tensor feedForwardBlock(Tensor x) {
        return dropout2.forward(linear2.forward(dropout.forward(options.activation().apply(linear1.forward(x)))));
    }

    public Options options() {
        return options;
    }

    public MultiheadAttention selfAttn() {
        return selfAttn;
    }
}
