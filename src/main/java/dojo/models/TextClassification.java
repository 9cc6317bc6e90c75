package dojo.models;

import dojo.exercise.api.TokenClassifier;
import dojo.exercise.api.TokenBatch;
import dojo.models.data.TextExample;
import dojo.tensor.Functional;
import dojo.tensor.Tensor;
import java.util.List;

/** Cross-entropy training and accuracy scoring of a {@link TokenClassifier} (evaluated in chunks of 512). */
public record TextClassification(TokenClassifier model) implements Objective<TextExample> {

    @Override
    public Tensor loss(List<TextExample> batch) {
        TokenBatch b = TextExample.batch(batch);
        return Functional.crossEntropy(model.forward(b), b.labels());
    }

    @Override
    public double metric(List<TextExample> examples) {
        int correct = 0;
        for (int from = 0; from < examples.size(); from += 512) {
            TokenBatch b = TextExample.batch(examples.subList(from, Math.min(examples.size(), from + 512)));
            int[] pred = model.forward(b).argmax(1, false).toIntArray();
            for (int i = 0; i < pred.length; i++) if (pred[i] == b.labels()[i]) correct++;
        }
        return (double) correct / examples.size();
    }
}
