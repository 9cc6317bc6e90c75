package dojo.models;

import dojo.nn.AttentionMasks;
import dojo.nn.Conv2d;
import dojo.nn.LearnedPositionalEncoding;
import dojo.nn.Linear;
import dojo.nn.Module;
import dojo.nn.TransformerEncoder;
import dojo.nn.TransformerEncoderLayer;
import dojo.tensor.Generator;
import dojo.tensor.Tensor;

/**
 * The corrected seed image classifier (C3), a tiny ViT: a strided convolution cuts the image into
 * patches and embeds each ({@code patch_embed}, kernel = stride = patch), a learned [CLS] token is
 * prepended, learned positions are added, a {@code TransformerEncoder} mixes the tokens and the head
 * reads the [CLS] output. Never a flattened image. State dict names follow the PyTorch module with
 * {@code cls_token} [1, 1, d], {@code patch_embed.*}, {@code position.weight} [1 + patches, d],
 * {@code encoder.layers.N.*}, {@code head.*}.
 */
public final class PatchTransformerClassifier extends Module implements ImageClassifier {

    public record Config(int channels, int imageSize, int patch, int dModel, int heads, int feedForward, int layers, int classes) {
        int patches() {
            return (imageSize / patch) * (imageSize / patch);
        }
    }

    private final Config config;
    private final Tensor clsToken;
    private final Conv2d patchEmbed;
    private final LearnedPositionalEncoding position;
    private final TransformerEncoder encoder;
    private final Linear head;

    public PatchTransformerClassifier(Config c, Generator g) {
        if (c.imageSize() % c.patch() != 0) throw new IllegalArgumentException("image size " + c.imageSize() + " is not a multiple of the patch " + c.patch());
        this.config = c;
        this.clsToken = registerParameter("cls_token", Tensor.randn(g, 1, 1, c.dModel()).mul(0.02).detach());
        this.patchEmbed = registerModule("patch_embed", new Conv2d(c.channels(), c.dModel(), new int[] {c.patch(), c.patch()},
                new int[] {c.patch(), c.patch()}, new int[] {0, 0}, new int[] {1, 1}, true, g));
        this.position = registerModule("position", new LearnedPositionalEncoding(c.patches() + 1, c.dModel(), g));
        var layer = TransformerEncoderLayer.Options.of(c.dModel(), c.heads()).dimFeedforward(c.feedForward()).dropout(0.0);
        this.encoder = registerModule("encoder", new TransformerEncoder(layer, c.layers(), false, g));
        this.head = registerModule("head", new Linear(c.dModel(), c.classes(), g));
    }

    @Override
    public Tensor forward(Tensor images) {
        int b = images.size(0);
        Tensor p = patchEmbed.forward(images);                                 // [B, d, H/p, W/p]
        Tensor tokens = p.flatten(2, 3).transpose(1, 2);                       // [B, N, d]
        Tensor cls = clsToken.expand(b, 1, config.dModel());
        Tensor x = position.forward(Tensor.cat(java.util.List.of(cls, tokens), 1));  // [B, 1 + N, d]
        Tensor h = encoder.forward(x, AttentionMasks.none());
        return head.forward(h.select(1, 0));                                  // [B, classes] from [CLS]
    }
}
