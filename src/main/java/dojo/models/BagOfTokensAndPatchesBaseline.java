package dojo.models;

import dojo.exercise.api.CaptionImageBatch;
import dojo.exercise.api.MultimodalClassifierConfig;
import dojo.exercise.api.MultimodalClassifierModel;
import dojo.exercise.api.TokenBatch;
import dojo.nn.Conv2d;
import dojo.nn.Embedding;
import dojo.nn.Linear;
import dojo.tensor.Generator;
import dojo.tensor.Tensor;

/**
 * The no-attention baseline of the multimodal classifier: the same inputs as the reference (caption token
 * embeddings + positions + type 0, strided-conv patch embeddings + positions + type 1), one mean over every
 * real token and patch (caption padding excluded), then an MLP ({@code hidden} = Linear + ReLU, {@code head} =
 * Linear). Nothing mixes tokens before the mean, so it sees a bag of (content + position) vectors: the sum of
 * the caption's word vectors and of the patches' vectors. On {@link dojo.models.data.GlyphCaptions} that sum is
 * the same for a caption and its swapped twin, and for an image and its swapped twin, whatever the weights, so
 * it answers each minimal pair the same way: exactly half right.
 */
public final class BagOfTokensAndPatchesBaseline extends MultimodalClassifierModel {

    private final MultimodalClassifierConfig config;
    private final Embedding textEmbedding;
    private final Embedding textPosition;
    private final Conv2d patchEmbed;
    private final Embedding patchPosition;
    private final Embedding tokenType;
    private final Linear hidden;
    private final Linear head;

    public BagOfTokensAndPatchesBaseline(MultimodalClassifierConfig c, int hiddenSize, Generator g) {
        this.config = c;
        int d = c.dModel();
        int p = c.patchSize();
        this.textEmbedding = registerModule("text_embedding", new Embedding(c.vocab(), d, TokenBatch.PAD, g));
        this.textPosition = registerModule("text_position", new Embedding(c.maxTextLength(), d, g));
        this.patchEmbed = registerModule("patch_embed", new Conv2d(c.channels(), d, new int[] {p, p}, new int[] {p, p},
                new int[] {0, 0}, new int[] {1, 1}, true, g));
        this.patchPosition = registerModule("patch_position", new Embedding(c.patches(), d, g));
        this.tokenType = registerModule("token_type", new Embedding(2, d, g));
        this.hidden = registerModule("hidden", new Linear(d, hiddenSize, g));
        this.head = registerModule("head", new Linear(hiddenSize, c.classes(), g));
    }

    @Override
    public Tensor forward(CaptionImageBatch batch) {
        int b = batch.batch();
        int l = batch.text().length();
        Tensor text = textEmbedding.forward(batch.text().ids(), b, l)
                .add(textPosition.weight().narrow(0, 0, l)).add(tokenType.weight().select(0, TEXT_TYPE));
        Tensor patches = patchEmbed.forward(batch.images()).flatten(2, 3).transpose(1, 2)
                .add(patchPosition.weight()).add(tokenType.weight().select(0, IMAGE_TYPE));
        Tensor x = Tensor.cat(1, text, patches);                                   // [B, L + P, d]
        Tensor keep = Tensor.cat(1, batch.text().keepMask(), Tensor.ones(b, config.patches(), 1));
        return head.forward(hidden.forward(Pooling.maskedMean(x, keep)).relu());
    }
}
