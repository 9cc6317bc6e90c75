// MUTANT: subtracts the max of the whole matrix instead of each row's own max: rows far below it underflow to 0/0
package ex01_softmax;

import dojo.exercise.api.Softmax;

public class StableSoftmax implements Softmax {

    @Override
    public float[][] softmaxRows(float[][] logits) {
        validate(logits);
        float max = Float.NEGATIVE_INFINITY;
        for (float[] row : logits) {
            for (float v : row) {
                max = Math.max(max, v);
            }
        }
        float[][] out = new float[logits.length][];
        for (int i = 0; i < logits.length; i++) {
            float[] row = logits[i];
            out[i] = new float[row.length];
            boolean masked = true;
            for (float v : row) {
                masked &= v == Float.NEGATIVE_INFINITY;
            }
            if (masked) {
                continue;
            }
            double sum = 0;
            for (int j = 0; j < row.length; j++) {
                out[i][j] = (float) Math.exp(row[j] - max);
                sum += out[i][j];
            }
            for (int j = 0; j < row.length; j++) {
                out[i][j] = (float) (out[i][j] / sum);
            }
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
