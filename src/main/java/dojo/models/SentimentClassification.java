package dojo.models;

import dojo.exercise.api.MultimodalSentimentModel;
import dojo.exercise.api.SentimentBatch;
import dojo.models.data.SentimentExample;
import dojo.tensor.Functional;
import dojo.tensor.Tensor;
import java.util.List;

/**
 * Cross-entropy training and accuracy scoring of a {@link MultimodalSentimentModel} on captioned images
 * (evaluated in chunks of 512).
 */
public record SentimentClassification(MultimodalSentimentModel model) implements Objective<SentimentExample> {

    /** Pads the captions to the longest one of the list and stacks the images into [B, 1, H, W]. */
    public static SentimentBatch batch(List<SentimentExample> examples) {
        if (examples.isEmpty()) throw new IllegalArgumentException("a batch needs at least one example");
        int len = examples.stream().mapToInt(SentimentExample::length).max().orElse(0);
        int b = examples.size();
        int h = examples.get(0).height();
        int w = examples.get(0).width();
        int[] ids = new int[b * len];
        int[] labels = new int[b];
        double[] px = new double[b * h * w];
        for (int i = 0; i < b; i++) {
            SentimentExample e = examples.get(i);
            if (e.height() != h || e.width() != w) {
                throw new IllegalArgumentException("image " + i + " is " + e.height() + "x" + e.width() + ", the first is " + h + "x" + w);
            }
            int[] t = e.tokens();
            for (int j = 0; j < t.length; j++) {
                if (t[j] == SentimentBatch.PAD) throw new IllegalArgumentException("token id 0 is reserved for padding");
                ids[i * len + j] = t[j];
            }
            System.arraycopy(e.pixels(), 0, px, i * h * w, h * w);
            labels[i] = e.label();
        }
        return new SentimentBatch(ids, b, len, Tensor.of(px, b, 1, h, w), labels);
    }

    @Override
    public Tensor loss(List<SentimentExample> examples) {
        SentimentBatch b = batch(examples);
        return Functional.crossEntropy(model.forward(b), b.labels());
    }

    @Override
    public double metric(List<SentimentExample> examples) {
        int correct = 0;
        for (int from = 0; from < examples.size(); from += 512) {
            SentimentBatch b = batch(examples.subList(from, Math.min(examples.size(), from + 512)));
            int[] pred = model.forward(b).argmax(1, false).toIntArray();
            int[] labels = b.labels();
            for (int i = 0; i < pred.length; i++) if (pred[i] == labels[i]) correct++;
        }
        return (double) correct / examples.size();
    }
}
