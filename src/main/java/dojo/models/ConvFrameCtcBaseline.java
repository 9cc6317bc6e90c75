package dojo.models;

import dojo.exercise.api.CtcOutput;
import dojo.exercise.api.SpectrogramBatch;
import dojo.exercise.api.SpeechRecognizerConfig;
import dojo.exercise.api.SpeechRecognizerModel;
import dojo.nn.Conv1d;
import dojo.nn.Linear;
import dojo.tensor.Generator;
import dojo.tensor.Tensor;
import java.util.Arrays;

/**
 * The no-attention baseline of the speech recognizer: the same two stride-2 convolutions (GELU, padding
 * frames zeroed before each), then an MLP applied to each output frame on its own ({@code mlp1} d -> ff,
 * ReLU, {@code mlp2} ff -> V + 1, log_softmax). No positions, no mixing across frames beyond the
 * convolutions' receptive field of 7 input frames. Trained with the same CTC recipe.
 */
public final class ConvFrameCtcBaseline extends SpeechRecognizerModel {

    private final SpeechRecognizerConfig config;
    private final Conv1d conv1;
    private final Conv1d conv2;
    private final Linear mlp1;
    private final Linear mlp2;

    public ConvFrameCtcBaseline(SpeechRecognizerConfig c, Generator g) {
        this.config = c;
        this.conv1 = registerModule("conv1", new Conv1d(c.features(), c.dModel(), 3, 2, 1, 1, true, g));
        this.conv2 = registerModule("conv2", new Conv1d(c.dModel(), c.dModel(), 3, 2, 1, 1, true, g));
        this.mlp1 = registerModule("mlp1", new Linear(c.dModel(), c.feedForward(), g));
        this.mlp2 = registerModule("mlp2", new Linear(c.feedForward(), c.classes(), g));
    }

    @Override
    public CtcOutput forward(SpectrogramBatch batch) {
        Tensor x = batch.features();
        int b = x.size(0), frames = x.size(1);
        if (x.size(2) != config.features() || frames > config.maxFrames()) {
            throw new IllegalArgumentException("ConvFrameCtcBaseline: features " + Arrays.toString(x.shape()) + " must be [B, T <= "
                    + config.maxFrames() + ", " + config.features() + "]");
        }
        int[] l0 = batch.lengths();
        x = x.mul(SpectrogramBatch.paddingMask(l0, frames).neg().add(1).reshape(b, frames, 1));
        Tensor h = conv1.forward(x.transpose(1, 2)).gelu("none");
        int[] l1 = new int[b], l2 = new int[b];
        for (int i = 0; i < b; i++) {
            l1[i] = (l0[i] + 1) / 2;
            l2[i] = (l1[i] + 1) / 2;
        }
        int t1 = h.size(2);
        h = h.mul(SpectrogramBatch.paddingMask(l1, t1).neg().add(1).reshape(b, 1, t1));
        h = conv2.forward(h).gelu("none").transpose(1, 2);
        return new CtcOutput(mlp2.forward(mlp1.forward(h).relu()).logSoftmax(2), l2);
    }
}
