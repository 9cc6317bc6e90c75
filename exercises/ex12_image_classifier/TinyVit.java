package ex12_image_classifier;

import dojo.exercise.api.ImageClassifierConfig;
import dojo.exercise.api.ImageClassifierModel;
import dojo.exercise.api.NotImplementedYet;
import dojo.tensor.Generator;
import dojo.tensor.Tensor;

/**
 * Exercise ex12: the original interview document's image classifier (C3), corrected into a tiny ViT.
 *
 * <p>The document convolved the image, flattened the whole feature map into ONE vector per image and fed
 * that to attention: a "sequence" of one token, so attention had nothing to attend to. A transformer sees
 * an image as a sequence of patches:
 *
 * <pre>
 *   images [B, C, H, W]
 *     patch_embed: Conv2d(C, E, kernel = stride = P)   [B, E, H/P, W/P]
 *     flatten(2) + transpose(1, 2)                     [B, N, E]          N = (H/P)(W/P), row-major
 *     cat([CLS], tokens)                               [B, 1 + N, E]
 *     + pos_embed                                      [B, 1 + N, E]
 *     encoder (pre-LN layers + final norm, no mask)    [B, 1 + N, E]
 *     head(x[:, 0])                                    [B, classes]
 * </pre>
 *
 * Register the parts under PyTorch's names ({@code patch_embed}, {@code cls_token}, {@code pos_embed},
 * {@code encoder}, {@code head}: see {@link ImageClassifierModel}) so that PyTorch checkpoints load.
 * The trap: attention is permutation-equivariant; without positions it sees a bag of patches.
 *
 * Run: {@code ./dojo grade ex12_image_classifier}, then {@code ./dojo train image-classifier --tree exercises}.
 * Instructions: README.md next to this file.
 */
public class TinyVit extends ImageClassifierModel {

    public TinyVit(ImageClassifierConfig config, Generator g) {
        throw new NotImplementedYet();
    }

    /** Logits [B, classes] for images [B, C, H, W]. */
    @Override
    public Tensor forward(Tensor images) {
        throw new NotImplementedYet();
    }
}
