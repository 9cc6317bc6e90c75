package dojo.models;

import dojo.exercise.api.MultiTaskBatch;
import dojo.exercise.api.MultiTaskLogits;
import dojo.exercise.api.MultiTaskModel;
import dojo.models.data.MultiTaskExample;
import java.util.List;

/**
 * Training and scoring of a {@link MultiTaskModel}: the loss is the model's own weighted sum of the two
 * cross-entropies ({@link MultiTaskModel#loss}); the metric is the SMALLER of the two task accuracies, so a
 * model only meets a target when both tasks do (evaluated in chunks of 512).
 */
public record MultiTaskClassification(MultiTaskModel model) implements Objective<MultiTaskExample> {

    /** Accuracy of each task on the same examples. */
    public record Accuracies(double taskA, double taskB) {
        public double min() {
            return Math.min(taskA, taskB);
        }
    }

    /** The examples as one batch padded to its longest sequence. */
    public static MultiTaskBatch batch(List<MultiTaskExample> examples) {
        int n = examples.size();
        int[][] seqs = new int[n][];
        int[] a = new int[n], b = new int[n];
        for (int i = 0; i < n; i++) {
            MultiTaskExample e = examples.get(i);
            seqs[i] = e.tokens();
            a[i] = e.labelA();
            b[i] = e.labelB();
        }
        return MultiTaskBatch.of(seqs, a, b);
    }

    @Override
    public dojo.tensor.Tensor loss(List<MultiTaskExample> batch) {
        return model.loss(batch(batch));
    }

    @Override
    public double metric(List<MultiTaskExample> examples) {
        return accuracies(examples).min();
    }

    /** Both task accuracies (call in eval mode with recording off, e.g. through {@link Trainer#evaluate}). */
    public Accuracies accuracies(List<MultiTaskExample> examples) {
        if (examples.isEmpty()) return new Accuracies(Double.NaN, Double.NaN);
        int correctA = 0, correctB = 0;
        for (int from = 0; from < examples.size(); from += 512) {
            MultiTaskBatch b = batch(examples.subList(from, Math.min(examples.size(), from + 512)));
            MultiTaskLogits out = model.forward(b);
            int[] pa = out.taskA().argmax(1, false).toIntArray(), pb = out.taskB().argmax(1, false).toIntArray();
            int[] la = b.labelsA(), lb = b.labelsB();
            for (int i = 0; i < pa.length; i++) {
                if (pa[i] == la[i]) correctA++;
                if (pb[i] == lb[i]) correctB++;
            }
        }
        return new Accuracies((double) correctA / examples.size(), (double) correctB / examples.size());
    }
}
