package dojo.models.viz;

import dojo.tensor.Tensor;
import java.util.List;
import java.util.function.Supplier;

/**
 * One example as {@code dojo viz} draws it: a label per position of the sequence the model's self-attention
 * runs over (padding flagged), the forward that runs the trained model on it, and what its output means.
 *
 * @param source    where the example came from, e.g. "test example 3"
 * @param tokens    one label per attended position, e.g. token ids, "[CLS]", patch cells "r1c2"
 * @param padding   true where the position is a padded (masked) key
 * @param forward   runs the model on the example (eval mode, autograd off, attention recorded by the caller);
 *                  returns the logits of the one prediction to show ([C] or [1, C]), or null when there is none
 * @param classes   class names for those logits (empty: no prediction shown)
 * @param trueLabel the dataset's label, or -1
 */
public record VizCase(String source, List<String> tokens, boolean[] padding, Supplier<Tensor> forward, List<String> classes, int trueLabel,
                      Image image) {

    /**
     * The input image of a ViT-style model whose tokens are [CLS] then the patches in row-major order: with it,
     * {@code dojo viz --format svg|html} draws attention on the image ({@link SvgPatchAttentionRenderer}).
     */
    public record Image(double[] pixels, int height, int width, int patch) {
        public Image {
            pixels = pixels.clone();
        }
    }

    /** A case without an image. */
    public VizCase(String source, List<String> tokens, boolean[] padding, Supplier<Tensor> forward, List<String> classes, int trueLabel) {
        this(source, tokens, padding, forward, classes, trueLabel, null);
    }

    public VizCase {
        tokens = List.copyOf(tokens);
        padding = padding.clone();
        classes = List.copyOf(classes);
        if (padding.length != tokens.size()) throw new IllegalArgumentException(padding.length + " padding flags for " + tokens.size() + " tokens");
    }

    @Override
    public boolean[] padding() {
        return padding.clone();
    }

    /** Labels and no padding. */
    public static boolean[] noPadding(int n) {
        return new boolean[n];
    }
}
