package dojo.exercise.api;

import dojo.nn.Module;
import dojo.tensor.Tensor;

/**
 * The corrected image segmenter of the original interview document (answer C7), written by the learner in
 * exercise ex16_image_segmenter: a per-pixel classifier built from patch tokens (SETR-naive style). It equals
 * this PyTorch module (float64, same state_dict names):
 *
 * <pre>{@code
 * class ImageSegmenter(nn.Module):
 *     def __init__(self, c):                       # c: ImageSegmenterConfig
 *         super().__init__()
 *         self.c = c
 *         self.patch_embed = nn.Conv2d(c.channels, c.d_model, kernel_size=c.patch, stride=c.patch)
 *         self.position = nn.Embedding(c.tokens, c.d_model)          # learned, one row per patch
 *         layer = nn.TransformerEncoderLayer(c.d_model, c.heads, c.feed_forward, dropout=0.0, batch_first=True)
 *         self.encoder = nn.TransformerEncoder(layer, c.layers)
 *         self.head = nn.Linear(c.d_model, c.classes * c.patch * c.patch)
 *
 *     def forward(self, images):                    # [B, C_in, H, W]
 *         B, p, K = images.shape[0], self.c.patch, self.c.classes
 *         gh, gw = self.c.height // p, self.c.width // p
 *         x = self.patch_embed(images)              # [B, d, gh, gw]
 *         x = x.flatten(2).transpose(1, 2)          # [B, N, d], token n = patch (n // gw, n % gw)
 *         x = self.encoder(x + self.position.weight)
 *         y = self.head(x)                          # [B, N, K*p*p], feature k*p*p + i*p + j
 *         y = y.reshape(B, gh, gw, K, p, p)         # (patch row, patch col, class, row in patch, col in patch)
 *         return y.permute(0, 3, 1, 4, 2, 5).reshape(B, K, gh * p, gw * p)    # [B, K, H, W]
 * }</pre>
 *
 * <p>State dict: {@code patch_embed.weight} [d, C_in, p, p], {@code patch_embed.bias} [d], {@code position.weight}
 * [N, d], {@code encoder.layers.L.self_attn.in_proj_weight} [3d, d] (and the other keys of
 * {@code nn.TransformerEncoderLayer}: {@code self_attn.in_proj_bias}, {@code self_attn.out_proj.weight/bias},
 * {@code linear1.*}, {@code linear2.*}, {@code norm1.*}, {@code norm2.*}), {@code head.weight} [K*p*p, d],
 * {@code head.bias} [K*p*p]. The "unpatchify" is the last line: pixel (row, col) of class k comes from token
 * {@code (row / p) * gw + col / p}, feature {@code k*p*p + (row % p)*p + col % p}.
 */
public abstract class ImageSegmenterModel extends Module {

    /**
     * Per-pixel logits.
     *
     * @param images [B, C_in, H, W] with the configured channels, height and width (B >= 1)
     * @return logits [B, K, H, W]: one score per class for every pixel, never one vector per image
     * @throws IllegalArgumentException when images is not 4-D or its channels, height or width differ from the
     *     configuration; the message names the shape received as {@code Arrays.toString(images.shape())} prints
     *     it (e.g. {@code [2, 1, 12, 8]}) and the shape expected
     */
    public abstract Tensor forward(Tensor images);
}
