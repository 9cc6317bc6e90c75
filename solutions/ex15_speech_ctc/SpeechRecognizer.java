package ex15_speech_ctc;

import dojo.exercise.api.CtcOutput;
import dojo.exercise.api.SpectrogramBatch;
import dojo.exercise.api.SpeechRecognizerConfig;
import dojo.exercise.api.SpeechRecognizerModel;
import dojo.nn.AttentionMasks;
import dojo.nn.Conv1d;
import dojo.nn.LearnedPositionalEncoding;
import dojo.nn.Linear;
import dojo.nn.TransformerEncoder;
import dojo.nn.TransformerEncoderLayer;
import dojo.tensor.Generator;
import dojo.tensor.Tensor;
import java.util.Arrays;

/**
 * The original interview document's VoiceRecognizer (C6), corrected: frames on the sequence axis, two
 * stride-2 convolutions that subsample time by 4 (and whose output lengths are computed, not guessed),
 * learned positions, a transformer encoder that ignores padded frames, and one distribution over
 * V + 1 classes (blank = 0) per output frame, for a CTC loss.
 */
public final class SpeechRecognizer extends SpeechRecognizerModel {

    private final SpeechRecognizerConfig config;
    private final Conv1d conv1;
    private final Conv1d conv2;
    private final LearnedPositionalEncoding position;
    private final TransformerEncoder encoder;
    private final Linear head;

    public SpeechRecognizer(SpeechRecognizerConfig c, Generator g) {
        this.config = c;
        // frequency bins are the channels, time is the length: Conv1d(F, d), never Conv1d(1, ...) on unsqueeze(1)
        this.conv1 = registerModule("conv1", new Conv1d(c.features(), c.dModel(), 3, 2, 1, 1, true, g));
        this.conv2 = registerModule("conv2", new Conv1d(c.dModel(), c.dModel(), 3, 2, 1, 1, true, g));
        this.position = registerModule("position", new LearnedPositionalEncoding(c.maxOutputFrames(), c.dModel(), g));
        var layer = TransformerEncoderLayer.Options.of(c.dModel(), c.heads()).dimFeedforward(c.feedForward()).dropout(0.0);
        this.encoder = registerModule("encoder", new TransformerEncoder(layer, c.layers(), false, g));
        this.head = registerModule("head", new Linear(c.dModel(), c.classes(), g));
    }

    @Override
    public CtcOutput forward(SpectrogramBatch batch) {
        Tensor x = batch.features();
        int b = x.size(0), frames = x.size(1);
        if (x.size(2) != config.features() || frames > config.maxFrames()) {
            throw new IllegalArgumentException("SpeechRecognizer: features " + Arrays.toString(x.shape()) + " must be [B, T <= "
                    + config.maxFrames() + ", " + config.features() + "]");
        }
        int[] l0 = batch.lengths();
        x = x.mul(keep(l0, frames).reshape(b, frames, 1));                 // padding frames are zero, whatever was there
        Tensor h = conv1.forward(x.transpose(1, 2)).gelu("none");           // [B, d, T1]
        int t1 = h.size(2);
        int[] l1 = halved(l0);
        h = h.mul(keep(l1, t1).reshape(b, 1, t1));                         // conv2 must read zeros past each end
        h = conv2.forward(h).gelu("none").transpose(1, 2);                  // [B, T2, d]
        int t2 = h.size(1);
        int[] l2 = halved(l1);
        h = position.forward(h);
        h = encoder.forward(h, AttentionMasks.none().withKeyPadding(SpectrogramBatch.paddingMask(l2, t2)));
        return new CtcOutput(head.forward(h).logSoftmax(2), l2);           // [B, T2, V + 1]
    }

    /** Output length of Conv1d(kernel 3, stride 2, padding 1): floor((L + 2 - 3) / 2) + 1 = ceil(L / 2). */
    private static int[] halved(int[] lengths) {
        int[] out = new int[lengths.length];
        for (int i = 0; i < lengths.length; i++) out[i] = (lengths[i] + 1) / 2;
        return out;
    }

    /** [B, T] with 1 on real frames, 0 on padding. */
    private static Tensor keep(int[] lengths, int frames) {
        double[] m = new double[lengths.length * frames];
        for (int i = 0; i < lengths.length; i++) {
            for (int t = 0; t < Math.min(lengths[i], frames); t++) m[i * frames + t] = 1;
        }
        return Tensor.of(m, lengths.length, frames);
    }
}
