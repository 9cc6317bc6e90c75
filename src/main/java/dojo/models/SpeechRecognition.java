package dojo.models;

import dojo.exercise.api.CtcOutput;
import dojo.exercise.api.SpectrogramBatch;
import dojo.exercise.api.SpeechRecognizerModel;
import dojo.models.data.SpokenUtterance;
import dojo.tensor.Functional;
import dojo.tensor.Tensor;
import java.util.Arrays;
import java.util.List;

/**
 * CTC training and sequence-accuracy scoring of a {@link SpeechRecognizerModel}: the loss is the library's
 * {@link Functional#ctcLoss} (blank 0, mean over examples of the loss per target label, zero_infinity), the
 * metric the fraction of utterances whose greedy decoding equals the whole transcript (evaluated in
 * chunks of 256). The framework's loss and decoder are used for every model, the learner's included, so
 * all are scored alike; the learner's own loss and decoder are graded by the exercise suites.
 */
public record SpeechRecognition(SpeechRecognizerModel model) implements Objective<SpokenUtterance> {

    @Override
    public Tensor loss(List<SpokenUtterance> batch) {
        CtcOutput out = model.forward(SpeechBatches.of(batch));
        return Functional.ctcLoss(out.logProbs(), out.lengths(), SpeechBatches.transcripts(batch), CtcDecoding.BLANK, true);
    }

    @Override
    public double metric(List<SpokenUtterance> examples) {
        int correct = 0;
        for (int from = 0; from < examples.size(); from += 256) {
            List<SpokenUtterance> chunk = examples.subList(from, Math.min(examples.size(), from + 256));
            int[][] decoded = decode(chunk);
            for (int i = 0; i < decoded.length; i++) if (Arrays.equals(decoded[i], chunk.get(i).phones())) correct++;
        }
        return (double) correct / examples.size();
    }

    /** The greedy transcripts of the model for these utterances. */
    public int[][] decode(List<SpokenUtterance> utterances) {
        SpectrogramBatch b = SpeechBatches.of(utterances);
        CtcOutput out = model.forward(b);
        return CtcDecoding.greedy(out.logProbs(), out.lengths());
    }
}
