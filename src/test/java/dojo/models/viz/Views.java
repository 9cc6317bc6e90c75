package dojo.models.viz;

import java.util.ArrayList;
import java.util.List;

/** Hand-made views for renderer tests (renderers only draw: no model needed). */
final class Views {

    private Views() {
    }

    /** {@code n} tokens, the last {@code pads} of them padding, with a diagonal-heavy map per (layer, head). */
    static AttentionView of(List<String> tokens, int pads, int layers, int heads) {
        int n = tokens.size();
        boolean[] padding = new boolean[n];
        for (int i = n - pads; i < n; i++) padding[i] = true;
        List<AttentionMap> maps = new ArrayList<>();
        for (int l = 0; l < layers; l++) {
            for (int h = 0; h < heads; h++) {
                double[][] w = new double[n][n];
                int real = n - pads;
                for (int q = 0; q < n; q++) {
                    for (int k = 0; k < real; k++) w[q][k] = (q % real == k ? 0.6 : 0.4 / (real - 1));
                    if (real == 1) w[q][0] = 1;
                }
                maps.add(new AttentionMap(l, h, w));
            }
        }
        return new AttentionView("text-classifier", "test example 0", tokens, padding, layers, heads, maps,
                List.of("no repeat", "repeats"), new double[] {0.1, 0.9}, 1);
    }

    /**
     * A caption of 5 positions (the last {@code pads} padding) and a picture of 2 x 2 patch cells: layer 0 the
     * caption's self-attention (5 x 5), layer 1 the cross-attention from the caption to the cells (5 x 4), each
     * row a distribution with its peak on key (row mod real keys); {@code paddedCell} >= 0 masks that cell as a key.
     */
    static AttentionView cross(int heads, int pads, int paddedCell) {
        List<String> caption = List.of("the", "square", "is", "awful", "pad");
        List<String> cells = List.of("r0c0", "r0c1", "r1c0", "r1c1");
        boolean[] capPad = new boolean[5];
        for (int i = 5 - pads; i < 5; i++) capPad[i] = true;
        boolean[] cellPad = new boolean[4];
        if (paddedCell >= 0) cellPad[paddedCell] = true;
        List<AttentionMap> maps = new ArrayList<>();
        for (int h = 0; h < heads; h++) maps.add(new AttentionMap(0, h, rows(5, capPad)));
        for (int h = 0; h < heads; h++) maps.add(new AttentionMap(1, h, rows(5, cellPad)));
        List<AttentionView.Layer> layers = List.of(
                new AttentionView.Layer("text_encoder.layers.0.self_attn", "caption self-attn", caption, capPad, caption, capPad),
                new AttentionView.Layer("cross_attn", "cross-attention", caption, capPad, cells, cellPad));
        return new AttentionView("multimodal-sentiment", "test 0", caption, capPad, 2, heads, maps,
                List.of("negative", "neutral", "positive"), new double[] {0.8, 0.1, 0.1}, 0, layers);
    }

    /** {@code rows} rows over {@code keyPad.length} keys: 0.7 on one real key, the rest spread over the other real keys, 0 on padded keys. */
    static double[][] rows(int rows, boolean[] keyPad) {
        List<Integer> real = new ArrayList<>();
        for (int k = 0; k < keyPad.length; k++) if (!keyPad[k]) real.add(k);
        double[][] w = new double[rows][keyPad.length];
        for (int q = 0; q < rows; q++) {
            int peak = real.get(q % real.size());
            for (int k : real) w[q][k] = real.size() == 1 ? 1 : k == peak ? 0.7 : 0.3 / (real.size() - 1);
        }
        return w;
    }
}
