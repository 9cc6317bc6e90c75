package ex19_multimodal_sentiment;

import dojo.exercise.api.MultimodalSentimentConfig;
import dojo.exercise.api.MultimodalSentimentModel;
import dojo.exercise.api.SentimentBatch;
import dojo.nn.AttentionMasks;
import dojo.nn.Conv2d;
import dojo.nn.Embedding;
import dojo.nn.LayerNorm;
import dojo.nn.LearnedPositionalEncoding;
import dojo.nn.Linear;
import dojo.nn.MultiheadAttention;
import dojo.nn.TransformerEncoder;
import dojo.nn.TransformerEncoderLayer;
import dojo.tensor.Generator;
import dojo.tensor.Tensor;
import java.util.Arrays;

/**
 * Reference answer of ex19: caption and image each get their own encoder, then every caption token
 * queries the image patches (cross-attention), and the fused tokens are averaged over the real
 * (non-padding) tokens into one row per example. Compare with the original interview document's C10,
 * which concatenated a [B, E] image vector with [B, L, E] token vectors on dim 1 and sized the head for
 * a flattened sequence: here the two modalities never need the same shape, only the same width E.
 */
public class CrossAttentionSentiment extends MultimodalSentimentModel {

    private final MultimodalSentimentConfig config;
    private final Embedding tokenEmbedding;
    private final LearnedPositionalEncoding textPosition;
    private final TransformerEncoder textEncoder;
    private final Conv2d patchEmbed;
    private final LearnedPositionalEncoding imagePosition;
    private final TransformerEncoder imageEncoder;
    private final MultiheadAttention crossAttn;
    private final LayerNorm crossNorm;
    private final Linear linear1;
    private final Linear linear2;
    private final LayerNorm ffNorm;
    private final Linear head;

    public CrossAttentionSentiment(MultimodalSentimentConfig c, Generator g) {
        this.config = c;
        int e = c.dModel();
        var layer = TransformerEncoderLayer.Options.of(e, c.heads()).dimFeedforward(c.feedForward()).dropout(0.0);
        // registration order = PyTorch's attribute order, so namedParameters() lists the same keys in the same order
        this.tokenEmbedding = registerModule("token_embedding", new Embedding(c.vocab(), e, SentimentBatch.PAD, g));
        this.textPosition = registerModule("text_position", new LearnedPositionalEncoding(c.maxTextLen(), e, g));
        this.textEncoder = registerModule("text_encoder", new TransformerEncoder(layer, c.textLayers(), false, g));
        int p = c.patchSize();
        this.patchEmbed = registerModule("patch_embed", new Conv2d(c.channels(), e, new int[] {p, p}, new int[] {p, p},
                new int[] {0, 0}, new int[] {1, 1}, true, g));
        this.imagePosition = registerModule("image_position", new LearnedPositionalEncoding(c.patches(), e, g));
        this.imageEncoder = registerModule("image_encoder", new TransformerEncoder(layer, c.imageLayers(), false, g));
        this.crossAttn = registerModule("cross_attn", new MultiheadAttention(e, c.heads(), 0.0, true, true, g));
        this.crossNorm = registerModule("cross_norm", new LayerNorm(e));
        this.linear1 = registerModule("linear1", new Linear(e, c.feedForward(), g));
        this.linear2 = registerModule("linear2", new Linear(c.feedForward(), e, g));
        this.ffNorm = registerModule("ff_norm", new LayerNorm(e));
        this.head = registerModule("head", new Linear(e, c.classes(), g));
    }

    @Override
    public Output forward(SentimentBatch batch, boolean needWeights) {
        int b = batch.batch();
        int l = batch.length();
        check(batch);

        // caption: tokens + positions, self-attention that never looks at padding keys
        Tensor pad = batch.paddingMask();                                                   // [B, L], 1 = padding
        Tensor text = textPosition.forward(tokenEmbedding.forward(batch.ids(), b, l));      // [B, L, E]
        text = textEncoder.forward(text, AttentionMasks.none().withKeyPadding(pad));        // [B, L, E]

        // image: strided conv = one linear map per patch, then positions and self-attention over patches
        Tensor patches = patchEmbed.forward(batch.images());                                // [B, E, H/p, W/p]
        patches = patches.flatten(2, 3).transpose(1, 2);                                    // [B, P, E], row-major patches
        patches = imageEncoder.forward(imagePosition.forward(patches));                     // [B, P, E]

        // fusion: queries are the caption's tokens, keys and values the image's patches (no mask: no padding)
        MultiheadAttention.Output attended = crossAttn.forward(text, patches, patches, AttentionMasks.none(), needWeights, false);
        Tensor x = crossNorm.forward(text.add(attended.output()));                          // residual + LayerNorm
        x = ffNorm.forward(x.add(linear2.forward(linear1.forward(x).relu())));             // FFN block

        // one vector per example: the mean over real tokens only (padded rows are computed but left out)
        Tensor keep = batch.keepMask();                                                     // [B, L, 1]
        Tensor counts = keep.sum(1, false).maskedFill(keep.sum(1, false).eq(0), 1);        // [B, 1], never 0
        Tensor pooled = x.mul(keep).sum(1, false).div(counts);                              // [B, E]
        return new Output(head.forward(pooled), attended.weights());                        // [B, classes]
    }

    private void check(SentimentBatch batch) {
        int[] s = batch.images().shape();
        int size = config.imageSize();
        if (s[1] != config.channels() || s[2] != size || s[3] != size) {
            throw new IllegalArgumentException("images must be [B, " + config.channels() + ", " + size + ", " + size
                    + "], shape is " + Arrays.toString(s));
        }
        if (batch.length() > config.maxTextLen()) {
            throw new IllegalArgumentException("captions of length " + batch.length() + " exceed maxTextLen " + config.maxTextLen());
        }
        for (int id : batch.ids()) {
            if (id < 0 || id >= config.vocab()) {
                throw new IllegalArgumentException("token id " + id + " is outside 0.." + (config.vocab() - 1));
            }
        }
    }
}
