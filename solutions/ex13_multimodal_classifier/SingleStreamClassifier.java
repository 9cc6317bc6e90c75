package ex13_multimodal_classifier;

import dojo.exercise.api.CaptionImageBatch;
import dojo.exercise.api.MultimodalClassifierConfig;
import dojo.exercise.api.MultimodalClassifierModel;
import dojo.nn.AttentionMasks;
import dojo.nn.Conv2d;
import dojo.nn.Embedding;
import dojo.nn.Linear;
import dojo.nn.TransformerEncoder;
import dojo.nn.TransformerEncoderLayer;
import dojo.tensor.Generator;
import dojo.tensor.Tensor;
import java.util.Arrays;

/**
 * Model answer for ex13: the original document's MultiModalClassifier, corrected into a single-stream
 * transformer (VisualBERT / ViLT style): caption tokens and image patches are projected to one width d, each
 * gets its position and its modality's type embedding, and ONE encoder reads [CLS] + caption + patches.
 *
 * <pre>
 *   t = text_embedding(ids) + text_position[:L] + token_type[0]                 [B, L, d]
 *   p = patch_embed(images).flatten(2).transpose(1, 2) + patch_position + token_type[1]   [B, P, d]
 *   x = cat([cls, t, p], dim 1)                  the SEQUENCE axis                 [B, 1 + L + P, d]
 *   h = encoder(x, key padding = caption padding)                                  [B, 1 + L + P, d]
 *   logits = head(h[:, 0])                       one row per example               [B, classes]
 * </pre>
 *
 * What the original got wrong, and why each line here is the way it is:
 * <ul>
 *   <li>{@code nn.Embedding(text_embed_size, text_embed_size)} used the embedding size as the vocabulary size:
 *       the table has one row per token id, {@code [vocab, d]}.</li>
 *   <li>It concatenated a [B, L, E] text embedding with a [B, E] image vector on dim 1: the shapes do not even
 *       fit. The image must become a sequence of patch tokens [B, P, d] first (a strided convolution, one token
 *       per patch), and the two sequences are joined on the sequence axis.</li>
 *   <li>Attention is permutation-equivariant: without positions the model cannot tell where a glyph is or which
 *       word comes first, and without a type embedding a caption token and an image patch at the same position
 *       index look alike.</li>
 *   <li>No padding mask: padding tokens would be attended to, so the answer would change with the batch's
 *       padding. No pooling: per-token logits [B, L, C] do not fit one label per example. [CLS] is the
 *       pooling here: a query of its own that learns to gather the comparison the answer needs, instead of a
 *       mean over mostly empty patches and filler words.</li>
 * </ul>
 */
public class SingleStreamClassifier extends MultimodalClassifierModel {

    private final MultimodalClassifierConfig config;
    private final Tensor clsToken;
    private final Embedding textEmbedding;
    private final Embedding textPosition;
    private final Conv2d patchEmbed;
    private final Embedding patchPosition;
    private final Embedding tokenType;
    private final TransformerEncoder encoder;
    private final Linear head;

    public SingleStreamClassifier(MultimodalClassifierConfig c, Generator g) {
        this.config = c;
        int d = c.dModel();
        // registration order = PyTorch's attribute order (the order of parameters() for the optimizer)
        this.clsToken = registerParameter("cls_token", Tensor.normal(g, 0, 0.02, 1, 1, d));
        this.textEmbedding = registerModule("text_embedding", new Embedding(c.vocab(), d, 0, g));
        this.textPosition = registerModule("text_position", new Embedding(c.maxTextLength(), d, g));
        int p = c.patchSize();
        this.patchEmbed = registerModule("patch_embed", new Conv2d(c.channels(), d, new int[] {p, p}, new int[] {p, p},
                new int[] {0, 0}, new int[] {1, 1}, true, g));
        this.patchPosition = registerModule("patch_position", new Embedding(c.patches(), d, g));
        this.tokenType = registerModule("token_type", new Embedding(2, d, g));
        var layer = TransformerEncoderLayer.Options.of(d, c.heads()).dimFeedforward(c.feedForward()).dropout(0.0);
        this.encoder = registerModule("encoder", new TransformerEncoder(layer, c.layers(), false, g));
        this.head = registerModule("head", new Linear(d, c.classes(), g));
    }

    @Override
    public Tensor forward(CaptionImageBatch batch) {
        int b = batch.batch();
        int l = batch.text().length();
        int d = config.dModel();
        int[] ids = batch.text().ids();
        Tensor images = batch.images();
        int[] want = {b, config.channels(), config.imageSize(), config.imageSize()};
        if (!Arrays.equals(images.shape(), want)) {
            throw new IllegalArgumentException("images are " + Arrays.toString(images.shape()) + ", the model expects [B, C, H, W] = "
                    + Arrays.toString(want));
        }
        if (l > config.maxTextLength()) {
            throw new IllegalArgumentException("captions of length " + l + " (ids [" + b + ", " + l + "]) do not fit maxTextLength "
                    + config.maxTextLength());
        }

        // text: [B, L, d] = token + position + type 0
        Tensor text = textEmbedding.forward(ids, b, l)
                .add(textPosition.weight().narrow(0, 0, l))
                .add(tokenType.weight().select(0, TEXT_TYPE));
        // image: [B, d, g, g] -> [B, g*g, d] (patch k = row k / g, column k % g) + position + type 1
        Tensor patches = patchEmbed.forward(images).flatten(2, 3).transpose(1, 2)
                .add(patchPosition.weight())
                .add(tokenType.weight().select(0, IMAGE_TYPE));
        Tensor cls = clsToken.expand(b, 1, d);
        Tensor x = Tensor.cat(1, cls, text, patches);                          // [B, 1 + L + P, d]

        // padding: only caption positions can be padding; [CLS] and patches never are
        int n = 1 + l + config.patches();
        boolean[] pad = new boolean[b * n];
        for (int i = 0; i < b; i++) {
            for (int j = 0; j < l; j++) pad[i * n + 1 + j] = ids[i * l + j] == 0;
        }
        Tensor h = encoder.forward(x, AttentionMasks.none().withKeyPadding(Tensor.mask(pad, b, n)));
        return head.forward(h.select(1, 0));                                  // [B, classes]: the [CLS] row
    }
}
