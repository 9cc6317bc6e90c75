package ex12_image_classifier;

import dojo.exercise.api.ImageClassifierConfig;
import dojo.exercise.api.ImageClassifierModel;
import dojo.nn.AttentionMasks;
import dojo.nn.Conv2d;
import dojo.nn.Linear;
import dojo.nn.TransformerEncoder;
import dojo.nn.TransformerEncoderLayer;
import dojo.tensor.Generator;
import dojo.tensor.Tensor;
import java.util.Arrays;

/**
 * Exercise ex12: the original interview document's image classifier (C3), corrected into a tiny ViT.
 *
 * <p>The document convolved the image, flattened the whole feature map into ONE vector per image and fed
 * that to attention: a "sequence" of one token, so attention had nothing to attend to, and its
 * {@code fc1} only fitted 6x6 inputs. A transformer sees an image as a sequence of patches:
 *
 * <pre>
 *   images [B, C, H, W]
 *     patch_embed: Conv2d(C, E, kernel = stride = P)   [B, E, H/P, W/P]   one E-vector per patch, no overlap
 *     flatten(2) + transpose(1, 2)                     [B, N, E]          N = (H/P)(W/P) tokens, row-major
 *     cat([CLS], tokens)                               [B, 1 + N, E]      a learned token that collects the answer
 *     + pos_embed                                      [B, 1 + N, E]      without it the encoder sees a bag of patches
 *     encoder (pre-LN layers + final norm, no mask)    [B, 1 + N, E]      every token attends to every token
 *     head(x[:, 0])                                    [B, classes]       one row per image, read from [CLS]
 * </pre>
 *
 * The trap: attention is permutation-equivariant. Drop the positions and "which glyph is leftmost" cannot
 * be answered at all; flatten the image into one token and there is nothing to relate.
 *
 * Run: {@code ./dojo grade ex12_image_classifier}, then {@code ./dojo train image-classifier --tree exercises}.
 */
public class TinyVit extends ImageClassifierModel {

    private final ImageClassifierConfig config;
    private final Conv2d patchEmbed;
    private final Tensor clsToken;
    private final Tensor posEmbed;
    private final TransformerEncoder encoder;
    private final Linear head;

    public TinyVit(ImageClassifierConfig config, Generator g) {
        this.config = config;
        int e = config.dModel(), p = config.patchSize();
        // registration order = PyTorch's attribute order, so parameters() lines up with the PyTorch module
        this.patchEmbed = registerModule("patch_embed", new Conv2d(config.channels(), e, new int[] {p, p}, new int[] {p, p},
                new int[] {0, 0}, new int[] {1, 1}, true, g));
        this.clsToken = registerParameter("cls_token", Tensor.randn(g, 1, 1, e).mul(0.02).detach());
        // N(0, 1) positions (nn.Embedding's init): every cell distinct from the first step. With ViT's 0.02 the
        // positions start nearly equal and a relation between two cells is found much later (measured)
        this.posEmbed = registerParameter("pos_embed", Tensor.randn(g, 1, config.tokens(), e));
        // pre-LN layers and a final LayerNorm, as in ViT (eq. 2-4): x + MSA(LN(x)), x + MLP(LN(x)), LN at the end
        var layer = TransformerEncoderLayer.Options.of(e, config.heads()).dimFeedforward(config.feedForward()).dropout(0.0)
                .normFirst(true);
        this.encoder = registerModule("encoder", new TransformerEncoder(layer, config.layers(), true, g));
        this.head = registerModule("head", new Linear(e, config.classes(), g));
    }

    @Override
    public Tensor forward(Tensor images) {
        int s = config.imageSize();
        if (images.dim() != 4 || images.size(1) != config.channels() || images.size(2) != s || images.size(3) != s) {
            throw new IllegalArgumentException("images must be [B, " + config.channels() + ", " + s + ", " + s + "], got "
                    + Arrays.toString(images.shape()));
        }
        int b = images.size(0);
        Tensor tokens = patchEmbed.forward(images).flatten(2, 3).transpose(1, 2);     // [B, N, E]
        Tensor cls = clsToken.expand(b, 1, config.dModel());                           // [B, 1, E]
        Tensor x = Tensor.cat(1, cls, tokens).add(posEmbed);                           // [B, 1 + N, E]
        Tensor h = encoder.forward(x, AttentionMasks.none());
        return head.forward(h.select(1, 0));                                           // [CLS] -> [B, classes]
    }
}
