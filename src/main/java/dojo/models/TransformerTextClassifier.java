package dojo.models;

import dojo.nn.AttentionMasks;
import dojo.nn.Embedding;
import dojo.nn.LearnedPositionalEncoding;
import dojo.nn.Linear;
import dojo.nn.Module;
import dojo.nn.TransformerEncoder;
import dojo.nn.TransformerEncoderLayer;
import dojo.tensor.Generator;
import dojo.tensor.Tensor;

/**
 * The corrected seed text classifier (C2): token embedding (padding row 0) + learned positions +
 * {@code TransformerEncoder} with a key-padding mask + masked mean pooling (padding excluded) + a linear
 * head. State dict names are those of the PyTorch module
 * <pre>
 * class TextClassifier(nn.Module):
 *     def __init__(s, vocab, d, heads, ff, layers, max_len, classes):
 *         s.embedding = nn.Embedding(vocab, d, padding_idx=0)
 *         s.position = nn.Embedding(max_len, d)
 *         s.encoder = nn.TransformerEncoder(nn.TransformerEncoderLayer(d, heads, ff, 0.0, batch_first=True), layers)
 *         s.head = nn.Linear(d, classes)
 * </pre>
 * i.e. {@code embedding.weight}, {@code position.weight}, {@code encoder.layers.N.*}, {@code head.*}.
 */
public final class TransformerTextClassifier extends Module implements TokenClassifier {

    /** Sizes of the model. */
    public record Config(int vocab, int dModel, int heads, int feedForward, int layers, int maxLen, int classes, double dropout) {
    }

    private final Config config;
    private final Embedding embedding;
    private final LearnedPositionalEncoding position;
    private final TransformerEncoder encoder;
    private final Linear head;

    public TransformerTextClassifier(Config c, Generator g) {
        this.config = c;
        this.embedding = registerModule("embedding", new Embedding(c.vocab(), c.dModel(), TokenBatch.PAD, g));
        this.position = registerModule("position", new LearnedPositionalEncoding(c.maxLen(), c.dModel(), g));
        var layer = TransformerEncoderLayer.Options.of(c.dModel(), c.heads()).dimFeedforward(c.feedForward()).dropout(c.dropout());
        this.encoder = registerModule("encoder", new TransformerEncoder(layer, c.layers(), false, g));
        this.head = registerModule("head", new Linear(c.dModel(), c.classes(), g));
    }

    public Config config() {
        return config;
    }

    @Override
    public Tensor forward(TokenBatch b) {
        Tensor x = position.forward(embedding.forward(b.ids(), b.batch(), b.length()));   // [B, L, d]
        Tensor h = encoder.forward(x, AttentionMasks.none().withKeyPadding(b.paddingMask()));
        return head.forward(Pooling.maskedMean(h, b.keepMask()));                         // [B, classes]
    }
}
