package dojo.exercise.api;

import dojo.nn.Module;
import dojo.tensor.Tensor;

/**
 * The corrected multimodal sentiment model of the original interview document (C10), fusing caption
 * and image by cross-attention: every caption token looks at the image patches. It equals this PyTorch
 * module (float64, dropout 0), with the same state_dict names:
 * <pre>
 * class MultimodalSentiment(nn.Module):
 *     def __init__(s, c):                                   # c: MultimodalSentimentConfig
 *         layer = lambda: nn.TransformerEncoderLayer(c.d_model, c.heads, c.feed_forward, 0.0, batch_first=True)
 *         s.token_embedding = nn.Embedding(c.vocab, c.d_model, padding_idx=0)
 *         s.text_position = nn.Embedding(c.max_text_len, c.d_model)
 *         s.text_encoder = nn.TransformerEncoder(layer(), c.text_layers)
 *         s.patch_embed = nn.Conv2d(c.channels, c.d_model, c.patch_size, stride=c.patch_size)
 *         s.image_position = nn.Embedding(c.patches, c.d_model)
 *         s.image_encoder = nn.TransformerEncoder(layer(), c.image_layers)
 *         s.cross_attn = nn.MultiheadAttention(c.d_model, c.heads, batch_first=True)
 *         s.cross_norm = nn.LayerNorm(c.d_model)
 *         s.linear1 = nn.Linear(c.d_model, c.feed_forward)
 *         s.linear2 = nn.Linear(c.feed_forward, c.d_model)
 *         s.ff_norm = nn.LayerNorm(c.d_model)
 *         s.head = nn.Linear(c.d_model, c.classes)
 *
 *     def forward(s, ids, images):                          # ids [B, L] (0 = padding), images [B, C, H, W]
 *         pad = ids == 0                                    # [B, L]
 *         t = s.token_embedding(ids) + s.text_position.weight[:ids.size(1)]
 *         t = s.text_encoder(t, src_key_padding_mask=pad)   # [B, L, E]
 *         p = s.patch_embed(images).flatten(2).transpose(1, 2)   # [B, P, E], patches row-major
 *         p = s.image_encoder(p + s.image_position.weight)  # [B, P, E]
 *         a, w = s.cross_attn(t, p, p, average_attn_weights=False)   # queries = text, keys/values = patches
 *         x = s.cross_norm(t + a)                           # w: [B, H, L, P]
 *         x = s.ff_norm(x + s.linear2(F.relu(s.linear1(x))))
 *         keep = (~pad).unsqueeze(-1).double()              # [B, L, 1]
 *         pooled = (x * keep).sum(1) / keep.sum(1).clamp(min=1)   # mean over real tokens only
 *         return s.head(pooled), w                          # [B, classes], one row per example
 * </pre>
 * Shapes: E = dModel, L = the batch's caption length (at most maxTextLen), P = (imageSize/patchSize)^2.
 * Padding never changes a logit (text keys are masked in the text encoder; padded query rows are left
 * out of the mean). The images have no padding, so the cross-attention has no mask: each caption
 * token's weights over the P patches sum to 1 in every head.
 *
 * <p>Errors: {@link IllegalArgumentException} naming the shapes when the images are not
 * [B, channels, imageSize, imageSize], when L exceeds maxTextLen, or a token id is outside 0..vocab-1.
 */
public abstract class MultimodalSentimentModel extends Module {

    /** The logits [B, classes] and, when asked for, the cross-attention weights [B, heads, L, P] (else null). */
    public record Output(Tensor logits, Tensor crossAttention) {
    }

    /**
     * Runs the model on a batch; with {@code needWeights} also returns the per-head cross-attention
     * weights of {@code cross_attn} (caption tokens over image patches).
     */
    public abstract Output forward(SentimentBatch batch, boolean needWeights);

    /** The logits [B, classes] of {@link #forward(SentimentBatch, boolean)}. */
    public final Tensor forward(SentimentBatch batch) {
        return forward(batch, false).logits();
    }
}
