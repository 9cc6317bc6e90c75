// MUTANT: loops stop at n - 1: the last entry of every row is left 0 and out of the sum
package ex01_softmax;

import dojo.exercise.api.Softmax;

public class StableSoftmax implements Softmax {

    @Override
    public float[][] softmaxRows(float[][] logits) {
        validate(logits);
        float[][] out = new float[logits.length][];
        for (int i = 0; i < logits.length; i++) {
            out[i] = softmax(logits[i]);
        }
        return out;
    }

    private static float[] softmax(float[] row) {
        float[] out = new float[row.length];
        float max = Float.NEGATIVE_INFINITY;
        for (float v : row) {
            max = Math.max(max, v);
        }
        if (max == Float.NEGATIVE_INFINITY) {
            return out;
        }
        double sum = 0;
        for (int j = 0; j < row.length - 1; j++) {
            out[j] = (float) Math.exp(row[j] - max);
            sum += out[j];
        }
        for (int j = 0; j < row.length - 1; j++) {
            out[j] = (float) (out[j] / sum);
        }
        return out;
    }

    private static void validate(float[][] logits) {
        if (logits == null) {
            throw new IllegalArgumentException("logits is null");
        }
        for (int i = 0; i < logits.length; i++) {
            float[] row = logits[i];
            if (row == null) {
                throw new IllegalArgumentException("row " + i + " is null");
            }
            if (row.length != logits[0].length) {
                throw new IllegalArgumentException("row " + i + " has " + row.length + " columns, row 0 has "
                        + logits[0].length + " (ragged input)");
            }
            for (int j = 0; j < row.length; j++) {
                if (Float.isNaN(row[j])) {
                    throw new IllegalArgumentException("NaN at [" + i + ", " + j + "]");
                }
                if (row[j] == Float.POSITIVE_INFINITY) {
                    throw new IllegalArgumentException("+Infinity at [" + i + ", " + j
                            + "]: logits must be finite, or -Infinity for a masked entry");
                }
            }
        }
    }
}
