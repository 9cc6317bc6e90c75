package dojo.exercise.api;

import dojo.tensor.Tensor;
import java.util.List;

/**
 * Token sequences padded on the right with {@link #PAD} (id 0) to one length: {@code ids} row-major
 * [batch, length], {@code labels} one per sequence (class indices; unused by a model's forward).
 * {@link #paddingMask()} is PyTorch's {@code src_key_padding_mask} (1 = padding), {@link #keepMask()}
 * its complement shaped for masked pooling.
 */
public record TokenBatch(int[] ids, int batch, int length, int[] labels) {

    public static final int PAD = 0;

    public TokenBatch {
        if (ids.length != batch * length) throw new IllegalArgumentException(ids.length + " ids for [" + batch + ", " + length + "]");
        if (labels.length != batch) throw new IllegalArgumentException(labels.length + " labels for a batch of " + batch);
    }

    /** Pads to the longest sequence. */
    public static TokenBatch of(List<int[]> sequences, int[] labels) {
        return of(sequences, labels, sequences.stream().mapToInt(t -> t.length).max().orElse(0));
    }

    /** Pads to {@code length} (at least the longest sequence); token id 0 is reserved for padding. */
    public static TokenBatch of(List<int[]> sequences, int[] labels, int length) {
        int b = sequences.size();
        if (labels.length != b) throw new IllegalArgumentException(labels.length + " labels for " + b + " sequences");
        int[] ids = new int[b * length];
        for (int i = 0; i < b; i++) {
            int[] t = sequences.get(i);
            if (t.length > length) throw new IllegalArgumentException("sequence of length " + t.length + " does not fit in " + length);
            for (int j = 0; j < t.length; j++) {
                if (t[j] == PAD) throw new IllegalArgumentException("token id " + PAD + " is reserved for padding");
                ids[i * length + j] = t[j];
            }
        }
        return new TokenBatch(ids, b, length, labels.clone());
    }

    /** [batch, length] with 1 where the position is padding (PyTorch's key_padding_mask convention). */
    public Tensor paddingMask() {
        double[] m = new double[ids.length];
        for (int i = 0; i < ids.length; i++) m[i] = ids[i] == PAD ? 1 : 0;
        return Tensor.of(m, batch, length);
    }

    /** [batch, length, 1] with 1 on real tokens and 0 on padding, for masked pooling. */
    public Tensor keepMask() {
        double[] m = new double[ids.length];
        for (int i = 0; i < ids.length; i++) m[i] = ids[i] == PAD ? 0 : 1;
        return Tensor.of(m, batch, length, 1);
    }
}
