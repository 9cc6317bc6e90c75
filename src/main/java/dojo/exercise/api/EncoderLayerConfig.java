package dojo.exercise.api;

/**
 * Configuration of a transformer encoder layer (exercise ex10_encoder_layer), as the arguments of
 * {@code nn.TransformerEncoderLayer(d_model, nhead, activation="gelu", dropout=0.0, batch_first=True,
 * norm_first=..., layer_norm_eps=...)}.
 *
 * @param numHeads H; d_model must be divisible by it
 * @param normFirst true for pre-LN ({@code x + sa(norm1(x))}), false for post-LN ({@code norm1(x + sa(x))})
 * @param eps layer norm epsilon (PyTorch's default 1e-5)
 */
public record EncoderLayerConfig(int numHeads, boolean normFirst, double eps) {

    public EncoderLayerConfig {
        if (numHeads <= 0) {
            throw new IllegalArgumentException("numHeads must be positive, was " + numHeads);
        }
        if (!(eps > 0)) {
            throw new IllegalArgumentException("eps must be positive, was " + eps);
        }
    }

    /** Pre-LN with PyTorch's default eps. */
    public static EncoderLayerConfig preLn(int numHeads) {
        return new EncoderLayerConfig(numHeads, true, 1e-5);
    }

    /** Post-LN (PyTorch's default order) with PyTorch's default eps. */
    public static EncoderLayerConfig postLn(int numHeads) {
        return new EncoderLayerConfig(numHeads, false, 1e-5);
    }
}
