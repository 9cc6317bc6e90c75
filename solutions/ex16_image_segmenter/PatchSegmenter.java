package ex16_image_segmenter;

import dojo.exercise.api.ImageSegmenterConfig;
import dojo.exercise.api.ImageSegmenterModel;
import dojo.nn.AttentionMasks;
import dojo.nn.Conv2d;
import dojo.nn.LearnedPositionalEncoding;
import dojo.nn.Linear;
import dojo.nn.TransformerEncoder;
import dojo.nn.TransformerEncoderLayer;
import dojo.tensor.Generator;
import dojo.tensor.Tensor;
import java.util.Arrays;

/**
 * The corrected image segmenter (SETR-naive): patch tokens from a strided convolution, learned positions, a
 * transformer encoder so every patch can look at every other, and a linear head that turns each token back
 * into the p x p pixels it came from, with K logits per pixel.
 */
public class PatchSegmenter extends ImageSegmenterModel {

    private final ImageSegmenterConfig config;
    private final Conv2d patchEmbed;
    private final LearnedPositionalEncoding position;
    private final TransformerEncoder encoder;
    private final Linear head;

    public PatchSegmenter(ImageSegmenterConfig c, Generator g) {
        this.config = c;
        int p = c.patch();
        // kernel = stride = p: each output position sees exactly one patch, no overlap, no gaps
        this.patchEmbed = registerModule("patch_embed", new Conv2d(c.channels(), c.dModel(), new int[] {p, p},
                new int[] {p, p}, new int[] {0, 0}, new int[] {1, 1}, true, g));
        // one learned row per patch: without it attention could not tell where a patch is
        this.position = registerModule("position", new LearnedPositionalEncoding(c.tokens(), c.dModel(), g));
        var layer = TransformerEncoderLayer.Options.of(c.dModel(), c.heads()).dimFeedforward(c.feedForward()).dropout(0.0);
        this.encoder = registerModule("encoder", new TransformerEncoder(layer, c.layers(), false, g));
        // every token predicts its own p*p pixels, K logits each
        this.head = registerModule("head", new Linear(c.dModel(), c.classes() * p * p, g));
    }

    @Override
    public Tensor forward(Tensor images) {
        ImageSegmenterConfig c = config;
        if (images.dim() != 4 || images.size(1) != c.channels() || images.size(2) != c.height() || images.size(3) != c.width()) {
            throw new IllegalArgumentException("images must be [B, " + c.channels() + ", " + c.height() + ", " + c.width()
                    + "], got " + Arrays.toString(images.shape()));
        }
        int b = images.size(0), p = c.patch(), k = c.classes(), gh = c.gridHeight(), gw = c.gridWidth();
        Tensor x = patchEmbed.forward(images);                     // [B, d, gh, gw]
        x = x.flatten(2, 3).transpose(1, 2);                         // [B, N, d]: token n is patch (n / gw, n % gw)
        x = encoder.forward(position.forward(x), AttentionMasks.none());
        Tensor y = head.forward(x);                                  // [B, N, K*p*p]: feature kk*p*p + i*p + j
        y = y.reshape(b, gh, gw, k, p, p);                           // [B, gh, gw, K, p(i), p(j)]
        // class first, then (patch row, row in patch) and (patch col, col in patch) side by side:
        // image row = patch row * p + i, image col = patch col * p + j
        return y.permute(0, 3, 1, 4, 2, 5).reshape(b, k, gh * p, gw * p);
    }
}
