package dojo.models;

import dojo.models.data.ImageExample;
import dojo.tensor.Functional;
import dojo.tensor.Tensor;
import java.util.List;

/** Cross-entropy training and accuracy of an {@link ImageClassifier} on single-channel images. */
public record ImageClassification(ImageClassifier model) implements Objective<ImageExample> {

    /** [batch, 1, height, width]. */
    public static Tensor images(List<ImageExample> examples) {
        ImageExample first = examples.get(0);
        int hw = first.height() * first.width();
        double[] px = new double[examples.size() * hw];
        for (int i = 0; i < examples.size(); i++) System.arraycopy(examples.get(i).pixels(), 0, px, i * hw, hw);
        return Tensor.of(px, examples.size(), 1, first.height(), first.width());
    }

    private static int[] labels(List<ImageExample> examples) {
        return examples.stream().mapToInt(ImageExample::label).toArray();
    }

    @Override
    public Tensor loss(List<ImageExample> batch) {
        return Functional.crossEntropy(model.forward(images(batch)), labels(batch));
    }

    @Override
    public double metric(List<ImageExample> examples) {
        int correct = 0;
        for (int from = 0; from < examples.size(); from += 512) {
            List<ImageExample> part = examples.subList(from, Math.min(examples.size(), from + 512));
            int[] pred = model.forward(images(part)).argmax(1, false).toIntArray();
            int[] y = labels(part);
            for (int i = 0; i < pred.length; i++) if (pred[i] == y[i]) correct++;
        }
        return (double) correct / examples.size();
    }
}
