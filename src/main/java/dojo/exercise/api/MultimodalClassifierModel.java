package dojo.exercise.api;

import dojo.nn.Module;
import dojo.tensor.Tensor;

/**
 * The single-stream multimodal classifier of exercise ex13_multimodal_classifier (the original interview
 * document's C4 {@code MultiModalClassifier}, corrected): caption tokens and image patches become ONE sequence
 * that one transformer encoder reads, so every layer can attend from words to patches and back.
 *
 * <pre>
 *   text:   ids [B, L] (0 = padding)
 *           t = text_embedding(ids) + text_position.weight[:L] + token_type.weight[0]           [B, L, d]
 *   image:  images [B, C, H, W]
 *           p = patch_embed(images)                     Conv2d(C, d, kernel = stride = patch)   [B, d, g, g]
 *               .flatten(2).transpose(1, 2)             patch k = row k / g, column k % g        [B, P, d]  (P = g*g)
 *               + patch_position.weight + token_type.weight[1]                                   [B, P, d]
 *   one stream:  x = cat([t, p], dim = 1)                                                        [B, L + P, d]
 *   padding:     pad = cat([ids == 0, [False] * P], dim = 1)                                     [B, L + P]
 *   h = encoder(x, src_key_padding_mask = pad)                                                   [B, L + P, d]
 *   pooled = sum(h * keep, 1) / sum(keep, 1)    keep = ~pad: the mean over real positions        [B, d]
 *   logits = head(pooled)                                                                        [B, classes]
 * </pre>
 *
 * Equal to this PyTorch module (float64, {@code model.eval()} or dropout 0), with the same state_dict names:
 * <pre>
 * class MultiModalClassifier(nn.Module):
 *     def __init__(s, c):
 *  *         s.text_embedding = nn.Embedding(c.vocab, c.d_model, padding_idx=0)
 *         s.text_position = nn.Embedding(c.max_text_length, c.d_model)
 *         s.patch_embed = nn.Conv2d(c.channels, c.d_model, kernel_size=c.patch_size, stride=c.patch_size)
 *         s.patch_position = nn.Embedding(c.patches, c.d_model)
 *         s.token_type = nn.Embedding(2, c.d_model)      # row 0 = text, row 1 = image
 *         s.encoder = nn.TransformerEncoder(nn.TransformerEncoderLayer(c.d_model, c.heads, c.feed_forward,
 *                                           dropout=0.0, batch_first=True), c.layers,
 *                                           enable_nested_tensor=False)   # post-LN, ReLU
 *         s.head = nn.Linear(c.d_model, c.classes)
 * </pre>
 * so {@link #stateDict()} has exactly {@code text_embedding.weight} [vocab, d],
 * {@code text_position.weight} [maxTextLength, d], {@code patch_embed.weight} [d, C, patch, patch],
 * {@code patch_embed.bias} [d], {@code patch_position.weight} [P, d], {@code token_type.weight} [2, d],
 * {@code encoder.layers.N.*} (those of {@code dojo.nn.TransformerEncoder}) and {@code head.weight} [classes, d],
 * {@code head.bias} [classes].
 *
 * <p>Contract of {@link #forward}: one row of logits per example, never one per token; padding (id 0) is
 * excluded by the key-padding mask and from the mean, so padding a caption further changes no logit; the result takes part in
 * autograd. A caption longer than {@code maxTextLength} or an image whose shape is not [B, channels, imageSize,
 * imageSize] throws {@link IllegalArgumentException} naming the shapes.
 */
public abstract class MultimodalClassifierModel extends Module {

    /** Row of {@code token_type.weight} added to caption tokens. */
    public static final int TEXT_TYPE = 0;
    /** Row of {@code token_type.weight} added to image patches. */
    public static final int IMAGE_TYPE = 1;

    /** Logits [B, classes] for a batch of captions [B, L] and images [B, C, H, W]. */
    public abstract Tensor forward(CaptionImageBatch batch);
}
