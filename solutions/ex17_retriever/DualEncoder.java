package ex17_retriever;

import dojo.exercise.api.RetrieverConfig;
import dojo.exercise.api.RetrieverModel;
import dojo.exercise.api.TokenBatch;
import dojo.nn.AttentionMasks;
import dojo.nn.Conv2d;
import dojo.nn.Embedding;
import dojo.nn.LearnedPositionalEncoding;
import dojo.nn.Linear;
import dojo.nn.Module;
import dojo.nn.TransformerEncoder;
import dojo.nn.TransformerEncoderLayer;
import dojo.tensor.Functional;
import dojo.tensor.Generator;
import dojo.tensor.Tensor;
import java.util.Arrays;

/**
 * A CLIP-style dual encoder: two towers that never see each other's input, one embedding space, cosine
 * similarity times a learned scale, and the symmetric InfoNCE loss.
 *
 * Why not the original interview document's CrossModalRetriever? It concatenates image and text features
 * and classifies the pair. Retrieval ranks a whole gallery: with a pair classifier every query costs one
 * forward pass per gallery item, and nothing is learned about an image on its own. Two encoders give each
 * image and each caption one vector (computed once, indexable); a dot product scores any pair.
 *
 * The traps: normalise the embeddings (otherwise the scale is not a temperature and the norm games the
 * loss); multiply by the scale (= divide by the temperature), clamped at 100; use the loss in BOTH
 * directions (rows: image -> captions, columns: caption -> images); pool text over real tokens only;
 * count a tie in recall@k against the query.
 *
 * Grade: mvn test -Dtest='Retriever*Test' (or ./dojo grade ex17_retriever); train: ./dojo train retriever --tree exercises
 */
public class DualEncoder extends RetrieverModel {

    private final RetrieverConfig config;
    private final ImageEncoder image;
    private final TextEncoder text;
    private final Tensor logitScale;

    public DualEncoder(RetrieverConfig c, Generator g) {
        this.config = c;
        this.image = registerModule("image", new ImageEncoder(c, g));
        this.text = registerModule("text", new TextEncoder(c, g));
        this.logitScale = registerParameter("logit_scale", Tensor.scalar(Math.log(1 / INITIAL_TEMPERATURE)));
    }

    @Override
    public Tensor encodeImages(Tensor images) {
        int s = config.imageSize();
        if (images.dim() != 4 || images.size(1) != config.channels() || images.size(2) != s || images.size(3) != s) {
            throw new IllegalArgumentException("images must be [B, " + config.channels() + ", " + s + ", " + s + "], shape is "
                    + Arrays.toString(images.shape()));
        }
        return normalize(image.forward(images));
    }

    @Override
    public Tensor encodeTexts(TokenBatch captions) {
        if (captions.length() > config.maxTextLen()) {
            throw new IllegalArgumentException("captions of length " + captions.length() + " do not fit maxTextLen " + config.maxTextLen()
                    + " (ids [" + captions.batch() + ", " + captions.length() + "])");
        }
        for (int id : captions.ids()) {
            if (id < 0 || id >= config.vocab()) {
                throw new IllegalArgumentException("token id " + id + " is outside 0.." + (config.vocab() - 1));
            }
        }
        return normalize(text.forward(captions));
    }

    @Override
    public Tensor logitScale() {
        // exp(logit_scale) multiplies the cosines: a large scale = a low temperature = a sharp softmax.
        // Past 100 the constant takes over: 0 * scale + 100 stays in the graph, so logit_scale gets a zero
        // gradient there, as torch.clamp gives.
        Tensor scale = logitScale.exp();
        return scale.item() > MAX_SCALE ? scale.mul(0).add(MAX_SCALE) : scale;
    }

    @Override
    public Tensor contrastiveLoss(Tensor logitsPerImage) {
        if (logitsPerImage.dim() != 2 || logitsPerImage.size(0) != logitsPerImage.size(1) || logitsPerImage.size(0) < 1) {
            throw new IllegalArgumentException("logits must be square [N, N] (image i matches caption i), shape is "
                    + Arrays.toString(logitsPerImage.shape()));
        }
        int[] target = new int[logitsPerImage.size(0)];
        for (int i = 0; i < target.length; i++) target[i] = i;
        Tensor imageToText = Functional.crossEntropy(logitsPerImage, target);        // each image picks its caption
        Tensor textToImage = Functional.crossEntropy(logitsPerImage.t(), target);    // each caption picks its image
        return imageToText.add(textToImage).div(2);
    }

    @Override
    public double recallAtK(Tensor scores, int k) {
        if (scores.dim() != 2 || scores.size(0) != scores.size(1) || scores.size(0) < 1) {
            throw new IllegalArgumentException("scores must be square [N, N] (query i's match is item i), shape is "
                    + Arrays.toString(scores.shape()));
        }
        if (k < 1) throw new IllegalArgumentException("k must be at least 1, was " + k);
        int n = scores.size(0);
        double[][] s = scores.toMatrix();
        int hits = 0;
        for (int i = 0; i < n; i++) {
            int above = 0;                                   // wrong items scoring at least as high as the right one
            for (int j = 0; j < n; j++) {
                if (j != i && s[i][j] >= s[i][i]) above++;
            }
            if (above < k) hits++;
        }
        return (double) hits / n;
    }

    private static Tensor normalize(Tensor e) {
        return e.div(e.mul(e).sum(-1, true).sqrt());
    }

    /** Patches (strided convolution) + positions + encoder + mean over patches + projection. */
    static final class ImageEncoder extends Module {
        private final Conv2d patchEmbed;
        private final LearnedPositionalEncoding position;
        private final TransformerEncoder encoder;
        private final Linear proj;

        ImageEncoder(RetrieverConfig c, Generator g) {
            int p = c.patch();
            this.patchEmbed = registerModule("patch_embed", new Conv2d(c.channels(), c.dModel(), new int[] {p, p}, new int[] {p, p},
                    new int[] {0, 0}, new int[] {1, 1}, true, g));
            this.position = registerModule("position", new LearnedPositionalEncoding(c.patches(), c.dModel(), g));
            this.encoder = registerModule("encoder", new TransformerEncoder(layer(c), c.layers(), false, g));
            this.proj = registerModule("proj", new Linear(c.dModel(), c.embedDim(), false, g));
        }

        Tensor forward(Tensor images) {
            Tensor tokens = patchEmbed.forward(images).flatten(2, 3).transpose(1, 2);   // [B, N, d], patches row-major
            Tensor h = encoder.forward(position.forward(tokens), AttentionMasks.none());
            return proj.forward(h.mean(1, false));                                        // [B, D]
        }
    }

    /** Tokens + positions + encoder with key padding + mean over real tokens + projection. */
    static final class TextEncoder extends Module {
        private final Embedding embedding;
        private final LearnedPositionalEncoding position;
        private final TransformerEncoder encoder;
        private final Linear proj;

        TextEncoder(RetrieverConfig c, Generator g) {
            this.embedding = registerModule("embedding", new Embedding(c.vocab(), c.dModel(), TokenBatch.PAD, g));
            this.position = registerModule("position", new LearnedPositionalEncoding(c.maxTextLen(), c.dModel(), g));
            this.encoder = registerModule("encoder", new TransformerEncoder(layer(c), c.layers(), false, g));
            this.proj = registerModule("proj", new Linear(c.dModel(), c.embedDim(), false, g));
        }

        Tensor forward(TokenBatch b) {
            Tensor x = position.forward(embedding.forward(b.ids(), b.batch(), b.length()));    // [B, L, d]
            Tensor h = encoder.forward(x, AttentionMasks.none().withKeyPadding(b.paddingMask()));
            Tensor keep = b.keepMask();                                                      // [B, L, 1], 0 on padding
            Tensor counts = keep.sum(1, false);                                              // [B, 1]
            double[] c = counts.toArray();
            for (int i = 0; i < c.length; i++) c[i] = Math.max(c[i], 1);                    // clamp(min=1)
            return proj.forward(h.mul(keep).sum(1, false).div(Tensor.of(c, counts.shape())));
        }
    }

    private static TransformerEncoderLayer.Options layer(RetrieverConfig c) {
        return TransformerEncoderLayer.Options.of(c.dModel(), c.heads()).dimFeedforward(c.feedForward()).dropout(0.0);
    }
}
