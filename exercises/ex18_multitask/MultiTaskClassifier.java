package ex18_multitask;

import dojo.exercise.api.MultiTaskBatch;
import dojo.exercise.api.MultiTaskConfig;
import dojo.exercise.api.MultiTaskLogits;
import dojo.exercise.api.MultiTaskModel;
import dojo.exercise.api.NotImplementedYet;
import dojo.tensor.Generator;
import dojo.tensor.Tensor;

/**
 * Exercise ex18: the original interview document's MultiTaskClassifier, corrected. ONE shared encoder and TWO
 * task heads, trained on a weighted sum of two cross-entropies.
 *
 * <pre>
 *   ids [B, L] --embedding (padding_idx 0) + position--> [B, L, d] --encoder(key padding mask)--> [B, L, d]
 *       --masked mean (real tokens only)--> z [B, d] --+--> head_a: fc2(relu(fc1(z))) [B, classesA]
 *                                                      +--> head_b: fc2(relu(fc1(z))) [B, classesB]
 *   loss = weightA * CE(head_a, labelsA) + weightB * CE(head_b, labelsB)        (a SUM, not normalised)
 * </pre>
 *
 * The trap (the original's own bug): fc1 then fc2 with nothing between them is ONE linear map, and ONE head.
 * Each task gets its own fc1 -> ReLU -> fc2, both reading the same z.
 *
 * Library pieces: dojo.nn.Embedding(vocab, d, MultiTaskBatch.PAD, g), LearnedPositionalEncoding(maxLen, d, g),
 * TransformerEncoder(TransformerEncoderLayer.Options.of(d, heads).dimFeedforward(ff).dropout(0.0), layers, false, g),
 * Linear(in, out, g), AttentionMasks.none().withKeyPadding(batch.paddingMask()), Functional.crossEntropy(logits, labels).
 * Register every child with registerModule(name, module) under PyTorch's names (see MultiTaskModel's javadoc):
 * embedding, position, encoder, head_a (fc1, fc2), head_b (fc1, fc2), in that order.
 *
 * Run: {@code ./dojo grade ex18_multitask} or {@code mvn test}; train: {@code ./dojo train multitask-classifier --tree exercises}.
 * Instructions: README.md next to this file.
 */
public class MultiTaskClassifier extends MultiTaskModel {

    public MultiTaskClassifier(MultiTaskConfig config, Generator generator) {
        throw new NotImplementedYet();
    }

    /** Masked mean of the encoder output over real tokens: [B, d]. */
    @Override
    public Tensor encode(MultiTaskBatch batch) {
        throw new NotImplementedYet();
    }

    /** head_a and head_b on the same encode(batch): [B, classesA] and [B, classesB]. */
    @Override
    public MultiTaskLogits forward(MultiTaskBatch batch) {
        throw new NotImplementedYet();
    }

    /** weightA * CE(task A) + weightB * CE(task B). */
    @Override
    public Tensor loss(MultiTaskBatch batch) {
        throw new NotImplementedYet();
    }
}
