package ex15_speech_ctc;

import dojo.exercise.api.CtcOutput;
import dojo.exercise.api.NotImplementedYet;
import dojo.exercise.api.SpectrogramBatch;
import dojo.exercise.api.SpeechRecognizerConfig;
import dojo.exercise.api.SpeechRecognizerModel;
import dojo.tensor.Generator;

/*
 * Part 1 of 3: the model. The original interview document's VoiceRecognizer ran Conv1d over a tensor whose
 * "length" was the frequency axis (unsqueeze(1) made one channel for a Conv1d that expected audio_size),
 * flattened 64*3*3 numbers that never existed and had no sequence output for a sequence loss. Here:
 *
 *   features [B, T, F]  --zero the padding frames--> transpose(1, 2) -> [B, F, T]     (bins are channels)
 *   conv1 = Conv1d(F, d, 3, stride 2, padding 1), GELU                 -> [B, d, T1], T1 = (T + 1) / 2
 *   zero conv1's padding frames (lengths l1 = (l + 1) / 2)
 *   conv2 = Conv1d(d, d, 3, stride 2, padding 1), GELU, transpose      -> [B, T2, d], l2 = (l1 + 1) / 2
 *   + position.weight[:T2]  (LearnedPositionalEncoding, key "position")
 *   encoder = TransformerEncoder(layers, post-LN, ReLU, dropout 0) with key padding (t >= l2 is padding)
 *   head = Linear(d, V + 1), logSoftmax over the last dim               -> CtcOutput(logProbs, l2)
 *
 * Register the modules with exactly these names (conv1, conv2, position, encoder, head): the tests load
 * PyTorch's state_dict into your model. SpeechRecognizerModel's javadoc has the PyTorch twin.
 *
 * Trap: a stride-2 convolution with padding 1 reads one frame past the end of each example. If that frame
 * is padding (noise, or conv1's output at a padded position), the last real output changes with the padding.
 *
 * Grade: ./dojo grade ex15_speech_ctc (or mvn test); train: ./dojo train speech-recognizer --tree exercises
 */
public final class SpeechRecognizer extends SpeechRecognizerModel {

    public SpeechRecognizer(SpeechRecognizerConfig config, Generator generator) {
        throw new NotImplementedYet();
    }

    @Override
    public CtcOutput forward(SpectrogramBatch batch) {
        throw new NotImplementedYet();
    }
}
