package dojo.exercise.api;

import dojo.tensor.Tensor;
import java.util.Arrays;

/**
 * A batch of captioned images (exercise ex19_multimodal_sentiment): captions padded on the right with
 * {@link #PAD} to one length, {@code ids} row-major [batch, length]; {@code images} [batch, C, H, W];
 * {@code labels} one per example (class ids; any values when only predicting).
 */
public record SentimentBatch(int[] ids, int batch, int length, Tensor images, int[] labels) {

    public static final int PAD = TokenBatch.PAD;

    public SentimentBatch {
        if (batch < 1 || length < 1) throw new IllegalArgumentException("a batch needs at least one example of at least one token, was [" + batch + ", " + length + "]");
        if (ids.length != batch * length) throw new IllegalArgumentException(ids.length + " ids for [" + batch + ", " + length + "]");
        if (labels.length != batch) throw new IllegalArgumentException(labels.length + " labels for a batch of " + batch);
        if (images.dim() != 4 || images.size(0) != batch) {
            throw new IllegalArgumentException("images must be [" + batch + ", C, H, W], shape is " + Arrays.toString(images.shape()));
        }
        ids = ids.clone();
        labels = labels.clone();
    }

    @Override
    public int[] ids() {
        return ids.clone();
    }

    @Override
    public int[] labels() {
        return labels.clone();
    }

    /** The captions alone, as a {@link TokenBatch} (same ids, padding and labels). */
    public TokenBatch text() {
        return new TokenBatch(ids, batch, length, labels);
    }

    /** [batch, length] with 1 where the token is padding (PyTorch's key_padding_mask convention). */
    public Tensor paddingMask() {
        return text().paddingMask();
    }

    /** [batch, length, 1] with 1 on real tokens and 0 on padding, for masked pooling. */
    public Tensor keepMask() {
        return text().keepMask();
    }

    /** The same examples padded to {@code newLength} (at least {@link #length()}) with more {@link #PAD}. */
    public SentimentBatch padTo(int newLength) {
        if (newLength < length) throw new IllegalArgumentException("cannot pad length " + length + " down to " + newLength);
        int[] out = new int[batch * newLength];
        for (int b = 0; b < batch; b++) System.arraycopy(ids, b * length, out, b * newLength, length);
        return new SentimentBatch(out, batch, newLength, images, labels);
    }
}
