package dojo.models;

import dojo.exercise.api.TokenBatch;
import dojo.models.data.LayoutImage;
import dojo.tensor.Functional;
import dojo.tensor.Tensor;
import java.util.Arrays;
import java.util.List;

/**
 * The framework's own retrieval objective pieces: the symmetric InfoNCE loss (what the baseline trains
 * with) and recall@k (what every run is scored with, whoever wrote the model), plus the batch tensors of
 * captioned images.
 */
public final class Retrieval {

    private Retrieval() {
    }

    /** Images [n, 1, H, W]. */
    public static Tensor images(List<LayoutImage> examples) {
        LayoutImage first = examples.get(0);
        int hw = first.height() * first.width();
        double[] px = new double[examples.size() * hw];
        for (int i = 0; i < examples.size(); i++) System.arraycopy(examples.get(i).pixels(), 0, px, i * hw, hw);
        return Tensor.of(px, examples.size(), 1, first.height(), first.width());
    }

    /** Captions padded on the right with 0 to the longest one (labels: the example's index). */
    public static TokenBatch captions(List<LayoutImage> examples) {
        int len = examples.stream().mapToInt(e -> e.caption().length).max().orElse(0);
        return captions(examples, len);
    }

    /** Captions padded to {@code length}. */
    public static TokenBatch captions(List<LayoutImage> examples, int length) {
        int b = examples.size();
        int[] ids = new int[b * length], labels = new int[b];
        for (int i = 0; i < b; i++) {
            int[] t = examples.get(i).caption();
            if (t.length > length) throw new IllegalArgumentException("caption of length " + t.length + " does not fit in " + length);
            System.arraycopy(t, 0, ids, i * length, t.length);
            labels[i] = i;
        }
        return new TokenBatch(ids, b, length, labels);
    }

    /** (CE(logits, arange) + CE(logits^T, arange)) / 2 for logits [N, N] per image. */
    public static Tensor symmetricInfoNce(Tensor logitsPerImage) {
        if (logitsPerImage.dim() != 2 || logitsPerImage.size(0) != logitsPerImage.size(1)) {
            throw new IllegalArgumentException("logits must be square [N, N], shape is " + Arrays.toString(logitsPerImage.shape()));
        }
        int[] target = new int[logitsPerImage.size(0)];
        for (int i = 0; i < target.length; i++) target[i] = i;
        return Functional.crossEntropy(logitsPerImage, target).add(Functional.crossEntropy(logitsPerImage.t(), target)).div(2);
    }

    /**
     * Recall@k of square scores (row = query, its match = the same column), ties counted against the query:
     * a hit when fewer than k wrong items score at least as high as the right one.
     */
    public static double recallAtK(Tensor scores, int k) {
        if (scores.dim() != 2 || scores.size(0) != scores.size(1) || scores.size(0) < 1) {
            throw new IllegalArgumentException("scores must be square [N, N], shape is " + Arrays.toString(scores.shape()));
        }
        if (k < 1) throw new IllegalArgumentException("k must be at least 1, was " + k);
        int n = scores.size(0);
        double[] s = scores.contiguous().toArray();
        int hits = 0;
        for (int i = 0; i < n; i++) {
            double right = s[i * n + i];
            int above = 0;
            for (int j = 0; j < n && above < k; j++) if (j != i && s[i * n + j] >= right) above++;
            if (above < k) hits++;
        }
        return (double) hits / n;
    }
}
