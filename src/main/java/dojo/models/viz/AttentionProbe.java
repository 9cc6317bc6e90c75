package dojo.models.viz;

import dojo.exercise.api.TextClassifierConfig;
import dojo.exercise.api.TextClassifierModel;
import dojo.exercise.api.TokenBatch;
import dojo.models.data.TextExample;
import dojo.tensor.Autograd;
import dojo.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs a trained text classifier on one sequence (in eval mode, autograd off) and returns its per-layer,
 * per-head attention maps, recorded from the model's own attention layers ({@link AttentionRecorder}).
 */
public final class AttentionProbe {

    /** Class names of the "does the last token occur earlier?" task. */
    public static final List<String> LAST_TOKEN_CLASSES = List.of("no repeat", "repeats");

    private AttentionProbe() {
    }

    /**
     * @param padTo    pad the sequence to this many positions, as in a training batch (>= the sequence's length)
     * @param layer    only this layer, or -1 for all
     * @param head     only this head, or -1 for all
     */
    public static AttentionView textClassifier(TextClassifierModel model, TextClassifierConfig c, String title, String source,
                                               TextExample example, boolean labelKnown, int padTo, int layer, int head, List<String> classes) {
        int n = example.length();
        if (n < 1) throw new IllegalArgumentException("the sequence is empty");
        if (padTo < n) throw new IllegalArgumentException("cannot pad a sequence of " + n + " tokens to " + padTo);
        if (padTo > c.maxLen()) throw new IllegalArgumentException("the model takes at most " + c.maxLen() + " positions, asked for " + padTo);
        if (layer < -1 || layer >= c.layers()) throw new IllegalArgumentException("layer " + layer + " does not exist (0.." + (c.layers() - 1) + ")");
        if (head < -1 || head >= c.heads()) throw new IllegalArgumentException("head " + head + " does not exist (0.." + (c.heads() - 1) + ")");
        if (classes.size() != c.classes()) throw new IllegalArgumentException(classes.size() + " class names for " + c.classes() + " classes");
        TokenBatch batch = TextExample.batch(List.of(example), padTo);
        boolean was = model.isTraining();
        model.eval();
        Tensor[] logits = new Tensor[1];
        Map<String, List<Tensor>> recorded;
        try (var off = Autograd.noGrad()) {
            recorded = AttentionRecorder.capture(model, () -> logits[0] = model.forward(batch));
        } finally {
            model.train(was);
        }
        if (recorded.isEmpty()) {
            throw new IllegalArgumentException("the model has no dojo.nn.MultiheadAttention layer to record (built without the library?)");
        }
        List<Tensor> layers = recorded.values().stream().map(calls -> calls.get(calls.size() - 1)).toList();
        List<AttentionMap> maps = new ArrayList<>();
        for (int l = 0; l < layers.size(); l++) {
            if (layer >= 0 && l != layer) continue;
            Tensor w = layers.get(l);                                 // [1, H, L, L]
            double[] a = w.contiguous().toArray();
            int h = w.size(1);
            for (int k = 0; k < h; k++) {
                if (head >= 0 && k != head) continue;
                double[][] m = new double[padTo][padTo];
                for (int q = 0; q < padTo; q++) {
                    System.arraycopy(a, (k * padTo + q) * padTo, m[q], 0, padTo);
                }
                maps.add(new AttentionMap(l, k, m));
            }
        }
        double[] probs = logits[0].softmax(-1).toArray();
        int[] ids = batch.ids();
        List<String> tokens = new ArrayList<>();
        boolean[] pad = new boolean[padTo];
        for (int i = 0; i < padTo; i++) {
            pad[i] = ids[i] == TokenBatch.PAD;
            tokens.add(pad[i] ? "pad" : Integer.toString(ids[i]));
        }
        return new AttentionView(title, source, tokens, pad, layers.size(), layers.get(0).size(1), maps, classes, probs,
                labelKnown ? example.label() : -1);
    }

    /**
     * Runs {@code model} on a {@link VizCase} (eval mode, autograd off) and returns the maps of its attention layers,
     * in the model's registration order: every layer the case describes ({@link VizCase#axes()}: cross-attention,
     * an image tower, each with its own row and column labels; one drawn layer per description that covers it),
     * and every other layer that is self-attention over the case's tokens. Layers that are neither (a decoder's
     * cached steps) are left out.
     *
     * @param layer only this layer (index among the layers drawn), or -1 for all
     * @param head  only this head, or -1 for all
     * @throws IllegalArgumentException when a described layer recorded weights of another shape than its labels
     */
    public static AttentionView run(dojo.nn.Module model, String title, VizCase c, int layer, int head) {
        boolean was = model.isTraining();
        model.eval();
        Tensor[] out = new Tensor[1];
        Map<String, List<Tensor>> recorded;
        try (var off = Autograd.noGrad()) {
            recorded = AttentionRecorder.capture(model, () -> out[0] = c.forward().get());
        } finally {
            model.train(was);
        }
        int n = c.tokens().size();
        List<Tensor> weights = new ArrayList<>();
        List<Integer> rows = new ArrayList<>();
        List<AttentionView.Layer> described = new ArrayList<>();
        for (Map.Entry<String, List<Tensor>> e : recorded.entrySet()) {
            String path = e.getKey();
            Tensor w = e.getValue().get(e.getValue().size() - 1);      // [B, H, Lq, Lk]
            List<VizCase.Axes> axes = c.axes().stream().filter(a -> a.covers(path)).toList();
            if (axes.isEmpty()) {
                if (w.dim() == 4 && w.size(0) == 1 && w.size(2) == n && w.size(3) == n) {
                    weights.add(w);
                    rows.add(0);
                    described.add(new AttentionView.Layer(path, null, c.tokens(), c.padding(), c.tokens(), c.padding()));
                }
                continue;
            }
            for (VizCase.Axes a : axes) {
                int lq = a.labels().queries().size(), lk = a.labels().keys().size();
                if (w.dim() != 4 || w.size(0) <= a.batchRow() || w.size(2) != lq || w.size(3) != lk) {
                    throw new IllegalArgumentException(path + " recorded attention weights of shape " + java.util.Arrays.toString(w.shape())
                            + ", expected [B > " + a.batchRow() + ", heads, " + lq + ", " + lk + "] (" + lq + " queries x " + lk + " keys)");
                }
                weights.add(w);
                rows.add(a.batchRow());
                described.add(a.at(path));
            }
        }
        if (weights.isEmpty()) {
            throw new IllegalArgumentException("the model has no self-attention layer (dojo.nn.MultiheadAttention) over the "
                    + n + " positions of this example to draw");
        }
        int heads = weights.stream().mapToInt(w -> w.size(1)).max().orElseThrow();
        if (layer < -1 || layer >= weights.size()) throw new IllegalArgumentException("layer " + layer + " does not exist (0.." + (weights.size() - 1) + ")");
        if (head < -1 || head >= heads) throw new IllegalArgumentException("head " + head + " does not exist (0.." + (heads - 1) + ")");
        List<AttentionMap> maps = new ArrayList<>();
        for (int l = 0; l < weights.size(); l++) {
            if (layer >= 0 && l != layer) continue;
            Tensor w = weights.get(l);
            double[] a = w.contiguous().toArray();
            int h = w.size(1), lq = w.size(2), lk = w.size(3);
            for (int k = 0; k < h; k++) {
                if (head >= 0 && k != head) continue;
                double[][] m = new double[lq][lk];
                for (int q = 0; q < lq; q++) System.arraycopy(a, ((rows.get(l) * h + k) * lq + q) * lk, m[q], 0, lk);
                maps.add(new AttentionMap(l, k, m));
            }
        }
        double[] probs = new double[0];
        if (!c.classes().isEmpty() && out[0] != null) {
            Tensor logits = out[0].reshape(-1);
            if (logits.size(0) != c.classes().size()) {
                throw new IllegalArgumentException(logits.size(0) + " logits for " + c.classes().size() + " classes");
            }
            probs = logits.softmax(-1).toArray();
        }
        return new AttentionView(title, c.source(), c.tokens(), c.padding(), weights.size(), heads, maps,
                probs.length == 0 ? List.of() : c.classes(), probs, probs.length == 0 ? -1 : c.trueLabel(),
                c.axes().isEmpty() ? List.of() : described);
    }
}
