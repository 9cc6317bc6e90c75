package dojo.models.viz;

import java.util.ArrayList;
import java.util.List;

/**
 * What {@code dojo viz} shows for one example: the token labels (padding positions flagged), every
 * (layer, head) map in layer-major order, the class probabilities and the true label when known.
 *
 * <p>When {@code described} is empty, every layer is self-attention over {@code tokens} (square maps). Otherwise
 * it has one {@link Layer} per drawn layer (index = {@link AttentionMap#layer()}) naming that layer and the
 * labels of its rows (queries) and columns (keys): a cross-attention layer's keys are another sequence than
 * its queries (caption tokens attending to image patches), an image tower's queries and keys are patches.
 *
 * @param title     e.g. "text-classifier"
 * @param source    where the example came from, e.g. "test example 7" or "your input"
 * @param tokens    one label per position, padding included (the example's main sequence)
 * @param padding   true where the position is padding (a masked key)
 * @param maps      the maps shown (all, or the one layer/head asked for)
 * @param classes   class names, index = class id
 * @param probabilities softmax of the logits, one per class
 * @param trueLabel the dataset's label, or -1 for typed input
 * @param described one entry per layer (all {@code layers} of them), or empty: all self-attention over tokens
 */
public record AttentionView(String title, String source, List<String> tokens, boolean[] padding, int layers, int heads,
                            List<AttentionMap> maps, List<String> classes, double[] probabilities, int trueLabel,
                            List<Layer> described) {

    /**
     * One drawn attention layer: what its rows and columns are.
     *
     * @param path         the layer's state_dict path, e.g. {@code cross_attn}
     * @param name         a short name for headlines, e.g. "cross-attn" (null: none, the headline is "layer L · head H")
     * @param queries      one label per row
     * @param queryPadding true where a row is a padded query
     * @param keys         one label per column
     * @param keyPadding   true where a column is a padded (masked) key
     */
    public record Layer(String path, String name, List<String> queries, boolean[] queryPadding, List<String> keys, boolean[] keyPadding) {
        public Layer {
            queries = List.copyOf(queries);
            keys = List.copyOf(keys);
            queryPadding = queryPadding.clone();
            keyPadding = keyPadding.clone();
            if (queryPadding.length != queries.size()) throw new IllegalArgumentException(queryPadding.length + " padding flags for " + queries.size() + " queries");
            if (keyPadding.length != keys.size()) throw new IllegalArgumentException(keyPadding.length + " padding flags for " + keys.size() + " keys");
        }

        @Override
        public boolean[] queryPadding() {
            return queryPadding.clone();
        }

        @Override
        public boolean[] keyPadding() {
            return keyPadding.clone();
        }

        public boolean isPaddedQuery(int q) {
            return queryPadding[q];
        }

        public boolean isPaddedKey(int k) {
            return keyPadding[k];
        }

        /** True when the rows and the columns are the same positions (self-attention over one sequence). */
        public boolean square() {
            return queries.equals(keys) && java.util.Arrays.equals(queryPadding, keyPadding);
        }
    }

    /** A view whose layers are all self-attention over {@code tokens}. */
    public AttentionView(String title, String source, List<String> tokens, boolean[] padding, int layers, int heads,
                         List<AttentionMap> maps, List<String> classes, double[] probabilities, int trueLabel) {
        this(title, source, tokens, padding, layers, heads, maps, classes, probabilities, trueLabel, List.of());
    }

    public AttentionView {
        tokens = List.copyOf(tokens);
        padding = padding.clone();
        maps = List.copyOf(maps);
        classes = List.copyOf(classes);
        probabilities = probabilities.clone();
        described = List.copyOf(described);
        if (padding.length != tokens.size()) throw new IllegalArgumentException(padding.length + " padding flags for " + tokens.size() + " tokens");
        if (probabilities.length != classes.size()) throw new IllegalArgumentException(probabilities.length + " probabilities for " + classes.size() + " classes");
        if (!described.isEmpty() && described.size() != layers) {
            throw new IllegalArgumentException(described.size() + " layer descriptions for " + layers + " layers");
        }
        for (AttentionMap m : maps) {
            if (m.layer() < 0 || m.layer() >= layers) throw new IllegalArgumentException("map of layer " + m.layer() + " in a view of " + layers + " layers");
            int rows = described.isEmpty() ? tokens.size() : described.get(m.layer()).queries().size();
            int cols = described.isEmpty() ? tokens.size() : described.get(m.layer()).keys().size();
            if (m.rows() != rows || m.cols() != cols) {
                throw new IllegalArgumentException("layer " + m.layer() + " head " + m.head() + " is " + m.rows() + "x" + m.cols()
                        + ", its labels are " + rows + "x" + cols);
            }
        }
    }

    @Override
    public boolean[] padding() {
        return padding.clone();
    }

    @Override
    public double[] probabilities() {
        return probabilities.clone();
    }

    public boolean isPadding(int position) {
        return padding[position];
    }

    public int realLength() {
        int n = 0;
        for (boolean p : padding) if (!p) n++;
        return n;
    }

    /** The rows and columns of drawn layer {@code l}: its description, or self-attention over the tokens. */
    public Layer layer(int l) {
        return described.isEmpty() ? new Layer(null, null, tokens, padding, tokens, padding) : described.get(l);
    }

    /** True when some layer has a name or is not square over the tokens: the renderers then list the layers. */
    public boolean namedLayers() {
        return described.stream().anyMatch(d -> d.name() != null || !d.queries().equals(tokens) || !d.keys().equals(tokens));
    }

    /** "layer 2 · head 1 · cross-attn", or "layer 0 · head 3" for a layer without a name. */
    public String headline(AttentionMap m) {
        String name = layer(m.layer()).name();
        return "layer " + m.layer() + " · head " + m.head() + (name == null ? "" : " · " + name);
    }

    /**
     * The header's list of layers, or empty when every layer is unnamed self-attention over the tokens: a heading,
     * then one aligned line per drawn layer with the number {@code --layer} takes, its shape, name and path:
     * <pre>
     * layers (queries x keys):
     *   0  5 x 5  caption self-attn  text_encoder.layers.0.self_attn
     *   2  5 x 4  cross-attention    cross_attn
     * </pre>
     */
    public List<String> layerLines() {
        List<String> out = new ArrayList<>();
        if (!namedLayers()) return out;
        int shape = 0, name = 0;
        for (Layer d : described) {
            shape = Math.max(shape, (d.queries().size() + " x " + d.keys().size()).length());
            name = Math.max(name, d.name() == null ? 0 : d.name().length());
        }
        int number = Integer.toString(described.size() - 1).length();
        out.add("layers (queries x keys):");
        for (int l = 0; l < described.size(); l++) {
            Layer d = described.get(l);
            String n = d.name() == null ? "" : d.name();
            out.add(("  " + pad(Integer.toString(l), number) + "  " + pad(d.queries().size() + " x " + d.keys().size(), shape) + "  "
                    + (name == 0 ? "" : pad(n, name) + "  ") + d.path()));
        }
        return out;
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(Math.max(0, width - s.length()));
    }

    /** The most probable class. */
    public int predicted() {
        int best = 0;
        for (int i = 1; i < probabilities.length; i++) if (probabilities[i] > probabilities[best]) best = i;
        return best;
    }
}
