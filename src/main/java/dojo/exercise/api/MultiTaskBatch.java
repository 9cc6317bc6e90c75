package dojo.exercise.api;

import dojo.tensor.Tensor;
import java.util.Arrays;

/**
 * Token sequences for the multi-task classifier (exercise ex18_multitask), padded on the right with
 * {@link #PAD} to one length: {@code ids} row-major [batch, length]; {@code labelsA} and {@code labelsB}
 * one label per sequence for each task, or both null for an unlabelled batch (inference only).
 */
public record MultiTaskBatch(int[] ids, int batch, int length, int[] labelsA, int[] labelsB) {

    public static final int PAD = 0;

    public MultiTaskBatch {
        if (batch < 1 || length < 1) throw new IllegalArgumentException("a batch needs at least one sequence of at least one token, was [" + batch + ", " + length + "]");
        if (ids.length != batch * length) throw new IllegalArgumentException(ids.length + " ids for [" + batch + ", " + length + "]");
        if ((labelsA == null) != (labelsB == null)) throw new IllegalArgumentException("labelsA and labelsB must both be given or both be null");
        if (labelsA != null && labelsA.length != batch) throw new IllegalArgumentException(labelsA.length + " labelsA for a batch of " + batch);
        if (labelsB != null && labelsB.length != batch) throw new IllegalArgumentException(labelsB.length + " labelsB for a batch of " + batch);
        for (int i = 0; i < batch; i++) {
            if (ids[i * length] == PAD) throw new IllegalArgumentException("sequence " + i + " is empty (padding at position 0)");
            for (int j = 1; j < length; j++) {
                if (ids[i * length + j] != PAD && ids[i * length + j - 1] == PAD) {
                    throw new IllegalArgumentException("sequence " + i + " has a token after padding at position " + j + " (pad on the right only)");
                }
                if (ids[i * length + j] < 0) throw new IllegalArgumentException("negative token id " + ids[i * length + j] + " at [" + i + ", " + j + "]");
            }
        }
        ids = ids.clone();
        labelsA = labelsA == null ? null : labelsA.clone();
        labelsB = labelsB == null ? null : labelsB.clone();
    }

    /** Sequences (ids >= 1, no padding) padded on the right to {@code length} (at least the longest). */
    public static MultiTaskBatch of(int[][] sequences, int length, int[] labelsA, int[] labelsB) {
        int b = sequences.length;
        int[] ids = new int[b * length];
        for (int i = 0; i < b; i++) {
            int[] t = sequences[i];
            if (t.length > length) throw new IllegalArgumentException("sequence " + i + " of length " + t.length + " does not fit in " + length);
            for (int j = 0; j < t.length; j++) {
                if (t[j] == PAD) throw new IllegalArgumentException("token id " + PAD + " is reserved for padding (sequence " + i + ", position " + j + ")");
                ids[i * length + j] = t[j];
            }
        }
        return new MultiTaskBatch(ids, b, length, labelsA, labelsB);
    }

    /** Padded to the longest sequence. */
    public static MultiTaskBatch of(int[][] sequences, int[] labelsA, int[] labelsB) {
        return of(sequences, Arrays.stream(sequences).mapToInt(s -> s.length).max().orElse(0), labelsA, labelsB);
    }

    /** Without labels (forward only). */
    public static MultiTaskBatch unlabelled(int[][] sequences, int length) {
        return of(sequences, length, null, null);
    }

    public boolean labelled() {
        return labelsA != null;
    }

    @Override
    public int[] ids() {
        return ids.clone();
    }

    @Override
    public int[] labelsA() {
        return labelsA == null ? null : labelsA.clone();
    }

    @Override
    public int[] labelsB() {
        return labelsB == null ? null : labelsB.clone();
    }

    /** [batch, length] with 1 where the position is padding (PyTorch's key_padding_mask: True = ignore). */
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

    /** The number of real tokens of sequence {@code i}. */
    public int lengthOf(int i) {
        int n = 0;
        while (n < length && ids[i * length + n] != PAD) n++;
        return n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MultiTaskBatch m && m.batch == batch && m.length == length && Arrays.equals(m.ids, ids)
                && Arrays.equals(m.labelsA, labelsA) && Arrays.equals(m.labelsB, labelsB);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(ids) * 31 + Arrays.hashCode(labelsA) * 17 + Arrays.hashCode(labelsB);
    }

    @Override
    public String toString() {
        return "MultiTaskBatch[" + batch + " x " + length + (labelled() ? ", labelled" : "") + "]";
    }
}
