package dojo.exercise.api;

import dojo.nn.Module;
import dojo.tensor.Tensor;

/**
 * A CLIP-style dual encoder for caption-image retrieval (exercise ex17_retriever, the original interview
 * document's C8 {@code CrossModalRetriever} corrected): each modality has its own encoder, both map into one
 * embedding space of width D, rows are L2-normalised, and a match is scored by a scaled dot product (cosine
 * similarity times a learned scale), trained with the symmetric InfoNCE loss over the in-batch similarity
 * matrix (Radford et al. 2021, "Learning Transferable Visual Models From Natural Language Supervision",
 * section 2.3 and Figure 3). It equals this PyTorch module, with the same state_dict names:
 *
 * <pre>
 * class ImageEncoder(nn.Module):                 # "image."
 *     def __init__(s, c):
 *         s.patch_embed = nn.Conv2d(c.channels, c.d_model, c.patch, stride=c.patch)
 *         s.position = nn.Embedding(c.patches, c.d_model)          # position.weight [N, d]
 *         s.encoder = nn.TransformerEncoder(nn.TransformerEncoderLayer(c.d_model, c.heads, c.feed_forward,
 *                                           dropout=0.0, batch_first=True), c.layers)
 *         s.proj = nn.Linear(c.d_model, c.embed_dim, bias=False)
 *     def forward(s, images):                    # [B, C, H, W]
 *         x = s.patch_embed(images).flatten(2).transpose(1, 2) + s.position.weight   # [B, N, d], row-major patches
 *         e = s.proj(s.encoder(x).mean(1))                                             # [B, D]
 *         return e / e.norm(dim=-1, keepdim=True)
 *
 * class TextEncoder(nn.Module):                  # "text."
 *     def __init__(s, c):
 *         s.embedding = nn.Embedding(c.vocab, c.d_model, padding_idx=0)
 *         s.position = nn.Embedding(c.max_text_len, c.d_model)
 *         s.encoder = (as above)
 *         s.proj = nn.Linear(c.d_model, c.embed_dim, bias=False)
 *     def forward(s, ids):                       # [B, L], 0 = padding
 *         pad = ids == 0
 *         h = s.encoder(s.embedding(ids) + s.position.weight[:L], src_key_padding_mask=pad)
 *         keep = (~pad).unsqueeze(-1).double()
 *         e = s.proj((h * keep).sum(1) / keep.sum(1).clamp(min=1))                   # masked mean: padding excluded
 *         return e / e.norm(dim=-1, keepdim=True)
 *
 * class DualEncoder(nn.Module):
 *     def __init__(s, c):
 *         s.image = ImageEncoder(c); s.text = TextEncoder(c)
 *         s.logit_scale = nn.Parameter(torch.tensor(math.log(1 / 0.07)))             # a 0-d parameter
 *     def scale(s):
 *         return s.logit_scale.exp().clamp(max=100)
 *     def loss(s, logits_per_image):             # [N, N], row i = image i, column j = caption j
 *         target = torch.arange(N)
 *         return (F.cross_entropy(logits_per_image, target) + F.cross_entropy(logits_per_image.t(), target)) / 2
 * </pre>
 *
 * <p>State dict keys: {@code image.patch_embed.weight} [d, C, p, p], {@code image.patch_embed.bias} [d],
 * {@code image.position.weight} [N, d], {@code image.encoder.layers.K.*} (the keys of nn.TransformerEncoderLayer:
 * {@code self_attn.in_proj_weight}, ..., {@code norm2.bias}), {@code image.proj.weight} [D, d],
 * {@code text.embedding.weight} [vocab, d], {@code text.position.weight} [maxTextLen, d],
 * {@code text.encoder.layers.K.*}, {@code text.proj.weight} [D, d] and {@code logit_scale} (shape []).
 * Build it from the library: {@code dojo.nn.Conv2d}, {@code Embedding}, {@code LearnedPositionalEncoding},
 * {@code TransformerEncoder}, {@code Linear}, {@code AttentionMasks}.
 *
 * <p>Errors: images that are not [B, C, H, W] with this config's C, H, W, or captions longer than
 * {@code maxTextLen} or with ids outside 0..vocab-1, throw {@link IllegalArgumentException} naming the shapes;
 * so do logits that are not square [N, N] with N >= 1, and k < 1. Inputs are never modified.
 */
public abstract class RetrieverModel extends Module {

    /** CLIP's initial temperature: {@code logit_scale} starts at ln(1 / 0.07), a scale of about 14.3. */
    public static final double INITIAL_TEMPERATURE = 0.07;
    /** The scale is clamped to at most 100 (CLIP section 2.5): a sharper softmax makes training unstable. */
    public static final double MAX_SCALE = 100;

    /**
     * Embeddings of images [B, C, H, W]: [B, D], every row of L2 norm 1. One row per image, computed from
     * that image only (the batch never mixes).
     */
    public abstract Tensor encodeImages(Tensor images);

    /**
     * Embeddings of captions (ids [B, L] padded on the right with 0): [B, D], every row of L2 norm 1. The
     * encoder ignores padded keys and pools over real tokens only, so extra padding changes nothing.
     */
    public abstract Tensor encodeTexts(TokenBatch captions);

    /**
     * The multiplier of the cosine similarities: {@code min(exp(logit_scale), 100)}, a 0-d tensor that takes
     * part in autograd (its gradient reaches {@code logit_scale}; none while clamped, as in
     * {@code torch.clamp}). Multiplying by it divides by the temperature 1 / scale.
     */
    public abstract Tensor logitScale();

    /**
     * The symmetric InfoNCE loss of logits [N, N] (row i an image, column j a caption, pair i matches
     * caption i): the mean of cross-entropy over rows (image to text) and over columns (text to image),
     * a 0-d tensor recorded for backward.
     */
    public abstract Tensor contrastiveLoss(Tensor logitsPerImage);

    /**
     * Recall@k of similarity scores [N, N] whose row i is a query and whose correct item is column i: the
     * fraction of queries whose correct item is among their k best. A tie counts against the query: a
     * wrong item scoring exactly as high as the correct one ranks above it (so constant scores give 0 for
     * k < N, never 1). k >= N gives 1. Pass {@code logits(..)} for image to text, its transpose for text
     * to image. Not recorded for autograd.
     */
    public abstract double recallAtK(Tensor scores, int k);

    /**
     * Logits per image [B, B]: {@code logitScale() * encodeImages(images) @ encodeTexts(captions)^T}, row i
     * image i, column j caption j (CLIP's {@code logits_per_image}; its transpose is {@code logits_per_text}).
     */
    public final Tensor logits(Tensor images, TokenBatch captions) {
        Tensor img = encodeImages(images);
        Tensor txt = encodeTexts(captions);
        return img.matmul(txt.t()).mul(logitScale());
    }
}
