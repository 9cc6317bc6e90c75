package dojo.nn;

import dojo.tensor.Generator;
import dojo.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code torch.nn.TransformerEncoder}: a stack of encoder layers (keys {@code layers.N.*}) and an
 * optional final {@code norm}. PyTorch deep-copies one layer, so its layers start identical; here each
 * layer draws its own initial weights from the generator (load a state dict for identical weights).
 */
public final class TransformerEncoder extends Module {

    private final List<TransformerEncoderLayer> layers = new ArrayList<>();
    private final LayerNorm norm;

    public TransformerEncoder(TransformerEncoderLayer.Options options, int numLayers, boolean finalNorm, Generator g) {
        if (numLayers < 1) throw new IllegalArgumentException("TransformerEncoder: num_layers must be at least 1, was " + numLayers);
        ModuleList list = registerModule("layers", new ModuleList());
        for (int i = 0; i < numLayers; i++) {
            layers.add(list.add(new TransformerEncoderLayer(options, g)));
        }
        this.norm = finalNorm ? registerModule("norm", new LayerNorm(new int[] {options.dModel()}, options.layerNormEps(), true)) : null;
    }

    public Tensor forward(Tensor src) {
        return forward(src, AttentionMasks.NONE);
    }

    public Tensor forward(Tensor src, AttentionMasks masks) {
        // in a FloatMatmul scope, the layers as one fused operation when they can (float between the layers)
        Tensor x = layers.size() > 1 ? TransformerEncoderLayer.forwardFused(layers, src, masks) : null;
        if (x == null) {
            x = src;
            for (TransformerEncoderLayer layer : layers) x = layer.forward(x, masks);
        }
        return norm == null ? x : norm.forward(x);
    }

    public List<TransformerEncoderLayer> layers() {
        return List.copyOf(layers);
    }
}
