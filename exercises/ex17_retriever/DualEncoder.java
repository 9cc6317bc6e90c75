package ex17_retriever;

import dojo.exercise.api.NotImplementedYet;
import dojo.exercise.api.RetrieverConfig;
import dojo.exercise.api.RetrieverModel;
import dojo.exercise.api.TokenBatch;
import dojo.tensor.Generator;
import dojo.tensor.Tensor;

/**
 * Exercise ex17: a CLIP-style dual encoder for caption-image retrieval, the original interview document's
 * CrossModalRetriever corrected. That answer concatenated image and text features and put a classifier on
 * the pair; retrieval needs one vector per image and one per caption, computed apart, compared by a dot
 * product (so a gallery is embedded once and any caption ranks it with one matrix product).
 *
 * <pre>
 *   image [B, C, H, W] -> patch_embed (Conv2d, kernel = stride = p) -> [B, N, d] + position.weight
 *                      -> TransformerEncoder -> mean over patches -> proj (no bias) -> L2-normalise  [B, D]
 *   ids [B, L] (0 = pad) -> embedding (padding_idx 0) + position.weight[:L]
 *                      -> TransformerEncoder (key padding) -> mean over REAL tokens -> proj -> L2-normalise  [B, D]
 *   logits = min(exp(logit_scale), 100) * image_emb @ text_emb^T        [B, B]  (logits(...) does this)
 *   loss   = (CE(logits, 0..B-1) + CE(logits^T, 0..B-1)) / 2             symmetric InfoNCE
 * </pre>
 *
 * Register modules and parameters under the PyTorch names of RetrieverModel's javadoc ("image", "text",
 * "logit_scale"; inside: "patch_embed", "position", "encoder", "proj", "embedding"): the tests load PyTorch
 * weights into your model by those names. Traps: forgetting to normalise, dividing by the scale, one
 * direction of the loss only, mean pooling over padding, counting ties in recall@k as hits.
 *
 * Run: {@code ./dojo grade ex17_retriever} or {@code mvn test}; train: {@code ./dojo train retriever --tree exercises}.
 * Instructions: README.md next to this file.
 */
public class DualEncoder extends RetrieverModel {

    /** Builds both towers and logit_scale = ln(1 / 0.07) from {@code generator} (in the order of the javadoc). */
    public DualEncoder(RetrieverConfig config, Generator generator) {
        throw new NotImplementedYet();
    }

    /** images [B, C, H, W] -> [B, D], unit rows. */
    @Override
    public Tensor encodeImages(Tensor images) {
        throw new NotImplementedYet();
    }

    /** captions (ids [B, L], 0 = padding) -> [B, D], unit rows; padding changes nothing. */
    @Override
    public Tensor encodeTexts(TokenBatch captions) {
        throw new NotImplementedYet();
    }

    /** min(exp(logit_scale), 100) as a 0-d tensor in the autograd graph. */
    @Override
    public Tensor logitScale() {
        throw new NotImplementedYet();
    }

    /** Symmetric InfoNCE of logits [N, N] (row = image, column = caption, matches on the diagonal). */
    @Override
    public Tensor contrastiveLoss(Tensor logitsPerImage) {
        throw new NotImplementedYet();
    }

    /** Fraction of rows whose diagonal item is among the k best; ties count as misses. */
    @Override
    public double recallAtK(Tensor scores, int k) {
        throw new NotImplementedYet();
    }
}
