package ex18_multitask;

import dojo.exercise.api.MultiTaskBatch;
import dojo.exercise.api.MultiTaskConfig;
import dojo.exercise.api.MultiTaskLogits;
import dojo.exercise.api.MultiTaskModel;
import dojo.nn.AttentionMasks;
import dojo.nn.Embedding;
import dojo.nn.LearnedPositionalEncoding;
import dojo.nn.Linear;
import dojo.nn.Module;
import dojo.nn.TransformerEncoder;
import dojo.nn.TransformerEncoderLayer;
import dojo.tensor.Functional;
import dojo.tensor.Generator;
import dojo.tensor.Tensor;

/**
 * Exercise ex18: the original interview document's MultiTaskClassifier, corrected. One shared encoder
 * (token embedding with padding + learned positions + transformer encoder with a key padding mask + masked
 * mean pooling), two task heads on the pooled vector (each the seed's fc1 -> fc2 with a ReLU between), and
 * a training loss that is the weighted sum of the two cross-entropies.
 *
 * <pre>
 *   ids [B, L] --embedding + position--> [B, L, d] --encoder(key padding)--> [B, L, d]
 *       --masked mean--> z [B, d] --+--> head_a: fc2(relu(fc1(z))) [B, classesA]
 *                                   +--> head_b: fc2(relu(fc1(z))) [B, classesB]
 *   loss = weightA * CE(head_a, labelsA) + weightB * CE(head_b, labelsB)
 * </pre>
 *
 * Run: {@code ./dojo grade ex18_multitask} or {@code mvn test}; train: {@code ./dojo train multitask-classifier --tree exercises}.
 */
public class MultiTaskClassifier extends MultiTaskModel {

    /** One task's head: fc1 -> ReLU -> fc2. Without the ReLU, fc2(fc1(z)) collapses to ONE linear map (the seed's bug). */
    static final class TaskHead extends Module {
        private final Linear fc1;
        private final Linear fc2;

        TaskHead(int d, int hidden, int classes, Generator g) {
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
    private final TransformerEncoder encoder;
    private final TaskHead headA;
    private final TaskHead headB;

    public MultiTaskClassifier(MultiTaskConfig c, Generator g) {
        this.config = c;
        // registration order = PyTorch's __init__ order, so parameters() and the state dict list the same keys in the same order
        this.embedding = registerModule("embedding", new Embedding(c.vocab(), c.dModel(), MultiTaskBatch.PAD, g));
        this.position = registerModule("position", new LearnedPositionalEncoding(c.maxLen(), c.dModel(), g));
        var layer = TransformerEncoderLayer.Options.of(c.dModel(), c.heads()).dimFeedforward(c.feedForward()).dropout(0.0);
        this.encoder = registerModule("encoder", new TransformerEncoder(layer, c.layers(), false, g));
        this.headA = registerModule("head_a", new TaskHead(c.dModel(), c.headHidden(), c.classesA(), g));
        this.headB = registerModule("head_b", new TaskHead(c.dModel(), c.headHidden(), c.classesB(), g));
    }

    @Override
    public Tensor encode(MultiTaskBatch b) {
        if (b.length() > config.maxLen()) {
            throw new IllegalArgumentException("batch of length " + b.length() + " is longer than maxLen " + config.maxLen());
        }
        int[] ids = b.ids();
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] < 0 || ids[i] >= config.vocab()) {
                throw new IllegalArgumentException("token id " + ids[i] + " at [" + i / b.length() + ", " + i % b.length()
                        + "] is outside 0.." + (config.vocab() - 1));
            }
        }
        Tensor x = position.forward(embedding.forward(ids, b.batch(), b.length()));         // [B, L, d]
        // padding is a KEY no query may attend to; padded query rows are computed but never used
        Tensor h = encoder.forward(x, AttentionMasks.none().withKeyPadding(b.paddingMask())); // [B, L, d]
        Tensor keep = b.keepMask();                                                          // [B, L, 1], 1 = real token
        Tensor counts = keep.sum(1, false);                                                  // [B, 1], >= 1 (no empty sequences)
        return h.mul(keep).sum(1, false).div(counts);                                        // [B, d]: padding excluded
    }

    @Override
    public MultiTaskLogits forward(MultiTaskBatch b) {
        Tensor z = encode(b);                                                                // ONE shared representation
        return new MultiTaskLogits(headA.forward(z), headB.forward(z));                      // [B, classesA], [B, classesB]
    }

    @Override
    public Tensor loss(MultiTaskBatch b) {
        if (!b.labelled()) throw new IllegalArgumentException("loss needs labels: this batch of " + b.batch() + " has none");
        checkLabels("labelsA", b.labelsA(), config.classesA());
        checkLabels("labelsB", b.labelsB(), config.classesB());
        MultiTaskLogits out = forward(b);
        Tensor lossA = Functional.crossEntropy(out.taskA(), b.labelsA());                   // mean over the batch
        Tensor lossB = Functional.crossEntropy(out.taskB(), b.labelsB());
        // a weighted SUM: dividing by (weightA + weightB) would rescale the learning rate, not the balance
        return lossA.mul(config.weightA()).add(lossB.mul(config.weightB()));
    }

    private static void checkLabels(String name, int[] labels, int classes) {
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException(name + "[" + i + "] = " + labels[i] + " is not a class of 0.." + (classes - 1));
            }
        }
    }
}
