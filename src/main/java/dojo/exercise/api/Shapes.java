package dojo.exercise.api;

/**
 * Describes tensor shapes for error messages, the way the exercises print them: {@code [3 x 4]},
 * {@code [2 x 3 x 4]}, {@code null}, or {@code ragged [3 x 4, row 1 has 2]}. Never throws.
 */
public final class Shapes {

    private Shapes() {
    }

    /** {@code [n]} or {@code null}. */
    public static String describe(float[] vector) {
        return vector == null ? "null" : "[" + vector.length + "]";
    }

    /** {@code [n]} or {@code null}. */
    public static String describe(boolean[] vector) {
        return vector == null ? "null" : "[" + vector.length + "]";
    }

    /** {@code [rows x cols]}, {@code null}, or which row breaks the rectangle. */
    public static String describe(float[][] matrix) {
        if (matrix == null) {
            return "null";
        }
        if (matrix.length == 0) {
            return "[0 x 0]";
        }
        int cols = matrix[0] == null ? -1 : matrix[0].length;
        for (int r = 0; r < matrix.length; r++) {
            if (matrix[r] == null) {
                return "ragged [" + matrix.length + " x ?, row " + r + " is null]";
            }
            if (matrix[r].length != cols) {
                return "ragged [" + matrix.length + " x " + cols + ", row " + r + " has " + matrix[r].length + "]";
            }
        }
        return "[" + matrix.length + " x " + cols + "]";
    }

    /** {@code [rows x cols]}, {@code null}, or which row breaks the rectangle. */
    public static String describe(boolean[][] matrix) {
        if (matrix == null) {
            return "null";
        }
        if (matrix.length == 0) {
            return "[0 x 0]";
        }
        int cols = matrix[0] == null ? -1 : matrix[0].length;
        for (int r = 0; r < matrix.length; r++) {
            if (matrix[r] == null) {
                return "ragged [" + matrix.length + " x ?, row " + r + " is null]";
            }
            if (matrix[r].length != cols) {
                return "ragged [" + matrix.length + " x " + cols + ", row " + r + " has " + matrix[r].length + "]";
            }
        }
        return "[" + matrix.length + " x " + cols + "]";
    }

    /** {@code [a x b x c]}, {@code null}, or the first slice that breaks the box. */
    public static String describe(float[][][] tensor) {
        if (tensor == null) {
            return "null";
        }
        if (tensor.length == 0) {
            return "[0 x 0 x 0]";
        }
        String first = describe(tensor[0]);
        for (int s = 1; s < tensor.length; s++) {
            String other = describe(tensor[s]);
            if (!other.equals(first)) {
                return "ragged [" + tensor.length + " x ..., slice 0 is " + first + ", slice " + s + " is " + other + "]";
            }
        }
        if (first.startsWith("[")) {
            return "[" + tensor.length + " x " + first.substring(1);
        }
        return "ragged [" + tensor.length + " x ..., slice 0 is " + first + "]";
    }
}
