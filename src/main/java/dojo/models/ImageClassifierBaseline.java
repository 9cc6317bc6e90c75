package dojo.models;

import dojo.nn.Conv2d;
import dojo.nn.Linear;
import dojo.nn.Module;
import dojo.tensor.Generator;
import dojo.tensor.Tensor;
import java.util.Arrays;

/**
 * The no-attention baseline of the image classifier (exercise ex12): the same strided-conv patch
 * embedding as the ViT, a ReLU, the mean over patches, then an MLP. Each patch is encoded alone and the
 * pooling forgets where it was: a bag of patches. State dict: {@code patch_embed.*}, {@code hidden.*},
 * {@code head.*}.
 */
public final class ImageClassifierBaseline extends Module implements ImageClassifier {

    private final int channels;
    private final Conv2d patchEmbed;
    private final Linear hidden;
    private final Linear head;

    public ImageClassifierBaseline(int channels, int patch, int dModel, int hiddenSize, int classes, Generator g) {
        this.channels = channels;
        this.patchEmbed = registerModule("patch_embed", new Conv2d(channels, dModel, new int[] {patch, patch},
                new int[] {patch, patch}, new int[] {0, 0}, new int[] {1, 1}, true, g));
        this.hidden = registerModule("hidden", new Linear(dModel, hiddenSize, g));
        this.head = registerModule("head", new Linear(hiddenSize, classes, g));
    }

    /** Logits [B, classes] for images [B, C, H, W]. */
    @Override
    public Tensor forward(Tensor images) {
        if (images.dim() != 4 || images.size(1) != channels) {
            throw new IllegalArgumentException("images must be [B, " + channels + ", H, W], got " + Arrays.toString(images.shape()));
        }
        Tensor p = patchEmbed.forward(images).relu().flatten(2, 3).mean(2, false);   // [B, d]: position forgotten
        return head.forward(hidden.forward(p).relu());
    }
}
