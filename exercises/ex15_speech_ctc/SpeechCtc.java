package ex15_speech_ctc;

import dojo.exercise.api.SpeechRecognizerConfig;
import dojo.exercise.api.SpeechRecognizerExercise;
import dojo.exercise.api.SpeechRecognizerModel;
import dojo.tensor.Generator;
import dojo.tensor.Tensor;

/** The grader's entry point: the model, the CTC loss and the greedy decoder of this folder. */
public final class SpeechCtc implements SpeechRecognizerExercise {

    @Override
    public SpeechRecognizerModel build(SpeechRecognizerConfig config, Generator generator) {
        return new SpeechRecognizer(config, generator);
    }

    @Override
    public Tensor ctcLoss(Tensor logProbs, int[] inputLengths, int[][] targets) {
        return CtcLoss.compute(logProbs, inputLengths, targets);
    }

    @Override
    public int[][] greedyDecode(Tensor logProbs, int[] lengths) {
        return GreedyCtcDecoder.decode(logProbs, lengths);
    }
}
