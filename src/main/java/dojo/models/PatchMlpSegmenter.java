package dojo.models;

import dojo.exercise.api.ImageSegmenterModel;
import dojo.nn.Conv2d;
import dojo.nn.Linear;
import dojo.tensor.Generator;
import dojo.tensor.Tensor;
import java.util.Arrays;

/**
 * The no-attention baseline of the image segmenter: the same strided-conv patch embedding and the same
 * per-token head to K*p*p logits with the same unpatchify, but between them a per-patch MLP (ReLU,
 * {@code Linear(d, hidden)}, ReLU) instead of the encoder. Each patch is segmented from its own pixels
 * alone; patches never see each other. State dict: {@code patch_embed.*}, {@code hidden.*}, {@code head.*}.
 */
public final class PatchMlpSegmenter extends ImageSegmenterModel {

    private final int channels;
    private final int height;
    private final int width;
    private final int patch;
    private final int classes;
    private final Conv2d patchEmbed;
    private final Linear hidden;
    private final Linear head;

    public PatchMlpSegmenter(int channels, int height, int width, int patch, int dModel, int hiddenSize, int classes, Generator g) {
        if (height % patch != 0 || width % patch != 0) {
            throw new IllegalArgumentException("a " + height + "x" + width + " image cannot be cut into " + patch + "x" + patch + " patches");
        }
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.patch = patch;
        this.classes = classes;
        this.patchEmbed = registerModule("patch_embed", new Conv2d(channels, dModel, new int[] {patch, patch},
                new int[] {patch, patch}, new int[] {0, 0}, new int[] {1, 1}, true, g));
        this.hidden = registerModule("hidden", new Linear(dModel, hiddenSize, g));
        this.head = registerModule("head", new Linear(hiddenSize, classes * patch * patch, g));
    }

    @Override
    public Tensor forward(Tensor images) {
        if (images.dim() != 4 || images.size(1) != channels || images.size(2) != height || images.size(3) != width) {
            throw new IllegalArgumentException("images must be [B, " + channels + ", " + height + ", " + width + "], got "
                    + Arrays.toString(images.shape()));
        }
        int b = images.size(0), gh = height / patch, gw = width / patch;
        Tensor x = patchEmbed.forward(images).flatten(2, 3).transpose(1, 2).relu();   // [B, N, d]
        Tensor y = head.forward(hidden.forward(x).relu());                              // [B, N, K*p*p]
        return y.reshape(b, gh, gw, classes, patch, patch).permute(0, 3, 1, 4, 2, 5).reshape(b, classes, height, width);
    }
}
