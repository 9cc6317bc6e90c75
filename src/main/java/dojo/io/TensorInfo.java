package dojo.io;

import java.util.Arrays;

/**
 * One entry of a safetensors header.
 *
 * @param name   the tensor's name (e.g. {@code in_proj_weight})
 * @param dtype  element type
 * @param shape  dimensions, outermost first; empty for a scalar
 * @param begin  first byte of the data, relative to the start of the data section
 * @param end    one past the last byte
 */
public record TensorInfo(String name, DType dtype, int[] shape, long begin, long end) {

    public TensorInfo {
        shape = shape.clone();
    }

    /** A copy of the shape. */
    @Override
    public int[] shape() {
        return shape.clone();
    }

    /** Number of dimensions. */
    public int rank() {
        return shape.length;
    }

    /** Number of elements (1 for a scalar). */
    public long elementCount() {
        long n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }

    /** The shape as PyTorch prints it: {@code [2, 3]}. */
    public String shapeText() {
        return Arrays.toString(shape);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TensorInfo that && name.equals(that.name) && dtype == that.dtype
                && Arrays.equals(shape, that.shape) && begin == that.begin && end == that.end;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * name.hashCode() + dtype.hashCode()) + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return name + " " + dtype + " " + shapeText() + " @[" + begin + ", " + end + ")";
    }
}
