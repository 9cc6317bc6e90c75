package dojo.models.viz;

import java.util.List;

/**
 * What {@code dojo viz} shows for one example: the token labels (padding positions flagged), every
 * (layer, head) map in layer-major order, the class probabilities and the true label when known.
 *
 * @param title     e.g. "text-classifier"
 * @param source    where the example came from, e.g. "test example 7" or "your input"
 * @param tokens    one label per position, padding included
 * @param padding   true where the position is padding (a masked key)
 * @param maps      the maps shown (all, or the one layer/head asked for)
 * @param classes   class names, index = class id
 * @param probabilities softmax of the logits, one per class
 * @param trueLabel the dataset's label, or -1 for typed input
 */
public record AttentionView(String title, String source, List<String> tokens, boolean[] padding, int layers, int heads,
                            List<AttentionMap> maps, List<String> classes, double[] probabilities, int trueLabel) {

    public AttentionView {
        tokens = List.copyOf(tokens);
        padding = padding.clone();
        maps = List.copyOf(maps);
        classes = List.copyOf(classes);
        probabilities = probabilities.clone();
        if (padding.length != tokens.size()) throw new IllegalArgumentException(padding.length + " padding flags for " + tokens.size() + " tokens");
        if (probabilities.length != classes.size()) throw new IllegalArgumentException(probabilities.length + " probabilities for " + classes.size() + " classes");
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

    /** The most probable class. */
    public int predicted() {
        int best = 0;
        for (int i = 1; i < probabilities.length; i++) if (probabilities[i] > probabilities[best]) best = i;
        return best;
    }
}
