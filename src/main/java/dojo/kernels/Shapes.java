package dojo.kernels;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Argument checks shared by the kernels; messages name the operation, the operand and the shapes. */
final class Shapes {
    private Shapes() {}

    /** Every dimension at least 1: {@code "sgemm: m x n x k = 0 x 3 x 4: every dimension must be at least 1"}. */
    static void positive(String op, String names, int... dims) {
        for (int d : dims) {
            if (d < 1) {
                throw new IllegalArgumentException(op + ": " + names + " = " + join(dims)
                        + ": every dimension must be at least 1");
            }
        }
    }

    /** The array holds exactly the product of {@code dims}, e.g. {@code "A [m x k] = [2 x 3] needs 6 floats but has 5"}. */
    static void length(String op, String operand, float[] x, String names, int... dims) {
        long need = 1;
        for (int d : dims) need *= d;
        if (x == null) {
            throw new IllegalArgumentException(op + ": " + operand + " [" + names + "] = [" + join(dims) + "] is null");
        }
        if (x.length != need) {
            throw new IllegalArgumentException(op + ": " + operand + " [" + names + "] = [" + join(dims) + "] needs "
                    + need + " floats but has " + x.length);
        }
    }

    /** As {@link #length(String, String, float[], String, int...)} for a double array. */
    static void length(String op, String operand, double[] x, String names, int... dims) {
        long need = 1;
        for (int d : dims) need *= d;
        if (x == null) {
            throw new IllegalArgumentException(op + ": " + operand + " [" + names + "] = [" + join(dims) + "] is null");
        }
        if (x.length != need) {
            throw new IllegalArgumentException(op + ": " + operand + " [" + names + "] = [" + join(dims) + "] needs "
                    + need + " doubles but has " + x.length);
        }
    }

    static String join(int... dims) {
        return Arrays.stream(dims).mapToObj(Integer::toString).collect(Collectors.joining(" x "));
    }

    static int roundUp(int x, int multiple) {
        return (x + multiple - 1) / multiple * multiple;
    }

    static int ceilDiv(int x, int y) {
        return (x + y - 1) / y;
    }
}
