package dojo.models;

import dojo.nn.Conv2d;
import dojo.nn.Linear;
import dojo.nn.Module;
import dojo.tensor.Generator;
import dojo.tensor.Tensor;

/**
 * The no-attention baseline of the image classifier: the same strided-conv patch embedding, a ReLU,
 * mean pooling over patches, then an MLP. Each patch is encoded alone; patches never see each other.
 */
public final class ConvPoolClassifier extends Module implements ImageClassifier {

    private final Conv2d patchEmbed;
    private final Linear hidden;
    private final Linear head;

    public ConvPoolClassifier(int channels, int patch, int dModel, int hiddenSize, int classes, Generator g) {
        this.patchEmbed = registerModule("patch_embed", new Conv2d(channels, dModel, new int[] {patch, patch},
                new int[] {patch, patch}, new int[] {0, 0}, new int[] {1, 1}, true, g));
        this.hidden = registerModule("hidden", new Linear(dModel, hiddenSize, g));
        this.head = registerModule("head", new Linear(hiddenSize, classes, g));
    }

    @Override
    public Tensor forward(Tensor images) {
        Tensor p = patchEmbed.forward(images).relu().flatten(2, 3).mean(2, false);   // [B, d]
        return head.forward(hidden.forward(p).relu());
    }
}
