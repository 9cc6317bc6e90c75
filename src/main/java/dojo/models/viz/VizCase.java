package dojo.models.viz;

import dojo.tensor.Tensor;
import java.util.ArrayList;
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
 * @param image     the input image of a ViT-style model, or null
 * @param axes      the attention layers whose rows or columns are not the {@code tokens} (cross-attention, an
 *                  image tower beside a text tower), or that get a name; the other layers are drawn when they are
 *                  self-attention over the tokens and left out otherwise
 */
public record VizCase(String source, List<String> tokens, boolean[] padding, Supplier<Tensor> forward, List<String> classes, int trueLabel,
                      Image image, List<Axes> axes) {

    /**
     * The input image of a ViT-style model whose tokens are [CLS] then the patches in row-major order: with it,
     * {@code dojo viz --format svg|html} draws attention on the image ({@link SvgPatchAttentionRenderer}).
     */
    public record Image(double[] pixels, int height, int width, int patch) {
        public Image {
            pixels = pixels.clone();
        }
    }

    /**
     * How to draw the attention layers at or under the state_dict path of {@code labels} (the layer itself, e.g.
     * {@code cross_attn}, or a parent such as {@code image_encoder}: every attention layer under it): in
     * {@code labels}, a short name for the headlines and the labels of the rows (queries) and columns (keys)
     * with their padding; and which
     * example of the batch the model ran on it ({@code batchRow}; a tower that encodes the example's image and
     * a hard negative together has two).
     */
    public record Axes(AttentionView.Layer labels, int batchRow) {
        public Axes {
            if (labels.path() == null || labels.path().isEmpty()) throw new IllegalArgumentException("an attention layer path is needed");
            if (batchRow < 0) throw new IllegalArgumentException("batch row " + batchRow + " is negative");
        }

        public Axes(String path, String name, List<String> queries, boolean[] queryPadding, List<String> keys, boolean[] keyPadding,
                    int batchRow) {
            this(new AttentionView.Layer(path, name, queries, queryPadding, keys, keyPadding), batchRow);
        }

        /** Self-attention over {@code labels} (no padding) in batch row 0. */
        public static Axes self(String path, String name, List<String> labels) {
            return new Axes(path, name, labels, new boolean[labels.size()], labels, new boolean[labels.size()], 0);
        }

        /** True for the layer at {@code layerPath} itself or any layer under it. */
        public boolean covers(String layerPath) {
            String path = labels.path();
            return layerPath.equals(path) || layerPath.startsWith(path + ".");
        }

        /** These rows and columns for the recorded layer at {@code layerPath} (this path or one under it). */
        public AttentionView.Layer at(String layerPath) {
            return new AttentionView.Layer(layerPath, labels.name(), labels.queries(), labels.queryPadding(), labels.keys(), labels.keyPadding());
        }
    }

    /** A case without an image. */
    public VizCase(String source, List<String> tokens, boolean[] padding, Supplier<Tensor> forward, List<String> classes, int trueLabel) {
        this(source, tokens, padding, forward, classes, trueLabel, null, List.of());
    }

    /** A case with an image (or null) and no described layers. */
    public VizCase(String source, List<String> tokens, boolean[] padding, Supplier<Tensor> forward, List<String> classes, int trueLabel,
                   Image image) {
        this(source, tokens, padding, forward, classes, trueLabel, image, List.of());
    }

    public VizCase {
        tokens = List.copyOf(tokens);
        padding = padding.clone();
        classes = List.copyOf(classes);
        axes = List.copyOf(axes);
        if (padding.length != tokens.size()) throw new IllegalArgumentException(padding.length + " padding flags for " + tokens.size() + " tokens");
    }

    /** This case with {@code more} layer descriptions after its own. */
    public VizCase with(Axes... more) {
        List<Axes> all = new ArrayList<>(axes);
        all.addAll(List.of(more));
        return new VizCase(source, tokens, padding, forward, classes, trueLabel, image, all);
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
