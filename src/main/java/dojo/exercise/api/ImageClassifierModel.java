package dojo.exercise.api;

import dojo.nn.Module;
import dojo.tensor.Tensor;

/**
 * Exercise ex12_image_classifier: a tiny vision transformer (ViT, Dosovitskiy et al. 2021, section 3.1),
 * written as a {@link Module} so that its state dict is the one of this PyTorch module (float64 here):
 *
 * <pre>{@code
 * class TinyViT(nn.Module):
 *     def __init__(self, c: ImageClassifierConfig):
 *         super().__init__()
 *         self.patch_embed = nn.Conv2d(c.channels, c.dModel, kernel_size=c.patchSize, stride=c.patchSize)
 *         self.cls_token = nn.Parameter(torch.randn(1, 1, c.dModel) * 0.02)
 *         self.pos_embed = nn.Parameter(torch.randn(1, 1 + c.patches, c.dModel))  # learned, [CLS] first
 *         layer = nn.TransformerEncoderLayer(c.dModel, c.heads, c.feedForward, dropout=0.0, batch_first=True,
 *                                            norm_first=True)              # pre-LN as in ViT; ReLU
 *         self.encoder = nn.TransformerEncoder(layer, c.layers, norm=nn.LayerNorm(c.dModel))
 *         self.head = nn.Linear(c.dModel, c.classes)
 *
 *     def forward(self, images):                                            # [B, C, H, W]
 *         p = self.patch_embed(images)                                      # [B, E, H/P, W/P]
 *         tokens = p.flatten(2).transpose(1, 2)                             # [B, N, E], patches row-major
 *         cls = self.cls_token.expand(images.shape[0], 1, -1)               # [B, 1, E]
 *         x = torch.cat([cls, tokens], dim=1) + self.pos_embed             # [B, 1 + N, E]
 *         x = self.encoder(x)                                               # no mask: every image is full
 *         return self.head(x[:, 0])                                         # [B, classes], from [CLS]
 * }</pre>
 *
 * State dict keys: {@code patch_embed.weight} [E, C, P, P], {@code patch_embed.bias} [E], {@code cls_token}
 * [1, 1, E], {@code pos_embed} [1, 1 + N, E], {@code encoder.layers.<i>.self_attn.in_proj_weight} [3E, E]
 * (and the rest of {@code nn.TransformerEncoderLayer}'s keys), {@code encoder.norm.weight} and {@code .bias} [E],
 * {@code head.weight} [classes, E],
 * {@code head.bias} [classes]. The library has every piece: {@code dojo.nn.Conv2d},
 * {@code dojo.nn.TransformerEncoder} (with {@code normFirst(true)} layers and a final norm), {@code dojo.nn.Linear}.
 *
 * <p>Contract: {@link #forward} takes images [B, C, H, W] with C = channels and H = W = imageSize and returns
 * logits [B, classes]: one row per image (never one per patch), each row depending only on its own image,
 * recorded for backward. Any other shape is an {@link IllegalArgumentException} that names the shape it got
 * and the one it expects. Dropout is 0, so train and eval mode give the same logits.
 */
public abstract class ImageClassifierModel extends Module {

    /** Logits [B, classes] for images [B, C, H, W]. */
    public abstract Tensor forward(Tensor images);
}
