// MUTANT: normalises each column instead of each row (softmax over the wrong axis)
package ex01_softmax;

import dojo.exercise.api.Softmax;

public class StableSoftmax implements Softmax {

    @Override
    public float[][] softmaxRows(float[][] logits) {
        validate(logits);
        int rows = logits.length;
        int cols = rows == 0 ? 0 : logits[0].length;
        float[][] out = new float[rows][cols];
        for (int j = 0; j < cols; j++) {
            float max = Float.NEGATIVE_INFINITY;
            for (int i = 0; i < rows; i++) {
                max = Math.max(max, logits[i][j]);
            }
            if (max == Float.NEGATIVE_INFINITY) {
                continue;
            }
            double sum = 0;
            for (int i = 0; i < rows; i++) {
                out[i][j] = (float) Math.exp(logits[i][j] - max);
                sum += out[i][j];
            }
            for (int i = 0; i < rows; i++) {
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
