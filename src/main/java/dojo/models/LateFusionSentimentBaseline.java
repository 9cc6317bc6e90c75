package dojo.models;

import dojo.exercise.api.MultimodalSentimentConfig;
import dojo.exercise.api.MultimodalSentimentModel;
import dojo.exercise.api.SentimentBatch;
import dojo.nn.Conv2d;
import dojo.nn.Embedding;
import dojo.nn.LearnedPositionalEncoding;
import dojo.nn.Linear;
import dojo.tensor.Generator;
import dojo.tensor.Tensor;

/**
 * The no-attention baseline of the multimodal sentiment experiment: late fusion. The caption is the
 * masked mean of its token + position embeddings, the image the mean of its patch embeddings (the same
 * strided conv as the reference) + patch positions; the two [B, E] vectors are concatenated and an MLP
 * ({@code hidden} Linear(2E, hidden) + ReLU, {@code head} Linear(hidden, classes)) classifies them. Nothing
 * mixes a word with a patch before the pooling: the model sees which words and which shapes occur, not
 * which word refers to which patch nor where that patch is. No cross-attention weights ({@code null}).
 */
public final class LateFusionSentimentBaseline extends MultimodalSentimentModel {

    private final MultimodalSentimentConfig config;
    private final Embedding tokenEmbedding;
    private final LearnedPositionalEncoding textPosition;
    private final Conv2d patchEmbed;
    private final LearnedPositionalEncoding imagePosition;
    private final Linear hidden;
    private final Linear head;

    public LateFusionSentimentBaseline(MultimodalSentimentConfig c, int hiddenSize, Generator g) {
        this.config = c;
        int e = c.dModel();
        int p = c.patchSize();
        this.tokenEmbedding = registerModule("token_embedding", new Embedding(c.vocab(), e, SentimentBatch.PAD, g));
        this.textPosition = registerModule("text_position", new LearnedPositionalEncoding(c.maxTextLen(), e, g));
        this.patchEmbed = registerModule("patch_embed", new Conv2d(c.channels(), e, new int[] {p, p}, new int[] {p, p},
                new int[] {0, 0}, new int[] {1, 1}, true, g));
        this.imagePosition = registerModule("image_position", new LearnedPositionalEncoding(c.patches(), e, g));
        this.hidden = registerModule("hidden", new Linear(2 * e, hiddenSize, g));
        this.head = registerModule("head", new Linear(hiddenSize, c.classes(), g));
    }

    public MultimodalSentimentConfig config() {
        return config;
    }

    @Override
    public Output forward(SentimentBatch batch, boolean needWeights) {
        Tensor text = textPosition.forward(tokenEmbedding.forward(batch.ids(), batch.batch(), batch.length()));
        Tensor caption = Pooling.maskedMean(text, batch.keepMask());                             // [B, E]
        Tensor patches = imagePosition.forward(patchEmbed.forward(batch.images()).flatten(2, 3).transpose(1, 2));
        Tensor image = patches.mean(1, false);                                                 // [B, E]
        Tensor fused = Tensor.cat(1, caption, image);                                           // [B, 2E]
        return new Output(head.forward(hidden.forward(fused).relu()), null);
    }
}
