package ex16_image_segmenter;

import dojo.exercise.api.ImageSegmenterConfig;
import dojo.exercise.api.ImageSegmenterModel;
import dojo.exercise.api.NotImplementedYet;
import dojo.tensor.Generator;
import dojo.tensor.Tensor;

/**
 * The corrected image segmenter of the original interview document (answer C7), SETR-naive style.
 *
 * <p>The document's version ends in one vector per image: it flattens the feature map, squeezes it through
 * {@code fc1} and a classifier, so there is no pixel left to segment. Here every pixel keeps its own scores:
 *
 * <pre>
 *   images [B, C, H, W]
 *     patch_embed: Conv2d(C, d, kernel p, stride p)     [B, d, H/p, W/p]   one token per p x p patch
 *     flatten(2, 3).transpose(1, 2)                      [B, N, d]          token n = patch (n / gw, n % gw)
 *     + position.weight [N, d]                           learned: where each patch is
 *     encoder: nn.TransformerEncoder                      [B, N, d]          every patch sees every patch
 *     head: Linear(d, K*p*p)                              [B, N, K*p*p]      feature k*p*p + i*p + j
 *     unpatchify: reshape [B, gh, gw, K, p, p], permute (0, 3, 1, 4, 2, 5), reshape [B, K, H, W]
 * </pre>
 *
 * <p>The trap is the unpatchify: a reshape that gives the right SHAPE with the wrong axes order runs and
 * trains to something, but puts pixels in the wrong place. Image row = patch row * p + i, column = patch
 * column * p + j. Test it on a non-square image (the suites do).
 *
 * <p>Register the children under PyTorch's names ({@code patch_embed}, {@code position}, {@code encoder},
 * {@code head}) so {@code loadStateDict} takes PyTorch's weights: the full module is in
 * {@link ImageSegmenterModel}'s javadoc. Grade with {@code ./dojo grade ex16_image_segmenter}; train with
 * {@code ./dojo train image-segmenter --tree exercises}.
 */
public class PatchSegmenter extends ImageSegmenterModel {

    public PatchSegmenter(ImageSegmenterConfig config, Generator generator) {
        throw new NotImplementedYet();
    }

    @Override
    public Tensor forward(Tensor images) {
        throw new NotImplementedYet();
    }
}
