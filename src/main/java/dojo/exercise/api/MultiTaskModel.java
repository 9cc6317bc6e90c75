package dojo.exercise.api;

import dojo.nn.Module;
import dojo.tensor.Tensor;

/**
 * The multi-task classifier of exercise ex18_multitask (the original interview document's C9
 * {@code MultiTaskClassifier}, corrected): ONE shared encoder, TWO task heads on its pooled output, trained
 * on a weighted sum of the two cross-entropy losses. It equals this PyTorch module (float64, eval mode or
 * dropout 0), with the same state_dict names:
 * <pre>
 * class TaskHead(nn.Module):                       # the seed's fc1 -> fc2, WITH a nonlinearity, once per task
 *     def __init__(s, d, hidden, classes):
 *         super().__init__()
 *         s.fc1 = nn.Linear(d, hidden)
 *         s.fc2 = nn.Linear(hidden, classes)
 *     def forward(s, x):
 *         return s.fc2(torch.relu(s.fc1(x)))
 *
 * class MultiTaskClassifier(nn.Module):
 *     def __init__(s, c):                          # c: MultiTaskConfig
 *         super().__init__()
 *         s.weight_a, s.weight_b = c.weightA, c.weightB                  # plain floats, not parameters
 *         s.embedding = nn.Embedding(c.vocab, c.dModel, padding_idx=0)
 *         s.position = nn.Embedding(c.maxLen, c.dModel)                 # learned positions 0..L-1
 *         s.encoder = nn.TransformerEncoder(nn.TransformerEncoderLayer(c.dModel, c.heads, c.feedForward,
 *                         dropout=0.0, batch_first=True), c.layers)     # post-LN, ReLU
 *         s.head_a = TaskHead(c.dModel, c.headHidden, c.classesA)
 *         s.head_b = TaskHead(c.dModel, c.headHidden, c.classesB)
 *     def encode(s, ids):                          # ids [B, L], 0 = padding (right)
 *         pad = ids == 0
 *         x = s.embedding(ids) + s.position.weight[: ids.shape[1]]
 *         h = s.encoder(x, src_key_padding_mask=pad)                    # [B, L, d]
 *         keep = (~pad).unsqueeze(-1).double()
 *         return (h * keep).sum(1) / keep.sum(1).clamp(min=1)          # masked mean: [B, d]
 *     def forward(s, ids):
 *         z = s.encode(ids)
 *         return s.head_a(z), s.head_b(z)                              # [B, classesA], [B, classesB]
 *     def loss(s, ids, labels_a, labels_b):
 *         a, b = s.forward(ids)
 *         return s.weight_a * F.cross_entropy(a, labels_a) + s.weight_b * F.cross_entropy(b, labels_b)
 * </pre>
 * State dict keys: {@code embedding.weight} [vocab, d], {@code position.weight} [maxLen, d],
 * {@code encoder.layers.N.self_attn.in_proj_weight} ... {@code encoder.layers.N.norm2.bias} (those of
 * {@code dojo.nn.TransformerEncoder} without a final norm), {@code head_a.fc1.weight} [headHidden, d],
 * {@code head_a.fc1.bias}, {@code head_a.fc2.weight} [classesA, headHidden], {@code head_a.fc2.bias}, and the same
 * for {@code head_b} with classesB. Build it from the library ({@code dojo.nn.Embedding},
 * {@code LearnedPositionalEncoding}, {@code TransformerEncoder}, {@code Linear}) with {@code registerModule}.
 *
 * <p>Contract: every output has exactly one row per sequence (never one per token); padding never changes
 * an output (the key padding mask keeps it out of attention, the masked mean keeps it out of the pooling);
 * both heads read the same {@link #encode} output; {@link #loss} is the weighted SUM, not normalised by the
 * weights, so a weight of 0 gives that head no gradient and the encoder only the other task's.
 * Errors ({@link IllegalArgumentException}, naming the shape): a batch longer than {@code maxLen}, a token id
 * outside 0..vocab-1, {@link #loss} on a batch without labels or with a label outside its task's classes.
 */
public abstract class MultiTaskModel extends Module {

    protected MultiTaskModel() {
    }

    /** The shared representation: masked mean over the real positions of the encoder output, [batch, dModel]. */
    public abstract Tensor encode(MultiTaskBatch batch);

    /** Both heads on {@link #encode}: task A [batch, classesA], task B [batch, classesB]. */
    public abstract MultiTaskLogits forward(MultiTaskBatch batch);

    /** {@code weightA * mean CE(task A) + weightB * mean CE(task B)}, a scalar recorded for backward. */
    public abstract Tensor loss(MultiTaskBatch batch);
}
