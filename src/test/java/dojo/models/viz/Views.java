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
}
