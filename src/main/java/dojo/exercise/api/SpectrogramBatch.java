package dojo.exercise.api;

import dojo.tensor.Tensor;
import java.util.Arrays;

/**
 * Spectrograms padded on the right to one length: {@code features} [B, T, F] (batch, frames, frequency
 * bins), and {@code lengths}[b], the real frames of example b (1..T). Frames at and after lengths[b] are
 * padding: their values mean nothing (usually zeros, but a model must not depend on them).
 */
public record SpectrogramBatch(Tensor features, int[] lengths) {

    public SpectrogramBatch {
        if (features == null || lengths == null) throw new IllegalArgumentException("features and lengths must not be null");
        if (features.dim() != 3) {
            throw new IllegalArgumentException("features must be [B, T, F], shape is " + Arrays.toString(features.shape()));
        }
        if (lengths.length != features.size(0)) {
            throw new IllegalArgumentException(lengths.length + " lengths for a batch of " + features.size(0)
                    + " (features " + Arrays.toString(features.shape()) + ")");
        }
        for (int b = 0; b < lengths.length; b++) {
            if (lengths[b] < 1 || lengths[b] > features.size(1)) {
                throw new IllegalArgumentException("lengths[" + b + "] = " + lengths[b] + " must be in 1.." + features.size(1)
                        + " (features " + Arrays.toString(features.shape()) + ")");
            }
        }
        lengths = lengths.clone();
    }

    @Override
    public int[] lengths() {
        return lengths.clone();
    }

    public int batch() {
        return features.size(0);
    }

    public int frames() {
        return features.size(1);
    }

    /** [B, T] with 1 where the frame is padding (PyTorch's key_padding_mask convention). */
    public Tensor paddingMask() {
        return paddingMask(lengths, frames());
    }

    /** [B, T] with 1 at positions t >= lengths[b]. */
    public static Tensor paddingMask(int[] lengths, int frames) {
        double[] m = new double[lengths.length * frames];
        for (int b = 0; b < lengths.length; b++) {
            for (int t = lengths[b]; t < frames; t++) m[b * frames + t] = 1;
        }
        return Tensor.of(m, lengths.length, frames);
    }
}
