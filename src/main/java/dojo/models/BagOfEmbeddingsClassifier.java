package dojo.models;

import dojo.exercise.api.TokenClassifier;
import dojo.exercise.api.TokenBatch;
import dojo.nn.Embedding;
import dojo.nn.LearnedPositionalEncoding;
import dojo.nn.Linear;
import dojo.nn.Module;
import dojo.tensor.Generator;
import dojo.tensor.Tensor;

/**
 * The no-attention baseline of the text classifier: the same token and position embeddings, masked mean
 * pooling, then an MLP ({@code hidden} = Linear + ReLU, {@code head} = Linear). Without token mixing
 * before the pooling it sees a bag of (token + position) vectors: it cannot compare one token with another.
 */
public final class BagOfEmbeddingsClassifier extends Module implements TokenClassifier {

    private final Embedding embedding;
    private final LearnedPositionalEncoding position;
    private final Linear hidden;
    private final Linear head;

    public BagOfEmbeddingsClassifier(int vocab, int dModel, int hiddenSize, int maxLen, int classes, Generator g) {
        this.embedding = registerModule("embedding", new Embedding(vocab, dModel, TokenBatch.PAD, g));
        this.position = registerModule("position", new LearnedPositionalEncoding(maxLen, dModel, g));
        this.hidden = registerModule("hidden", new Linear(dModel, hiddenSize, g));
        this.head = registerModule("head", new Linear(hiddenSize, classes, g));
    }

    @Override
    public Tensor forward(TokenBatch b) {
        Tensor x = position.forward(embedding.forward(b.ids(), b.batch(), b.length()));
        return head.forward(hidden.forward(Pooling.maskedMean(x, b.keepMask())).relu());
    }
}
