package dojo.models;

import dojo.exercise.api.TokenBatch;
import dojo.exercise.api.RetrieverConfig;
import dojo.exercise.api.RetrieverModel;
import dojo.nn.Conv2d;
import dojo.nn.Embedding;
import dojo.nn.LearnedPositionalEncoding;
import dojo.nn.Linear;
import dojo.tensor.Generator;
import dojo.tensor.Tensor;

/**
 * The retrieval baseline: the same inputs as the dual encoder of ex17 (patch convolution + positions; token
 * + position embeddings), but no token mixing: each tower takes the mean of its embeddings (text: real
 * tokens only) and maps it through an MLP ({@code Linear(d, ff)}, ReLU, {@code Linear(ff, D)}) into the
 * shared space, L2-normalised; the same clamped logit scale, trained with the same symmetric InfoNCE loss.
 * A mean of (content + position) keeps which contents and which positions occur, not which content is
 * where: a caption and its hard negative get the same embedding, and so do their images.
 */
public final class MeanPooledDualEncoder extends RetrieverModel {

    private final RetrieverConfig config;
    private final Conv2d patchEmbed;
    private final LearnedPositionalEncoding imagePosition;
    private final Linear imageHidden, imageOut;
    private final Embedding embedding;
    private final LearnedPositionalEncoding textPosition;
    private final Linear textHidden, textOut;
    private final Tensor logitScale;

    public MeanPooledDualEncoder(RetrieverConfig c, Generator g) {
        this.config = c;
        int p = c.patch();
        this.patchEmbed = registerModule("patch_embed", new Conv2d(c.channels(), c.dModel(), new int[] {p, p}, new int[] {p, p},
                new int[] {0, 0}, new int[] {1, 1}, true, g));
        this.imagePosition = registerModule("image_position", new LearnedPositionalEncoding(c.patches(), c.dModel(), g));
        this.imageHidden = registerModule("image_hidden", new Linear(c.dModel(), c.feedForward(), g));
        this.imageOut = registerModule("image_out", new Linear(c.feedForward(), c.embedDim(), g));
        this.embedding = registerModule("embedding", new Embedding(c.vocab(), c.dModel(), TokenBatch.PAD, g));
        this.textPosition = registerModule("text_position", new LearnedPositionalEncoding(c.maxTextLen(), c.dModel(), g));
        this.textHidden = registerModule("text_hidden", new Linear(c.dModel(), c.feedForward(), g));
        this.textOut = registerModule("text_out", new Linear(c.feedForward(), c.embedDim(), g));
        this.logitScale = registerParameter("logit_scale", Tensor.scalar(Math.log(1 / INITIAL_TEMPERATURE)));
    }

    @Override
    public Tensor encodeImages(Tensor images) {
        Tensor tokens = imagePosition.forward(patchEmbed.forward(images).flatten(2, 3).transpose(1, 2));
        return normalize(imageOut.forward(imageHidden.forward(tokens.mean(1, false)).relu()));
    }

    @Override
    public Tensor encodeTexts(TokenBatch b) {
        Tensor x = textPosition.forward(embedding.forward(b.ids(), b.batch(), b.length()));
        return normalize(textOut.forward(textHidden.forward(Pooling.maskedMean(x, b.keepMask())).relu()));
    }

    @Override
    public Tensor logitScale() {
        Tensor scale = logitScale.exp();
        return scale.item() > MAX_SCALE ? scale.mul(0).add(MAX_SCALE) : scale;
    }

    @Override
    public Tensor contrastiveLoss(Tensor logitsPerImage) {
        return Retrieval.symmetricInfoNce(logitsPerImage);
    }

    @Override
    public double recallAtK(Tensor scores, int k) {
        return Retrieval.recallAtK(scores, k);
    }

    public RetrieverConfig config() {
        return config;
    }

    private static Tensor normalize(Tensor e) {
        return e.div(e.mul(e).sum(-1, true).sqrt());
    }

}
