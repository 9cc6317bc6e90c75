package dojo.grading.assertions;

import java.util.Arrays;
import java.util.Locale;
import java.util.StringJoiner;

/**
 * A learner-facing tensor ({@code float[]}, {@code float[][]} or {@code float[][][]}) flattened row-major
 * with its shape; what the assertions and likely causes compute on.
 */
public record Tensor(int[] shape, float[] data) {

    public Tensor {
        shape = shape.clone();
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        if (n != data.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs " + n + " values, got " + data.length);
        }
    }

    /**
     * Flattens a {@code float[]}, {@code float[][]} or {@code float[][][]}.
     *
     * @throws IllegalArgumentException naming the place when the value is null, ragged or of another type
     */
    public static Tensor of(Object value) {
        if (value == null) {
            throw new IllegalArgumentException("is null");
        }
        if (value instanceof float[] v) {
            return new Tensor(new int[] {v.length}, v.clone());
        }
        if (value instanceof float[][] m) {
            int cols = checkRows(m, "");
            float[] data = new float[m.length * cols];
            for (int i = 0; i < m.length; i++) {
                System.arraycopy(m[i], 0, data, i * cols, cols);
            }
            return new Tensor(new int[] {m.length, cols}, data);
        }
        if (value instanceof float[][][] t) {
            int rows = -1;
            int cols = -1;
            for (int h = 0; h < t.length; h++) {
                if (t[h] == null) {
                    throw new IllegalArgumentException("[" + h + "] is null");
                }
                int c = checkRows(t[h], h + ", ");
                if (rows < 0) {
                    rows = t[h].length;
                    cols = c;
                } else if (t[h].length != rows || c != cols) {
                    throw new IllegalArgumentException("is ragged: [" + h + "] has shape [" + t[h].length + ", " + c
                            + "] but [0] has shape [" + rows + ", " + cols + "]");
                }
            }
            rows = Math.max(rows, 0);
            cols = Math.max(cols, 0);
            float[] data = new float[t.length * rows * cols];
            for (int h = 0; h < t.length; h++) {
                for (int i = 0; i < rows; i++) {
                    System.arraycopy(t[h][i], 0, data, (h * rows + i) * cols, cols);
                }
            }
            return new Tensor(new int[] {t.length, rows, cols}, data);
        }
        throw new IllegalArgumentException("is a " + value.getClass().getSimpleName()
                + ", not a float[], float[][] or float[][][]");
    }

    private static int checkRows(float[][] m, String prefix) {
        int cols = -1;
        for (int i = 0; i < m.length; i++) {
            if (m[i] == null) {
                throw new IllegalArgumentException("row [" + prefix + i + "] is null");
            }
            if (cols < 0) {
                cols = m[i].length;
            } else if (m[i].length != cols) {
                throw new IllegalArgumentException("is ragged: row [" + prefix + i + "] has " + m[i].length
                        + " columns but row [" + prefix + "0] has " + cols);
            }
        }
        return Math.max(cols, 0);
    }

    public int rank() {
        return shape.length;
    }

    public int size() {
        return data.length;
    }

    /** Length of the last axis (1 for a scalar-like empty shape). */
    public int lastDim() {
        return shape.length == 0 ? 1 : shape[shape.length - 1];
    }

    /** The multi-index of a flat position, printed like {@code [1, 2]}. */
    public String index(int flat) {
        int[] idx = new int[shape.length];
        int rest = flat;
        for (int d = shape.length - 1; d >= 0; d--) {
            int n = Math.max(shape[d], 1);
            idx[d] = rest % n;
            rest /= n;
        }
        StringJoiner j = new StringJoiner(", ", "[", "]");
        for (int i : idx) {
            j.add(Integer.toString(i));
        }
        return j.toString();
    }

    /** The index of a last-axis row (all axes but the last), printed like {@code [0, 2]}. */
    public String rowIndex(int row) {
        if (shape.length <= 1) {
            return "";
        }
        int[] outer = Arrays.copyOf(shape, shape.length - 1);
        return new Tensor(outer, new float[product(outer)]).index(row);
    }

    /** Number of last-axis rows. */
    public int rows() {
        int last = lastDim();
        return last == 0 ? product(Arrays.copyOf(shape, Math.max(shape.length - 1, 0))) : data.length / last;
    }

    /** The transpose of the last two axes, or null for rank < 2. */
    public Tensor transposeLastTwo() {
        if (shape.length < 2) {
            return null;
        }
        int r = shape[shape.length - 2];
        int c = shape[shape.length - 1];
        int batch = r * c == 0 ? 0 : data.length / (r * c);
        float[] out = new float[data.length];
        for (int b = 0; b < batch; b++) {
            int base = b * r * c;
            for (int i = 0; i < r; i++) {
                for (int j = 0; j < c; j++) {
                    out[base + j * r + i] = data[base + i * c + j];
                }
            }
        }
        int[] s = shape.clone();
        s[s.length - 2] = c;
        s[s.length - 1] = r;
        return new Tensor(s, out);
    }

    public String shapeString() {
        return shapeString(shape);
    }

    static String shapeString(int[] shape) {
        StringJoiner j = new StringJoiner(", ", "[", "]");
        for (int d : shape) {
            j.add(Integer.toString(d));
        }
        return j.toString();
    }

    static int product(int[] dims) {
        int n = 1;
        for (int d : dims) {
            n *= d;
        }
        return n;
    }

    static String fmt(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return Double.toString(v);
        }
        if (v == 0) {
            return "0";
        }
        double a = Math.abs(v);
        if (a >= 1e-3 && a < 1e5) {
            String s = String.format(Locale.ROOT, "%.6f", v);
            s = s.replaceAll("0+$", "");
            return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
        }
        return String.format(Locale.ROOT, "%.4e", v);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tensor t && Arrays.equals(shape, t.shape) && Arrays.equals(data, t.data);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "Tensor" + shapeString();
    }
}
