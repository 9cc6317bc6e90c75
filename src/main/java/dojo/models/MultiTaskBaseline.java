package dojo.models;

import dojo.exercise.api.MultiTaskBatch;
import dojo.exercise.api.MultiTaskConfig;
import dojo.exercise.api.MultiTaskLogits;
import dojo.exercise.api.MultiTaskModel;
import dojo.nn.Embedding;
import dojo.nn.LearnedPositionalEncoding;
import dojo.nn.Linear;
import dojo.nn.Module;
import dojo.tensor.Functional;
import dojo.tensor.Generator;
import dojo.tensor.Tensor;

/**
 * The no-attention baseline of the multi-task classifier: the same token and position embeddings, masked
 * mean pooling, a shared MLP trunk ({@code trunk}: Linear(d, feedForward) + ReLU + Linear(feedForward, d) + ReLU,
 * in place of the encoder's token mixing), and the same two heads and weighted loss as the exercise. The mean of
 * (token + position) vectors is the bag of tokens plus a function of the length: it cannot tell which token
 * is last, so on {@link dojo.models.data.LastTokenRelations} it stays at chance.
 */
public final class MultiTaskBaseline extends MultiTaskModel {

    private static final class Head extends Module {
        private final Linear fc1;
        private final Linear fc2;

        Head(int d, int hidden, int classes, Generator g) {
            this.fc1 = registerModule("fc1", new Linear(d, hidden, g));
            this.fc2 = registerModule("fc2", new Linear(hidden, classes, g));
        }

        Tensor forward(Tensor z) {
            return fc2.forward(fc1.forward(z).relu());
        }
    }

    private final MultiTaskConfig config;
    private final Embedding embedding;
    private final LearnedPositionalEncoding position;
    private final Linear trunk1;
    private final Linear trunk2;
    private final Head headA;
    private final Head headB;

    public MultiTaskBaseline(MultiTaskConfig c, Generator g) {
        this.config = c;
        this.embedding = registerModule("embedding", new Embedding(c.vocab(), c.dModel(), MultiTaskBatch.PAD, g));
        this.position = registerModule("position", new LearnedPositionalEncoding(c.maxLen(), c.dModel(), g));
        this.trunk1 = registerModule("trunk1", new Linear(c.dModel(), c.feedForward(), g));
        this.trunk2 = registerModule("trunk2", new Linear(c.feedForward(), c.dModel(), g));
        this.headA = registerModule("head_a", new Head(c.dModel(), c.headHidden(), c.classesA(), g));
        this.headB = registerModule("head_b", new Head(c.dModel(), c.headHidden(), c.classesB(), g));
    }

    @Override
    public Tensor encode(MultiTaskBatch b) {
        if (b.length() > config.maxLen()) throw new IllegalArgumentException("batch of length " + b.length() + " is longer than maxLen " + config.maxLen());
        Tensor x = position.forward(embedding.forward(b.ids(), b.batch(), b.length()));
        Tensor pooled = Pooling.maskedMean(x, b.keepMask());
        return trunk2.forward(trunk1.forward(pooled).relu()).relu();
    }

    @Override
    public MultiTaskLogits forward(MultiTaskBatch b) {
        Tensor z = encode(b);
        return new MultiTaskLogits(headA.forward(z), headB.forward(z));
    }

    @Override
    public Tensor loss(MultiTaskBatch b) {
        if (!b.labelled()) throw new IllegalArgumentException("loss needs labels: this batch of " + b.batch() + " has none");
        MultiTaskLogits out = forward(b);
        return Functional.crossEntropy(out.taskA(), b.labelsA()).mul(config.weightA())
                .add(Functional.crossEntropy(out.taskB(), b.labelsB()).mul(config.weightB()));
    }
}
