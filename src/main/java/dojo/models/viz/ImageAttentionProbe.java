package dojo.models.viz;

import dojo.exercise.api.ImageClassifierConfig;
import dojo.exercise.api.ImageClassifierModel;
import dojo.models.data.ImageExample;
import dojo.tensor.Autograd;
import dojo.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs a trained image classifier (a ViT of exercise ex12) on one image, in eval mode with autograd off,
 * and returns its per-layer, per-head attention over [CLS] + patches, recorded from the model's own
 * attention layers ({@link AttentionRecorder}), together with the image ({@link PatchAttentionView}).
 */
public final class ImageAttentionProbe {

    private ImageAttentionProbe() {
    }

    /**
     * @param layer only this layer, or -1 for all
     * @param head  only this head, or -1 for all
     */
    public static PatchAttentionView imageClassifier(ImageClassifierModel model, ImageClassifierConfig c, String title, String source,
                                                     ImageExample example, boolean labelKnown, int layer, int head, List<String> classes) {
        if (c.channels() != 1) throw new IllegalArgumentException("only single-channel images can be drawn, the model takes " + c.channels());
        if (example.height() != c.imageSize() || example.width() != c.imageSize()) {
            throw new IllegalArgumentException("the model takes " + c.imageSize() + "x" + c.imageSize() + " images, this one is "
                    + example.height() + "x" + example.width());
        }
        if (layer < -1 || layer >= c.layers()) throw new IllegalArgumentException("layer " + layer + " does not exist (0.." + (c.layers() - 1) + ")");
        if (head < -1 || head >= c.heads()) throw new IllegalArgumentException("head " + head + " does not exist (0.." + (c.heads() - 1) + ")");
        if (classes.size() != c.classes()) throw new IllegalArgumentException(classes.size() + " class names for " + c.classes() + " classes");
        Tensor images = Tensor.of(example.pixels(), 1, 1, example.height(), example.width());
        boolean was = model.isTraining();
        model.eval();
        Tensor[] logits = new Tensor[1];
        Map<String, List<Tensor>> recorded;
        try (var off = Autograd.noGrad()) {
            recorded = AttentionRecorder.capture(model, () -> logits[0] = model.forward(images));
        } finally {
            model.train(was);
        }
        if (recorded.isEmpty()) {
            throw new IllegalArgumentException("the model has no dojo.nn.MultiheadAttention layer to record (built without the library?)");
        }
        int n = c.tokens();
        List<Tensor> layers = recorded.values().stream().map(calls -> calls.get(calls.size() - 1)).toList();
        List<AttentionMap> maps = new ArrayList<>();
        for (int l = 0; l < layers.size(); l++) {
            if (layer >= 0 && l != layer) continue;
            Tensor w = layers.get(l);                                 // [1, H, 1 + N, 1 + N]
            if (w.dim() != 4 || w.size(2) != n || w.size(3) != n) {
                throw new IllegalArgumentException("attention layer " + l + " recorded weights of shape " + java.util.Arrays.toString(w.shape())
                        + ", not [1, H, " + n + ", " + n + "] over [CLS] + " + c.patches() + " patches");
            }
            double[] a = w.contiguous().toArray();
            for (int k = 0; k < w.size(1); k++) {
                if (head >= 0 && k != head) continue;
                double[][] m = new double[n][n];
                for (int q = 0; q < n; q++) System.arraycopy(a, (k * n + q) * n, m[q], 0, n);
                maps.add(new AttentionMap(l, k, m));
            }
        }
        double[] probs = logits[0].softmax(-1).toArray();
        AttentionView view = new AttentionView(title, source, PatchAttentionView.tokenLabels(c.grid(), c.grid()), new boolean[n],
                layers.size(), layers.get(0).size(1), maps, classes, probs, labelKnown ? example.label() : -1);
        return new PatchAttentionView(view, example.pixels(), example.height(), example.width(), c.patchSize());
    }
}
