package dojo.exercise.api;

import dojo.nn.Module;
import dojo.tensor.Tensor;

/**
 * The corrected text classifier of the original interview document's code answer C2 (exercise
 * ex11_text_classifier), equal to this PyTorch module (post-LN layers, ReLU, dropout 0):
 * <pre>
 * class TextClassifier(nn.Module):
 *     def __init__(s, c):
 *         super().__init__()
 *         s.embedding = nn.Embedding(c.vocab, c.d_model, padding_idx=0)
 *         s.position = nn.Embedding(c.max_len, c.d_model)            # learned positions 0..L-1
 *         layer = nn.TransformerEncoderLayer(c.d_model, c.heads, c.feed_forward, 0.0, batch_first=True)
 *         s.encoder = nn.TransformerEncoder(layer, c.layers, enable_nested_tensor=False)
 *         s.head = nn.Linear(c.d_model, c.classes)
 *     def forward(s, ids):                                           # ids [B, L], 0 = padding
 *         pad = ids == 0
 *         x = s.embedding(ids) + s.position.weight[:ids.shape[1]]
 *         h = s.encoder(x, src_key_padding_mask=pad)                 # [B, L, E]
 *         keep = (~pad).unsqueeze(-1).double()
 *         pooled = (h * keep).sum(1) / keep.sum(1).clamp(min=1)      # masked mean: [B, E]
 *         return s.head(pooled)                                      # [B, classes]
 * </pre>
 * State dict names are those above ({@code embedding.weight} [vocab, E], {@code position.weight} [maxLen, E],
 * {@code encoder.layers.N.self_attn.in_proj_weight}, ..., {@code head.weight} [classes, E], {@code head.bias}).
 * {@link #forward} gives one row of logits per sequence; padding (id 0) is ignored by every query and by the
 * pooling, so extra padding changes no logit. A batch longer than {@code maxLen} throws
 * {@link IllegalArgumentException} naming both lengths.
 */
public abstract class TextClassifierModel extends Module implements TokenClassifier {

    /** Logits [B, classes] for the batch's sequences. */
    @Override
    public abstract Tensor forward(TokenBatch batch);
}
