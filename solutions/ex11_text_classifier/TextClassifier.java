package ex11_text_classifier;

import dojo.exercise.api.TextClassifierConfig;
import dojo.exercise.api.TextClassifierModel;
import dojo.exercise.api.TokenBatch;
import dojo.nn.AttentionMasks;
import dojo.nn.Embedding;
import dojo.nn.LearnedPositionalEncoding;
import dojo.nn.Linear;
import dojo.nn.TransformerEncoder;
import dojo.nn.TransformerEncoderLayer;
import dojo.tensor.Generator;
import dojo.tensor.Tensor;

/**
 * Model answer for ex11: the original document's C2, corrected. What it got wrong, and the fix here:
 * <ol>
 *   <li>no pooling: it returned one row of logits per TOKEN ([B, L, C]), which CrossEntropy with [B]
 *       labels rejects. Fix: pool the encoder output to one vector per sequence, then the head;</li>
 *   <li>no padding mask: padded positions were attended to and averaged in, so the same sentence padded
 *       to another length got other logits. Fix: key-padding mask in every layer and a mean over real
 *       tokens only;</li>
 *   <li>no positions: attention is permutation-equivariant, so "1 2 3" and "3 2 1" looked alike. Fix:
 *       learned position embeddings added to the token embeddings;</li>
 *   <li>an fc layer sized {@code embed_size * 8}, which fits one sequence length only. Fix: the head
 *       takes the pooled [B, E] vector, whatever the length.</li>
 * </ol>
 */
public class TextClassifier extends TextClassifierModel {

    private final TextClassifierConfig config;
    private final Embedding embedding;
    private final LearnedPositionalEncoding position;
    private final TransformerEncoder encoder;
    private final Linear head;

    public TextClassifier(TextClassifierConfig c, Generator g) {
        this.config = c;
        // registration order = PyTorch's __init__ order, so parameters() lines up with the state_dict
        this.embedding = registerModule("embedding", new Embedding(c.vocab(), c.dModel(), TokenBatch.PAD, g));
        this.position = registerModule("position", new LearnedPositionalEncoding(c.maxLen(), c.dModel(), g));
        var layer = TransformerEncoderLayer.Options.of(c.dModel(), c.heads()).dimFeedforward(c.feedForward()).dropout(0.0);
        this.encoder = registerModule("encoder", new TransformerEncoder(layer, c.layers(), false, g));
        this.head = registerModule("head", new Linear(c.dModel(), c.classes(), g));
    }

    @Override
    public Tensor forward(TokenBatch b) {
        if (b.length() > config.maxLen()) {
            throw new IllegalArgumentException("batch length " + b.length() + " exceeds maxLen " + config.maxLen()
                    + ": the position table has no row for it");
        }
        Tensor x = position.forward(embedding.forward(b.ids(), b.batch(), b.length()));      // [B, L, E]
        Tensor h = encoder.forward(x, AttentionMasks.none().withKeyPadding(b.paddingMask()));  // padding never attended to
        Tensor keep = b.keepMask();                                                           // [B, L, 1], 1 = real token
        Tensor counts = keep.sum(1, false);                                                   // [B, 1] real tokens per row
        counts = counts.maskedFill(counts.eq(0), 1);                                          // an all-padding row divides by 1, not 0
        Tensor pooled = h.mul(keep).sum(1, false).div(counts);                                // [B, E]: mean over real tokens
        return head.forward(pooled);                                                          // [B, classes]
    }
}
