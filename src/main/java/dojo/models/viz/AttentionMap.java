package dojo.models.viz;

/** One head's attention in one layer: {@code weights[query][key]}, rows = queries, columns = keys. */
public record AttentionMap(int layer, int head, double[][] weights) {

    public AttentionMap {
        double[][] copy = new double[weights.length][];
        for (int i = 0; i < weights.length; i++) copy[i] = weights[i].clone();
        weights = copy;
    }

    public double weight(int query, int key) {
        return weights[query][key];
    }

    public int size() {
        return weights.length;
    }
}
