package dojo.models.viz;

/**
 * One head's attention in one layer: {@code weights[query][key]}, rows = queries, columns = keys. Self-attention
 * maps are square; a cross-attention map has one row per query (e.g. caption token) and one column per key
 * (e.g. image patch), so rows and columns may differ. {@code layer} indexes the view's drawn layers.
 */
public record AttentionMap(int layer, int head, double[][] weights) {

    public AttentionMap {
        double[][] copy = new double[weights.length][];
        for (int i = 0; i < weights.length; i++) {
            copy[i] = weights[i].clone();
            if (copy[i].length != copy[0].length) {
                throw new IllegalArgumentException("row " + i + " has " + copy[i].length + " keys, row 0 has " + copy[0].length);
            }
        }
        weights = copy;
    }

    public double weight(int query, int key) {
        return weights[query][key];
    }

    /** The number of rows (queries). */
    public int size() {
        return weights.length;
    }

    /** The number of rows (queries). */
    public int rows() {
        return weights.length;
    }

    /** The number of columns (keys). */
    public int cols() {
        return weights.length == 0 ? 0 : weights[0].length;
    }
}
