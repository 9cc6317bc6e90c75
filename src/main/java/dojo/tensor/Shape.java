package dojo.tensor;

import java.util.Arrays;

/** Shape arithmetic shared by the tensor operations: element counts, strides, broadcasting, dims. */
final class Shape {

    private Shape() {
    }

    static String text(int[] shape) {
        return Arrays.toString(shape);
    }

    static int numel(int[] shape) {
        long n = 1;
        for (int d : shape) {
            if (d < 0) throw new IllegalArgumentException("negative dimension in shape " + text(shape));
            n *= d;
            if (n > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("shape " + text(shape) + " has more than 2^31-1 elements");
            }
        }
        return (int) n;
    }

    static int[] contiguousStrides(int[] shape) {
        int[] s = new int[shape.length];
        int acc = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            s[i] = acc;
            acc *= Math.max(shape[i], 1);
        }
        return s;
    }

    /** Normalises a possibly negative dim (-1 = last) and checks it is in range. */
    static int dim(String op, int dim, int rank) {
        int r = Math.max(rank, 1);
        int d = dim < 0 ? dim + r : dim;
        if (d < 0 || d >= r) {
            throw new IllegalArgumentException(op + ": dim " + dim + " is out of range for a tensor of rank " + rank
                    + " (expected " + (-r) + ".." + (r - 1) + ")");
        }
        return d;
    }

    /** The broadcast shape of {@code a} and {@code b} under PyTorch's (numpy's) rules. */
    static int[] broadcast(String op, int[] a, int[] b) {
        int rank = Math.max(a.length, b.length);
        int[] out = new int[rank];
        for (int i = 0; i < rank; i++) {
            int da = i < rank - a.length ? 1 : a[i - (rank - a.length)];
            int db = i < rank - b.length ? 1 : b[i - (rank - b.length)];
            if (da != db && da != 1 && db != 1) {
                throw new IllegalArgumentException(op + ": shapes " + text(a) + " and " + text(b)
                        + " cannot be broadcast together: dim " + (i - rank) + " is " + da + " vs " + db
                        + " (sizes must be equal or one of them 1)");
            }
            out[i] = da == 1 ? db : da;
        }
        return out;
    }

    /** Strides that read {@code t} as if it had shape {@code target} (0 along broadcast dims). */
    static int[] broadcastStrides(int[] shape, int[] strides, int[] target) {
        int[] s = new int[target.length];
        int shift = target.length - shape.length;
        for (int i = 0; i < target.length; i++) {
            if (i < shift) {
                s[i] = 0;
            } else {
                int d = shape[i - shift];
                s[i] = d == 1 && target[i] != 1 ? 0 : strides[i - shift];
            }
        }
        return s;
    }

    /**
     * Storage offsets of the first element of every innermost row of a strided tensor walked in
     * row-major order: {@code numel / shape[last]} entries (one for a scalar).
     */
    static int[] rowOffsets(int[] shape, int[] strides, int offset) {
        int rank = shape.length;
        if (rank == 0) return new int[] {offset};
        int rows = 1;
        for (int i = 0; i < rank - 1; i++) rows *= shape[i];
        if (shape[rank - 1] == 0) rows = 0;
        int[] out = new int[rows];
        if (rows == 0) return out;
        int[] idx = new int[rank - 1];
        int base = offset;
        for (int r = 0; r < rows; r++) {
            out[r] = base;
            for (int d = rank - 2; d >= 0; d--) {
                idx[d]++;
                base += strides[d];
                if (idx[d] < shape[d]) break;
                base -= strides[d] * shape[d];
                idx[d] = 0;
            }
        }
        return out;
    }

    static boolean same(int[] a, int[] b) {
        return Arrays.equals(a, b);
    }
}
