package dojo.models;

import dojo.exercise.api.CaptionImageBatch;
import dojo.exercise.api.MultimodalClassifierModel;
import dojo.exercise.api.TokenBatch;
import dojo.models.data.CaptionedImage;
import dojo.tensor.Functional;
import dojo.tensor.Tensor;
import java.util.List;

/**
 * Cross-entropy training and accuracy of a {@link MultimodalClassifierModel} on (caption, image) pairs
 * (evaluated in chunks of 512); captions are padded on the right to the longest of the batch.
 */
public record CaptionMatching(MultimodalClassifierModel model) implements Objective<CaptionedImage> {

    /** Captions [B, L] (padded with 0 to the longest) and single-channel images [B, 1, H, W], with the labels. */
    public static CaptionImageBatch batch(List<CaptionedImage> examples) {
        int length = examples.stream().mapToInt(CaptionedImage::length).max().orElse(0);
        return batch(examples, length);
    }

    /** As {@link #batch(List)}, captions padded to {@code length} (at least the longest). */
    public static CaptionImageBatch batch(List<CaptionedImage> examples, int length) {
        if (examples.isEmpty()) throw new IllegalArgumentException("a batch needs at least one example");
        int b = examples.size();
        int size = examples.get(0).size();
        int[] ids = new int[b * length];
        int[] labels = new int[b];
        double[] px = new double[b * size * size];
        for (int i = 0; i < b; i++) {
            CaptionedImage e = examples.get(i);
            if (e.size() != size) throw new IllegalArgumentException("images of sizes " + size + " and " + e.size() + " in one batch");
            int[] t = e.tokens();
            if (t.length > length) throw new IllegalArgumentException("caption of length " + t.length + " does not fit in " + length);
            System.arraycopy(t, 0, ids, i * length, t.length);
            System.arraycopy(e.pixels(), 0, px, i * size * size, size * size);
            labels[i] = e.label();
        }
        return new CaptionImageBatch(new TokenBatch(ids, b, length, labels), Tensor.of(px, b, 1, size, size));
    }

    @Override
    public Tensor loss(List<CaptionedImage> batch) {
        CaptionImageBatch b = batch(batch);
        return Functional.crossEntropy(model.forward(b), b.labels());
    }

    @Override
    public double metric(List<CaptionedImage> examples) {
        int correct = 0;
        for (int from = 0; from < examples.size(); from += 512) {
            CaptionImageBatch b = batch(examples.subList(from, Math.min(examples.size(), from + 512)));
            int[] pred = model.forward(b).argmax(1, false).toIntArray();
            for (int i = 0; i < pred.length; i++) if (pred[i] == b.labels()[i]) correct++;
        }
        return (double) correct / examples.size();
    }
}
