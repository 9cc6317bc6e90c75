package dojo.tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.DoubleUnaryOperator;

/**
 * An n-dimensional, row-major tensor of doubles with reverse-mode automatic differentiation, modelled
 * on {@code torch.Tensor}.
 *
 * <p><b>Storage and views.</b> A tensor is a window (offset, shape, strides) on a {@code double[]}.
 * {@link #reshape}, {@link #transpose}, {@link #permute}, {@link #narrow}, {@link #select},
 * {@link #unsqueeze}, {@link #squeeze} and {@link #expand} return views that share the storage; every
 * other operation returns a new contiguous tensor. Tensors are never modified in place by operations
 * (only optimizers and loaders write parameters, through {@link #array()}, outside gradient recording).
 *
 * <p><b>Broadcasting</b> follows PyTorch: shapes are aligned on the right, and each pair of sizes must
 * be equal or one of them 1. A mismatch fails with an {@link IllegalArgumentException} naming the
 * operation and both shapes.
 *
 * <p><b>Gradients.</b> A tensor made with {@link #requiresGrad(boolean) requiresGrad(true)} is a leaf;
 * operations on it record their backward on the result (see {@link Autograd}); {@link #backward()} on
 * a scalar result adds {@code d result / d leaf} into every leaf's {@link #grad()}. Gradients
 * accumulate across calls until {@link #zeroGrad()}, as in PyTorch.
 *
 * <p>Masks are tensors of 0 and 1 (any non-zero value counts as true).
 */
public final class Tensor {

    final double[] data;
    final int offset;
    final int[] shape;
    final int[] strides;

    boolean requiresGrad;
    boolean retainsGrad;
    Node node;
    private Tensor grad;

    Tensor(double[] data, int offset, int[] shape, int[] strides) {
        this.data = data;
        this.offset = offset;
        this.shape = shape;
        this.strides = strides;
    }

    /** A new contiguous tensor owning {@code data} (not copied). */
    static Tensor wrap(double[] data, int... shape) {
        int n = Shape.numel(shape);
        if (data.length != n) {
            throw new IllegalArgumentException(data.length + " values cannot fill shape " + Shape.text(shape)
                    + " (" + n + " elements)");
        }
        return new Tensor(data, 0, shape.clone(), Shape.contiguousStrides(shape));
    }

    // ------------------------------------------------------------------------------------------------
    // factories

    /** A tensor of the given shape holding a copy of {@code values} in row-major order. */
    public static Tensor of(double[] values, int... shape) {
        return wrap(values.clone(), shape);
    }

    /** A 1-D tensor. */
    public static Tensor vector(double... values) {
        return wrap(values.clone(), values.length);
    }

    /** A 0-d tensor holding one value. */
    public static Tensor scalar(double value) {
        return wrap(new double[] {value});
    }

    /** A 2-D tensor from rectangular rows. */
    public static Tensor matrix(double[][] rows) {
        int r = rows.length;
        int c = r == 0 ? 0 : rows[0].length;
        double[] d = new double[r * c];
        for (int i = 0; i < r; i++) {
            if (rows[i].length != c) {
                throw new IllegalArgumentException("matrix: row " + i + " has " + rows[i].length
                        + " values but row 0 has " + c + " (ragged)");
            }
            System.arraycopy(rows[i], 0, d, i * c, c);
        }
        return wrap(d, r, c);
    }

    /** A tensor from float values (e.g. a float32 safetensors entry or a kernel's output), widened exactly. */
    public static Tensor ofFloats(float[] values, int... shape) {
        double[] d = new double[values.length];
        Loops.range(d.length, (from, to) -> {
            for (int i = from; i < to; i++) d[i] = values[i];
        });
        return wrap(d, shape);
    }

    /** A 0/1 mask from booleans, in row-major order. */
    public static Tensor mask(boolean[] values, int... shape) {
        double[] d = new double[values.length];
        for (int i = 0; i < d.length; i++) d[i] = values[i] ? 1 : 0;
        return wrap(d, shape);
    }

    /** A 0/1 mask from rectangular boolean rows. */
    public static Tensor mask(boolean[][] rows) {
        int r = rows.length;
        int c = r == 0 ? 0 : rows[0].length;
        double[] d = new double[r * c];
        for (int i = 0; i < r; i++) {
            if (rows[i].length != c) throw new IllegalArgumentException("mask: ragged rows");
            for (int j = 0; j < c; j++) d[i * c + j] = rows[i][j] ? 1 : 0;
        }
        return wrap(d, r, c);
    }

    public static Tensor zeros(int... shape) {
        return wrap(new double[Shape.numel(shape)], shape);
    }

    public static Tensor ones(int... shape) {
        return full(1, shape);
    }

    public static Tensor full(double value, int... shape) {
        double[] d = new double[Shape.numel(shape)];
        Arrays.fill(d, value);
        return wrap(d, shape);
    }

    /** {@code [0, 1, ..., n-1]}. */
    public static Tensor arange(int n) {
        double[] d = new double[n];
        for (int i = 0; i < n; i++) d[i] = i;
        return wrap(d, n);
    }

    /** Uniform in [0, 1). */
    public static Tensor rand(Generator g, int... shape) {
        return uniform(g, 0, 1, shape);
    }

    /** Uniform in [lo, hi). */
    public static Tensor uniform(Generator g, double lo, double hi, int... shape) {
        double[] d = new double[Shape.numel(shape)];
        for (int i = 0; i < d.length; i++) d[i] = g.uniform(lo, hi);
        return wrap(d, shape);
    }

    /** Standard normal. */
    public static Tensor randn(Generator g, int... shape) {
        return normal(g, 0, 1, shape);
    }

    public static Tensor normal(Generator g, double mean, double std, int... shape) {
        double[] d = new double[Shape.numel(shape)];
        for (int i = 0; i < d.length; i++) d[i] = mean + std * g.nextGaussian();
        return wrap(d, shape);
    }

    /** The upper triangle above the diagonal as a 0/1 mask [n, m]: 1 where key j is in the future of query i. */
    public static Tensor causalMask(int n, int m) {
        double[] d = new double[n * m];
        for (int i = 0; i < n; i++) for (int j = i + 1; j < m; j++) d[i * m + j] = 1;
        return wrap(d, n, m);
    }

    // ------------------------------------------------------------------------------------------------
    // what it is

    public int[] shape() {
        return shape.clone();
    }

    /** Size of dimension {@code dim} (negative counts from the end). */
    public int size(int dim) {
        return shape[Shape.dim("size", dim, shape.length)];
    }

    public int dim() {
        return shape.length;
    }

    public int numel() {
        return Shape.numel(shape);
    }

    public boolean isContiguous() {
        int expected = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            if (shape[i] != 1 && strides[i] != expected) return false;
            expected *= shape[i];
        }
        return true;
    }

    /** The value of a one-element tensor. */
    public double item() {
        if (numel() != 1) {
            throw new IllegalArgumentException("item(): needs exactly one element, this tensor has shape " + Shape.text(shape));
        }
        return data[offset];
    }

    /** One element by index (negative indices count from the end). */
    public double get(int... index) {
        return data[storageIndex("get", index)];
    }

    private int storageIndex(String op, int[] index) {
        if (index.length != shape.length) {
            throw new IllegalArgumentException(op + ": " + index.length + " indices for a tensor of shape " + Shape.text(shape));
        }
        int p = offset;
        for (int i = 0; i < index.length; i++) {
            int k = index[i] < 0 ? index[i] + shape[i] : index[i];
            if (k < 0 || k >= shape[i]) {
                throw new IndexOutOfBoundsException(op + ": index " + index[i] + " is out of range for dim " + i
                        + " of size " + shape[i] + " (shape " + Shape.text(shape) + ")");
            }
            p += k * strides[i];
        }
        return p;
    }

    /** A copy of the values in row-major order. */
    public double[] toArray() {
        double[] f = flat();
        return f == data ? f.clone() : f;
    }

    /** The values rounded to float, row-major (for the float kernels and F32 files). */
    public float[] toFloatArray() {
        float[] out = new float[numel()];
        toFloatArray(out);
        return out;
    }

    /** {@link #toFloatArray()} into {@code out} (exactly {@code numel()} long). */
    void toFloatArray(float[] out) {
        // straight from the (possibly strided) storage: one pass, split over the cores when large
        if (out.length != numel()) throw new IllegalArgumentException("toFloatArray: " + out.length + " floats for " + numel() + " values");
        int rank = shape.length;
        if (out.length == 0) return;
        int[] so = Shape.rowOffsets(shape, strides, offset);
        int n = rank == 0 ? 1 : shape[rank - 1];
        int ss = rank == 0 ? 0 : strides[rank - 1];
        double[] d = data;
        Loops.rows(so.length, n, (from, to) -> {
            for (int r = from; r < to; r++) {
                int a = so[r], b = r * n;
                if (ss == 1) {
                    for (int j = 0; j < n; j++) out[b + j] = (float) d[a + j];
                } else {
                    for (int j = 0; j < n; j++) out[b + j] = (float) d[a + j * ss];
                }
            }
        });
    }

    /** A 2-D tensor as rows. */
    public double[][] toMatrix() {
        if (shape.length != 2) throw new IllegalArgumentException("toMatrix(): needs 2 dims, shape is " + Shape.text(shape));
        double[] f = flat();
        double[][] out = new double[shape[0]][];
        for (int i = 0; i < shape[0]; i++) out[i] = Arrays.copyOfRange(f, i * shape[1], (i + 1) * shape[1]);
        return out;
    }

    /**
     * The live storage of a contiguous tensor that starts at offset 0 and owns its whole array (every
     * tensor made by a factory or an operation, and every parameter). Writing to it changes the tensor
     * and every view of it without recording anything: for optimizers and weight loaders.
     */
    public double[] array() {
        if (offset != 0 || !isContiguous() || data.length != numel()) {
            throw new IllegalStateException("array(): this tensor is a view (shape " + Shape.text(shape)
                    + ", offset " + offset + "); call copy() first");
        }
        return data;
    }

    /**
     * The values in row-major order without copying where it can: the storage itself when it is exactly
     * that (read only: writing to it would change the tensor unrecorded), a fresh copy otherwise. For
     * readers of large tensors, such as an optimizer reading every gradient each step.
     */
    public double[] values() {
        return flat();
    }

    /**
     * The values in row-major order: the storage itself when it is exactly that (do not write to it),
     * a fresh copy otherwise.
     */
    double[] flat() {
        int n = numel();
        if (offset == 0 && data.length == n && isContiguous()) return data;
        double[] out = new double[n];
        copyStrided(this, out, 0, Shape.contiguousStrides(shape));
        return out;
    }

    /** Copies {@code src} into {@code dst} laid out with {@code dstStrides} (same shape as src). */
    static void copyStrided(Tensor src, double[] dst, int dstOffset, int[] dstStrides) {
        int rank = src.shape.length;
        int[] so = Shape.rowOffsets(src.shape, src.strides, src.offset);
        int[] d = Shape.rowOffsets(src.shape, dstStrides, dstOffset);
        int n = rank == 0 ? 1 : src.shape[rank - 1];
        int ss = rank == 0 ? 0 : src.strides[rank - 1];
        int ds = rank == 0 ? 0 : dstStrides[rank - 1];
        double[] sd = src.data;
        Loops.rows(so.length, n, (from, to) -> {
            for (int r = from; r < to; r++) {
                int a = so[r];
                int b = d[r];
                if (ss == 1 && ds == 1) {
                    System.arraycopy(sd, a, dst, b, n);
                } else {
                    for (int j = 0; j < n; j++) dst[b + j * ds] = sd[a + j * ss];
                }
            }
        });
    }

    // ------------------------------------------------------------------------------------------------
    // gradients

    public boolean requiresGrad() {
        return requiresGrad;
    }

    /** Marks a leaf tensor as needing a gradient (like {@code requires_grad_}); returns this. */
    public Tensor requiresGrad(boolean requires) {
        if (node != null) {
            throw new IllegalStateException("requiresGrad(" + requires + "): only a leaf can change it; this tensor is"
                    + " the output of " + node.op() + " (use detach() for a leaf copy)");
        }
        this.requiresGrad = requires;
        return this;
    }

    /** True for tensors not produced by a recorded operation. */
    public boolean isLeaf() {
        return node == null;
    }

    /** The name of the operation that produced this tensor, or null for a leaf. */
    public String gradFn() {
        return node == null ? null : node.op();
    }

    /** The accumulated gradient (null before the first backward reaching it). */
    public Tensor grad() {
        return grad;
    }

    /** Forgets the accumulated gradient. */
    public void zeroGrad() {
        grad = null;
    }

    /** Keeps the gradient of this non-leaf tensor in {@link #grad()} during backward. */
    public Tensor retainGrad() {
        retainsGrad = true;
        return this;
    }

    /** Replaces the gradient (for optimizers and tests); null clears it. */
    public void setGrad(Tensor g) {
        if (g != null && !Shape.same(g.shape, shape)) {
            throw new IllegalArgumentException("setGrad: gradient shape " + Shape.text(g.shape) + " differs from "
                    + Shape.text(shape));
        }
        grad = g;
    }

    void accumulateGrad(Tensor g) {
        if (grad == null) {
            // a copy even when g owns its storage (a backward function may hand the same tensor to two inputs);
            // toArray clones a contiguous g rather than zeroing an array and copying into it
            double[] d;
            if (Shape.same(g.shape, shape)) {
                d = g.toArray();
            } else {
                d = new double[numel()];
                copyStrided(g.expand(shape), d, 0, Shape.contiguousStrides(shape));
            }
            grad = wrap(d, shape);
        } else {
            double[] acc = grad.array();
            double[] add = g.expand(shape).flat();
            Loops.range(acc.length, (from, to) -> {
                for (int i = from; i < to; i++) acc[i] += add[i];
            });
        }
    }

    /** Backpropagates from this one-element tensor (a loss) with seed 1. */
    public void backward() {
        if (numel() != 1) {
            throw new IllegalStateException("backward(): needs a scalar (one element), this tensor has shape "
                    + Shape.text(shape) + "; reduce it (sum(), mean()) or pass a gradient to backward(Tensor)");
        }
        backward(full(1, shape));
    }

    /** Backpropagates with an explicit gradient of the same shape as this tensor. */
    public void backward(Tensor gradient) {
        if (!requiresGrad) {
            throw new IllegalStateException("backward(): this tensor does not require grad: no input had"
                    + " requiresGrad(true), or it was computed under Autograd.noGrad()");
        }
        if (!Shape.same(gradient.shape, shape)) {
            throw new IllegalArgumentException("backward(gradient): gradient shape " + Shape.text(gradient.shape)
                    + " differs from the tensor's " + Shape.text(shape));
        }
        Autograd.backward(this, gradient);
    }

    /** The same values without gradient history (shares storage). */
    public Tensor detach() {
        return new Tensor(data, offset, shape, strides);
    }

    /** A contiguous copy with its own storage (recorded: the gradient passes through). */
    public Tensor copy() {
        double[] d = new double[numel()];
        copyStrided(this, d, 0, Shape.contiguousStrides(shape));
        return Autograd.record("copy", wrap(d, shape), g -> new Tensor[] {g}, this);
    }

    // ------------------------------------------------------------------------------------------------
    // views

    /** The same values in a new shape (one dimension may be -1); a view when the layout allows it. */
    public Tensor reshape(int... newShape) {
        int[] target = inferShape(newShape);
        if (Shape.same(target, shape)) return this;
        Tensor src = isContiguous() ? this : contiguous();
        Tensor out = new Tensor(src.data, src.offset, target, Shape.contiguousStrides(target));
        int[] in = shape;
        return Autograd.record("reshape", out, g -> new Tensor[] {g.reshape(in)}, src);
    }

    /** Alias of {@link #reshape}. */
    public Tensor view(int... newShape) {
        return reshape(newShape);
    }

    private int[] inferShape(int[] newShape) {
        int[] t = newShape.clone();
        int infer = -1;
        long known = 1;
        for (int i = 0; i < t.length; i++) {
            if (t[i] == -1) {
                if (infer >= 0) throw new IllegalArgumentException("reshape: only one dimension can be -1, got " + Shape.text(newShape));
                infer = i;
            } else if (t[i] < 0) {
                throw new IllegalArgumentException("reshape: invalid size " + t[i] + " in " + Shape.text(newShape));
            } else {
                known *= t[i];
            }
        }
        int n = numel();
        if (infer >= 0) {
            if (known == 0 || n % known != 0) {
                throw new IllegalArgumentException("reshape: shape " + Shape.text(newShape) + " is invalid for a tensor of shape "
                        + Shape.text(shape) + " (" + n + " elements)");
            }
            t[infer] = (int) (n / known);
        } else if (known != n) {
            throw new IllegalArgumentException("reshape: shape " + Shape.text(newShape) + " is invalid for a tensor of shape "
                    + Shape.text(shape) + " (" + n + " elements)");
        }
        return t;
    }

    /** Merges dims {@code start..end} (inclusive) into one. */
    public Tensor flatten(int start, int end) {
        if (shape.length == 0) return reshape(1);
        int s = Shape.dim("flatten", start, shape.length);
        int e = Shape.dim("flatten", end, shape.length);
        if (s > e) throw new IllegalArgumentException("flatten: start dim " + start + " comes after end dim " + end);
        int[] t = new int[shape.length - (e - s)];
        int k = 0;
        for (int i = 0; i < s; i++) t[k++] = shape[i];
        int prod = 1;
        for (int i = s; i <= e; i++) prod *= shape[i];
        t[k++] = prod;
        for (int i = e + 1; i < shape.length; i++) t[k++] = shape[i];
        return reshape(t);
    }

    /** Swaps two dims (a view). */
    public Tensor transpose(int dim0, int dim1) {
        int a = Shape.dim("transpose", dim0, shape.length);
        int b = Shape.dim("transpose", dim1, shape.length);
        if (shape.length < 2 || a == b) return this;
        int[] perm = new int[shape.length];
        for (int i = 0; i < perm.length; i++) perm[i] = i;
        perm[a] = b;
        perm[b] = a;
        return permute(perm);
    }

    /** The transpose of a 2-D tensor. */
    public Tensor t() {
        if (shape.length != 2) throw new IllegalArgumentException("t(): needs 2 dims, shape is " + Shape.text(shape));
        return transpose(0, 1);
    }

    /** Reorders dims: result dim i is input dim {@code dims[i]} (a view). */
    public Tensor permute(int... dims) {
        if (dims.length != shape.length) {
            throw new IllegalArgumentException("permute: " + Arrays.toString(dims) + " has " + dims.length
                    + " dims, the tensor has " + shape.length + " (shape " + Shape.text(shape) + ")");
        }
        int[] p = new int[dims.length];
        boolean[] used = new boolean[dims.length];
        for (int i = 0; i < dims.length; i++) {
            p[i] = Shape.dim("permute", dims[i], shape.length);
            if (used[p[i]]) throw new IllegalArgumentException("permute: dim " + dims[i] + " repeats in " + Arrays.toString(dims));
            used[p[i]] = true;
        }
        int[] ns = new int[p.length];
        int[] st = new int[p.length];
        int[] inverse = new int[p.length];
        for (int i = 0; i < p.length; i++) {
            ns[i] = shape[p[i]];
            st[i] = strides[p[i]];
            inverse[p[i]] = i;
        }
        Tensor out = new Tensor(data, offset, ns, st);
        return Autograd.record("permute", out, g -> new Tensor[] {g.permute(inverse)}, this);
    }

    /** Elements {@code start .. start+length-1} along {@code dim} (a view). */
    public Tensor narrow(int dim, int start, int length) {
        int d = Shape.dim("narrow", dim, shape.length);
        if (start < 0) start += shape[d];
        if (start < 0 || length < 0 || start + length > shape[d]) {
            throw new IllegalArgumentException("narrow: start " + start + " length " + length + " does not fit dim "
                    + dim + " of size " + shape[d] + " (shape " + Shape.text(shape) + ")");
        }
        int[] ns = shape.clone();
        ns[d] = length;
        Tensor out = new Tensor(data, offset + start * strides[d], ns, strides);
        int[] in = shape;
        int s0 = start;
        return Autograd.record("narrow", out, g -> {
            Tensor z = zeros(in);
            Tensor window = z.narrow(d, s0, length);
            copyStrided(g, z.data, window.offset, window.strides);
            return new Tensor[] {z};
        }, this);
    }

    /** Python's {@code t[..., start:end, ...]} along one dim (end exclusive; negatives count from the end). */
    public Tensor slice(int dim, int start, int end) {
        int d = Shape.dim("slice", dim, shape.length);
        int s = start < 0 ? start + shape[d] : start;
        int e = end < 0 ? end + shape[d] : Math.min(end, shape[d]);
        return narrow(d, s, Math.max(0, e - s));
    }

    /** Index {@code index} along {@code dim}, removing that dim (a view). */
    public Tensor select(int dim, int index) {
        int d = Shape.dim("select", dim, shape.length);
        int i = index < 0 ? index + shape[d] : index;
        if (i < 0 || i >= shape[d]) {
            throw new IndexOutOfBoundsException("select: index " + index + " is out of range for dim " + dim + " of size " + shape[d]);
        }
        return narrow(d, i, 1).squeeze(d);
    }

    /** Inserts a dim of size 1 at {@code dim}. */
    public Tensor unsqueeze(int dim) {
        int d = dim < 0 ? dim + shape.length + 1 : dim;
        if (d < 0 || d > shape.length) {
            throw new IllegalArgumentException("unsqueeze: dim " + dim + " is out of range for rank " + shape.length);
        }
        int[] ns = new int[shape.length + 1];
        for (int i = 0, k = 0; i < ns.length; i++) ns[i] = i == d ? 1 : shape[k++];
        return reshape(ns);
    }

    /** Removes {@code dim} if its size is 1 (otherwise returns this, like PyTorch). */
    public Tensor squeeze(int dim) {
        int d = Shape.dim("squeeze", dim, shape.length);
        if (shape.length == 0 || shape[d] != 1) return this;
        int[] ns = new int[shape.length - 1];
        for (int i = 0, k = 0; i < shape.length; i++) if (i != d) ns[k++] = shape[i];
        return reshape(ns);
    }

    /** Removes every dim of size 1. */
    public Tensor squeeze() {
        return reshape(Arrays.stream(shape).filter(s -> s != 1).toArray());
    }

    /** Broadcasts to {@code target} without copying (-1 keeps a size). */
    public Tensor expand(int... target) {
        int[] t = target.clone();
        int shift = t.length - shape.length;
        if (shift < 0) {
            throw new IllegalArgumentException("expand: target " + Shape.text(target) + " has fewer dims than shape " + Shape.text(shape));
        }
        for (int i = 0; i < t.length; i++) {
            int own = i < shift ? 1 : shape[i - shift];
            if (t[i] == -1) t[i] = own;
            if (own != t[i] && own != 1) {
                throw new IllegalArgumentException("expand: shape " + Shape.text(shape) + " cannot be expanded to "
                        + Shape.text(target) + " (dim " + i + ": " + own + " vs " + t[i] + ")");
            }
        }
        if (Shape.same(t, shape)) return this;
        Tensor out = new Tensor(data, offset, t, Shape.broadcastStrides(shape, strides, t));
        int[] in = shape;
        return Autograd.record("expand", out, g -> new Tensor[] {sumToShape(g, in)}, this);
    }

    /** This tensor if contiguous, otherwise a contiguous copy (the gradient passes through). */
    public Tensor contiguous() {
        return isContiguous() ? this : copy();
    }

    /** Sums {@code g} over the dims that broadcasting added or stretched, giving shape {@code target}. */
    static Tensor sumToShape(Tensor g, int[] target) {
        if (Shape.same(g.shape, target)) return g;
        int shift = g.shape.length - target.length;
        List<Integer> dims = new ArrayList<>();
        for (int i = 0; i < g.shape.length; i++) {
            if (i < shift || (target[i - shift] == 1 && g.shape[i] != 1)) dims.add(i);
        }
        Tensor s = dims.isEmpty() ? g : g.sum(dims.stream().mapToInt(Integer::intValue).toArray(), true);
        return s.reshape(target);
    }

    // ------------------------------------------------------------------------------------------------
    // element-wise arithmetic with broadcasting

    private static final int ADD = 0, SUB = 1, MUL = 2, DIV = 3;
    private static final String[] BINARY_NAMES = {"add", "sub", "mul", "div"};

    public Tensor add(Tensor other) {
        return binary(ADD, this, other);
    }

    public Tensor sub(Tensor other) {
        return binary(SUB, this, other);
    }

    public Tensor mul(Tensor other) {
        return binary(MUL, this, other);
    }

    public Tensor div(Tensor other) {
        return binary(DIV, this, other);
    }

    public Tensor add(double value) {
        return affine(1, value, "add");
    }

    public Tensor sub(double value) {
        return affine(1, -value, "sub");
    }

    public Tensor mul(double value) {
        return affine(value, 0, "mul");
    }

    /** True division (not multiplication by the reciprocal), so results round as PyTorch's do. */
    public Tensor div(double value) {
        double[] x = flat();
        double[] y = new double[x.length];
        for (int i = 0; i < y.length; i++) y[i] = x[i] / value;
        return Autograd.record("div", wrap(y, shape), g -> new Tensor[] {g.div(value)}, this);
    }

    public Tensor neg() {
        return affine(-1, 0, "neg");
    }

    /** {@code scale * x + shift}. */
    private Tensor affine(double scale, double shift, String op) {
        double[] x = flat();
        double[] y = new double[x.length];
        Loops.range(y.length, (from, to) -> {
            for (int i = from; i < to; i++) y[i] = x[i] * scale + shift;
        });
        return Autograd.record(op, wrap(y, shape), g -> new Tensor[] {scale == 1 ? g : g.mul(scale)}, this);
    }

    private static Tensor binary(int op, Tensor a, Tensor b) {
        String name = BINARY_NAMES[op];
        int[] out = Shape.broadcast(name, a.shape, b.shape);
        double[] r = compute(op, a, b, out);
        Tensor result = wrap(r, out);
        return Autograd.record(name, result, g -> {
            Tensor ga = null;
            Tensor gb = null;
            switch (op) {
                case ADD -> {
                    ga = a.requiresGrad ? sumToShape(g, a.shape) : null;
                    gb = b.requiresGrad ? sumToShape(g, b.shape) : null;
                }
                case SUB -> {
                    ga = a.requiresGrad ? sumToShape(g, a.shape) : null;
                    gb = b.requiresGrad ? sumToShape(g.neg(), b.shape) : null;
                }
                case MUL -> {
                    ga = a.requiresGrad ? sumToShape(g.mul(b.detach()), a.shape) : null;
                    gb = b.requiresGrad ? sumToShape(g.mul(a.detach()), b.shape) : null;
                }
                default -> {
                    Tensor bd = b.detach();
                    ga = a.requiresGrad ? sumToShape(g.div(bd), a.shape) : null;
                    gb = b.requiresGrad ? sumToShape(g.mul(result.detach()).div(bd).neg(), b.shape) : null;
                }
            }
            return new Tensor[] {ga, gb};
        }, a, b);
    }

    private static double[] compute(int op, Tensor a, Tensor b, int[] out) {
        int n = Shape.numel(out);
        double[] r = new double[n];
        if (n == 0) return r;
        int rank = out.length;
        int[] sa = Shape.broadcastStrides(a.shape, a.strides, out);
        int[] sb = Shape.broadcastStrides(b.shape, b.strides, out);
        int[] ra = Shape.rowOffsets(out, sa, a.offset);
        int[] rb = Shape.rowOffsets(out, sb, b.offset);
        int len = rank == 0 ? 1 : out[rank - 1];
        int ia = rank == 0 ? 0 : sa[rank - 1];
        int ib = rank == 0 ? 0 : sb[rank - 1];
        double[] x = a.data;
        double[] y = b.data;
        Loops.rows(ra.length, len, (from, to) -> computeRows(op, x, y, r, ra, rb, ia, ib, len, from, to));
        return r;
    }

    private static void computeRows(int op, double[] x, double[] y, double[] r, int[] ra, int[] rb, int ia, int ib,
                                    int len, int from, int to) {
        for (int row = from, o = from * len; row < to; row++, o += len) {
            int pa = ra[row];
            int pb = rb[row];
            if (ia == 1 && ib == 1) {
                switch (op) {
                    case ADD -> { for (int j = 0; j < len; j++) r[o + j] = x[pa + j] + y[pb + j]; }
                    case SUB -> { for (int j = 0; j < len; j++) r[o + j] = x[pa + j] - y[pb + j]; }
                    case MUL -> { for (int j = 0; j < len; j++) r[o + j] = x[pa + j] * y[pb + j]; }
                    default -> { for (int j = 0; j < len; j++) r[o + j] = x[pa + j] / y[pb + j]; }
                }
            } else if (ia == 1 && ib == 0) {
                // one value of y per row (a [B, L, 1] mask, a per-row scale): a loop C2 vectorises; with the
                // stride j * ib it stays scalar (h.mul(keep) of the text classifier alone: 0.40-0.44 -> 0.35-0.37
                // ms, the rest being the allocation and the 2 MB streamed)
                double yv = y[pb];
                switch (op) {
                    case ADD -> { for (int j = 0; j < len; j++) r[o + j] = x[pa + j] + yv; }
                    case SUB -> { for (int j = 0; j < len; j++) r[o + j] = x[pa + j] - yv; }
                    case MUL -> { for (int j = 0; j < len; j++) r[o + j] = x[pa + j] * yv; }
                    default -> { for (int j = 0; j < len; j++) r[o + j] = x[pa + j] / yv; }
                }
            } else if (ia == 0 && ib == 1) {
                double xv = x[pa];
                switch (op) {
                    case ADD -> { for (int j = 0; j < len; j++) r[o + j] = xv + y[pb + j]; }
                    case SUB -> { for (int j = 0; j < len; j++) r[o + j] = xv - y[pb + j]; }
                    case MUL -> { for (int j = 0; j < len; j++) r[o + j] = xv * y[pb + j]; }
                    default -> { for (int j = 0; j < len; j++) r[o + j] = xv / y[pb + j]; }
                }
            } else {
                switch (op) {
                    case ADD -> { for (int j = 0; j < len; j++) r[o + j] = x[pa + j * ia] + y[pb + j * ib]; }
                    case SUB -> { for (int j = 0; j < len; j++) r[o + j] = x[pa + j * ia] - y[pb + j * ib]; }
                    case MUL -> { for (int j = 0; j < len; j++) r[o + j] = x[pa + j * ia] * y[pb + j * ib]; }
                    default -> { for (int j = 0; j < len; j++) r[o + j] = x[pa + j * ia] / y[pb + j * ib]; }
                }
            }
        }
    }

    // ------------------------------------------------------------------------------------------------
    // element-wise functions

    /** Applies {@code f} and records {@code grad_in = grad_out * df(x, y)}. */
    private Tensor unary(String op, DoubleUnaryOperator f, Derivative df) {
        double[] x = flat();
        double[] y = new double[x.length];
        Loops.range(y.length, (from, to) -> {
            for (int i = from; i < to; i++) y[i] = f.applyAsDouble(x[i]);
        });
        Tensor result = wrap(y, shape);
        return Autograd.record(op, result, g -> {
            double[] gd = g.flat();
            double[] gi = new double[gd.length];
            Loops.range(gi.length, (from, to) -> {
                for (int i = from; i < to; i++) gi[i] = gd[i] * df.at(x[i], y[i]);
            });
            return new Tensor[] {wrap(gi, shape)};
        }, this);
    }

    /** The derivative of an element-wise function at input x with output y. */
    @FunctionalInterface
    private interface Derivative {
        double at(double x, double y);
    }

    public Tensor exp() {
        return unary("exp", Math::exp, (x, y) -> y);
    }

    public Tensor log() {
        return unary("log", Math::log, (x, y) -> 1 / x);
    }

    public Tensor tanh() {
        return unary("tanh", Math::tanh, (x, y) -> 1 - y * y);
    }

    public Tensor sigmoid() {
        return unary("sigmoid", v -> v >= 0 ? 1 / (1 + Math.exp(-v)) : Math.exp(v) / (1 + Math.exp(v)), (x, y) -> y * (1 - y));
    }

    public Tensor sqrt() {
        return unary("sqrt", Math::sqrt, (x, y) -> 0.5 / y);
    }

    public Tensor abs() {
        return unary("abs", Math::abs, (x, y) -> Math.signum(x));
    }

    /** {@code x^p} element-wise. */
    public Tensor pow(double p) {
        if (p == 2) return unary("pow", v -> v * v, (x, y) -> 2 * x);
        return unary("pow", v -> Math.pow(v, p), (x, y) -> p == 0 ? 0 : p * Math.pow(x, p - 1));
    }

    /** max(x, 0); the derivative at 0 is 0, as in PyTorch. */
    public Tensor relu() {
        // its own loops rather than unary's: relu runs on every feed-forward activation, and unary's
        // shared call site, which sees every element-wise function, is not inlined. No branches: on
        // activations of either sign `x > 0 ? x : 0` mispredicts half the time (6 ms per 1 Mi doubles,
        // against 0.3 ms for Math.max, which C2 vectorises); NaN stays NaN, as in torch.relu
        double[] x = flat();
        double[] y = new double[x.length];
        Loops.range(y.length, (from, to) -> {
            for (int i = from; i < to; i++) y[i] = Math.max(x[i], 0.0);
        });
        int[] in = shape;
        return Autograd.record("relu", wrap(y, in), g -> {
            double[] gd = g.flat();
            double[] gi = new double[gd.length];
            DoubleKernel kernel = Gemm.kernel();
            Loops.range(gi.length, (from, to) -> kernel.reluGrad(x, gd, gi, from, to));
            return new Tensor[] {wrap(gi, in)};
        }, this);
    }

    /** GELU with the exact Gaussian CDF: {@code x * Phi(x)} (PyTorch's {@code approximate='none'}). */
    public Tensor gelu() {
        return gelu("none");
    }

    /** GELU, {@code approximate} = {@code "none"} (erf) or {@code "tanh"}, as {@code torch.nn.functional.gelu}. */
    public Tensor gelu(String approximate) {
        switch (approximate) {
            case "none":
                return unary("gelu", v -> v * MathFunctions.normalCdf(v),
                        (x, y) -> MathFunctions.normalCdf(x) + x * MathFunctions.normalPdf(x));
            case "tanh": {
                double c = Math.sqrt(2 / Math.PI);
                return unary("gelu_tanh", v -> 0.5 * v * (1 + Math.tanh(c * (v + 0.044715 * v * v * v))), (x, y) -> {
                    double th = Math.tanh(c * (x + 0.044715 * x * x * x));
                    return 0.5 * (1 + th) + 0.5 * x * (1 - th * th) * c * (1 + 3 * 0.044715 * x * x);
                });
            }
            default:
                throw new IllegalArgumentException("gelu: approximate must be \"none\" or \"tanh\", was \"" + approximate + "\"");
        }
    }

    /** {@code value} where {@code mask} is non-zero, this tensor elsewhere (mask broadcasts). */
    public Tensor maskedFill(Tensor mask, double value) {
        int[] out = Shape.broadcast("maskedFill", shape, mask.shape);
        if (!Shape.same(out, shape)) {
            throw new IllegalArgumentException("maskedFill: mask of shape " + Shape.text(mask.shape)
                    + " does not broadcast to the tensor's shape " + Shape.text(shape));
        }
        double[] x = flat();
        double[] m = mask.detach().expand(shape).flat();
        double[] y = new double[x.length];
        for (int i = 0; i < y.length; i++) y[i] = m[i] != 0 ? value : x[i];
        return Autograd.record("maskedFill", wrap(y, shape), g -> {
            double[] gd = g.flat();
            double[] gi = new double[gd.length];
            for (int i = 0; i < gi.length; i++) gi[i] = m[i] != 0 ? 0 : gd[i];
            return new Tensor[] {wrap(gi, shape)};
        }, this);
    }

    /** {@code a} where {@code condition} is non-zero, {@code b} elsewhere; all three broadcast. */
    public static Tensor where(Tensor condition, Tensor a, Tensor b) {
        int[] out = Shape.broadcast("where", Shape.broadcast("where", condition.shape, a.shape), b.shape);
        double[] c = condition.detach().expand(out).flat();
        double[] x = a.detach().expand(out).flat();
        double[] y = b.detach().expand(out).flat();
        double[] r = new double[c.length];
        for (int i = 0; i < r.length; i++) r[i] = c[i] != 0 ? x[i] : y[i];
        return Autograd.record("where", wrap(r, out), g -> {
            double[] gd = g.flat();
            double[] ga = new double[gd.length];
            double[] gb = new double[gd.length];
            for (int i = 0; i < gd.length; i++) {
                if (c[i] != 0) ga[i] = gd[i];
                else gb[i] = gd[i];
            }
            return new Tensor[] {null, sumToShape(wrap(ga, out), a.shape), sumToShape(wrap(gb, out), b.shape)};
        }, condition, a, b);
    }

    // ------------------------------------------------------------------------------------------------
    // reductions

    /** Sum of all elements (0-d). */
    public Tensor sum() {
        double[] x = flat();
        double s = 0;
        for (double v : x) s += v;
        int[] in = shape;
        return Autograd.record("sum", scalar(s), g -> new Tensor[] {g.expand(in)}, this);
    }

    public Tensor sum(int dim, boolean keepdim) {
        return sum(new int[] {dim}, keepdim);
    }

    /** Sum over {@code dims}; kept as size 1 when {@code keepdim}. */
    public Tensor sum(int[] dims, boolean keepdim) {
        boolean[] reduce = reducedDims("sum", dims);
        int[] keep = shape.clone();
        for (int i = 0; i < keep.length; i++) if (reduce[i]) keep[i] = 1;
        double[] out = new double[Shape.numel(keep)];
        int[] os = Shape.broadcastStrides(keep, Shape.contiguousStrides(keep), shape);
        int[] ri = Shape.rowOffsets(shape, strides, offset);
        int[] ro = Shape.rowOffsets(shape, os, 0);
        int rank = shape.length;
        int len = rank == 0 ? 1 : shape[rank - 1];
        int si = rank == 0 ? 0 : strides[rank - 1];
        int so = rank == 0 ? 0 : os[rank - 1];
        int blocks = Loops.tasks(ri.length, len);
        if (blocks > 1 && (long) out.length * blocks <= data.length) {
            // a small result of a large input (a bias gradient): each block of rows, cut by size only,
            // sums into its own copy, and the copies are added in block order, so the result does not
            // depend on the thread count
            double[][] parts = new double[blocks][];
            Loops.forEachBlock(ri.length, blocks, (t, from, to) -> {
                double[] part = new double[out.length];
                sumRows(data, ri, ro, len, si, so, part, from, to);
                parts[t] = part;
            });
            for (double[] part : parts) {
                for (int j = 0; j < out.length; j++) out[j] += part[j];
            }
        } else {
            sumRows(data, ri, ro, len, si, so, out, 0, ri.length);
        }
        int[] finalShape = keepdim ? keep : dropDims(keep, reduce);
        int[] in = shape;
        Tensor result = wrap(out, finalShape);
        return Autograd.record("sum", result, g -> new Tensor[] {g.reshape(keep).expand(in)}, this);
    }

    /** Adds rows {@code [from, to)} of a strided tensor into {@code out} (see {@link #sum(int[], boolean)}). */
    private static void sumRows(double[] data, int[] ri, int[] ro, int len, int si, int so, double[] out, int from, int to) {
        for (int r = from; r < to; r++) {
            int p = ri[r];
            int q = ro[r];
            if (so == 0) {
                double s = 0;
                for (int j = 0; j < len; j++) s += data[p + j * si];
                out[q] += s;
            } else {
                for (int j = 0; j < len; j++) out[q + j * so] += data[p + j * si];
            }
        }
    }

    private boolean[] reducedDims(String op, int[] dims) {
        boolean[] reduce = new boolean[shape.length];
        for (int d : dims) {
            int k = Shape.dim(op, d, shape.length);
            if (shape.length == 0) continue;
            if (reduce[k]) throw new IllegalArgumentException(op + ": dim " + d + " appears twice in " + Arrays.toString(dims));
            reduce[k] = true;
        }
        return reduce;
    }

    private static int[] dropDims(int[] shape, boolean[] drop) {
        int n = 0;
        for (boolean b : drop) if (!b) n++;
        int[] out = new int[n];
        for (int i = 0, k = 0; i < shape.length; i++) if (!drop[i]) out[k++] = shape[i];
        return out;
    }

    /** Mean of all elements (0-d). */
    public Tensor mean() {
        return mean(java.util.stream.IntStream.range(0, shape.length).toArray(), false);
    }

    public Tensor mean(int dim, boolean keepdim) {
        return mean(new int[] {dim}, keepdim);
    }

    public Tensor mean(int[] dims, boolean keepdim) {
        boolean[] reduce = reducedDims("mean", dims);
        int count = 1;
        for (int i = 0; i < shape.length; i++) if (reduce[i]) count *= shape[i];
        Tensor m;
        try (Autograd.Scope s = Autograd.noGrad()) {
            m = detach().sum(dims, keepdim).div(count);
        }
        int[] keep = shape.clone();
        for (int i = 0; i < keep.length; i++) if (reduce[i]) keep[i] = 1;
        int[] in = shape;
        int countF = count;
        return Autograd.record("mean", m, g -> new Tensor[] {g.reshape(keep).expand(in).div(countF)}, this);
    }

    /** Largest element (0-d); the gradient is shared equally among ties, as in PyTorch. */
    public Tensor max() {
        double[] x = flat();
        if (x.length == 0) throw new IllegalArgumentException("max(): the tensor is empty");
        double m = Double.NEGATIVE_INFINITY;
        boolean nan = false;
        for (double v : x) {
            if (Double.isNaN(v)) nan = true;
            else if (v > m) m = v;
        }
        double best = nan ? Double.NaN : m;
        int[] in = shape;
        return Autograd.record("max", scalar(best), g -> {
            int ties = 0;
            for (double v : x) if (v == best) ties++;
            double[] gi = new double[x.length];
            double share = ties == 0 ? 0 : g.item() / ties;
            for (int i = 0; i < x.length; i++) if (x[i] == best) gi[i] = share;
            return new Tensor[] {wrap(gi, in)};
        }, this);
    }

    /** Largest value along {@code dim}; the gradient goes to the first maximum (the argmax). */
    public Tensor max(int dim, boolean keepdim) {
        Lines l = lines("max", dim);
        double[] x = l.values;
        double[] out = new double[l.outer * l.inner];
        int[] arg = new int[out.length];
        for (int o = 0; o < l.outer; o++) {
            for (int i = 0; i < l.inner; i++) {
                int base = o * l.len * l.inner + i;
                double m = x[base];
                int at = 0;
                for (int j = 1; j < l.len; j++) {
                    double v = x[base + j * l.inner];
                    if (v > m || (Double.isNaN(v) && !Double.isNaN(m))) {
                        m = v;
                        at = j;
                    }
                }
                out[o * l.inner + i] = m;
                arg[o * l.inner + i] = at;
            }
        }
        int[] keep = shape.clone();
        keep[l.dim] = 1;
        int[] in = shape;
        Tensor result = wrap(out, keepdim ? keep : dropDims(keep, oneHot(shape.length, l.dim)));
        return Autograd.record("max", result, g -> {
            double[] gd = g.flat();
            double[] gi = new double[Shape.numel(in)];
            for (int o = 0; o < l.outer; o++) {
                for (int i = 0; i < l.inner; i++) {
                    int k = o * l.inner + i;
                    gi[o * l.len * l.inner + arg[k] * l.inner + i] = gd[k];
                }
            }
            return new Tensor[] {wrap(gi, in)};
        }, this);
    }

    /** Index of the largest value along {@code dim} (first on ties), as doubles; never recorded. */
    public Tensor argmax(int dim, boolean keepdim) {
        Tensor values;
        try (Autograd.Scope s = Autograd.noGrad()) {
            values = detach().max(dim, true);
        }
        Lines l = lines("argmax", dim);
        double[] out = new double[l.outer * l.inner];
        double[] m = values.flat();
        for (int o = 0; o < l.outer; o++) {
            for (int i = 0; i < l.inner; i++) {
                int base = o * l.len * l.inner + i;
                for (int j = 0; j < l.len; j++) {
                    double v = l.values[base + j * l.inner];
                    if (v == m[o * l.inner + i] || (Double.isNaN(v) && Double.isNaN(m[o * l.inner + i]))) {
                        out[o * l.inner + i] = j;
                        break;
                    }
                }
            }
        }
        int[] keep = shape.clone();
        keep[l.dim] = 1;
        return wrap(out, keepdim ? keep : dropDims(keep, oneHot(shape.length, l.dim)));
    }

    private static boolean[] oneHot(int n, int k) {
        boolean[] b = new boolean[n];
        b[k] = true;
        return b;
    }

    /** A contiguous copy of the values seen as {@code outer x len x inner} lines along one dim. */
    private record Lines(double[] values, int dim, int outer, int len, int inner) {
    }

    private Lines lines(String op, int dim) {
        if (shape.length == 0) throw new IllegalArgumentException(op + ": needs at least one dim");
        int d = Shape.dim(op, dim, shape.length);
        int outer = 1;
        int inner = 1;
        for (int i = 0; i < d; i++) outer *= shape[i];
        for (int i = d + 1; i < shape.length; i++) inner *= shape[i];
        if (shape[d] == 0) throw new IllegalArgumentException(op + ": dim " + dim + " is empty (shape " + Shape.text(shape) + ")");
        return new Lines(flat(), d, outer, shape[d], inner);
    }

    // ------------------------------------------------------------------------------------------------
    // softmax

    /**
     * Numerically stable softmax along {@code dim}. A line whose entries are all -inf (every key
     * masked) gives zeros and a zero gradient, as this project specifies (PyTorch gives NaN).
     */
    public Tensor softmax(int dim) {
        Lines l = lines("softmax", dim);
        double[] x = l.values;
        double[] y = new double[x.length];
        int len = l.len;
        int inner = l.inner;
        Loops.rows(l.outer, len * inner, (from, to) -> {
            for (int o = from; o < to; o++) {
                for (int i = 0; i < inner; i++) {
                    int base = o * len * inner + i;
                    double m = Double.NEGATIVE_INFINITY;
                    for (int j = 0; j < len; j++) m = Math.max(m, x[base + j * inner]);
                    if (m == Double.NEGATIVE_INFINITY) continue;
                    double s = 0;
                    for (int j = 0; j < len; j++) {
                        double e = Math.exp(x[base + j * inner] - m);
                        y[base + j * inner] = e;
                        s += e;
                    }
                    double inv = 1 / s;
                    for (int j = 0; j < len; j++) y[base + j * inner] *= inv;
                }
            }
        });
        int[] in = shape;
        return Autograd.record("softmax", wrap(y, shape), g -> {
            double[] gd = g.flat();
            double[] gi = new double[gd.length];
            Loops.rows(l.outer, len * inner, (from, to) -> {
                for (int o = from; o < to; o++) {
                    for (int i = 0; i < inner; i++) {
                        int base = o * len * inner + i;
                        double dot = 0;
                        for (int j = 0; j < len; j++) dot += gd[base + j * inner] * y[base + j * inner];
                        for (int j = 0; j < len; j++) {
                            int k = base + j * inner;
                            gi[k] = y[k] * (gd[k] - dot);
                        }
                    }
                }
            });
            return new Tensor[] {wrap(gi, in)};
        }, this);
    }

    /** {@code log(softmax(x))} computed stably as {@code x - max - log(sum(exp(x - max)))}. */
    public Tensor logSoftmax(int dim) {
        Lines l = lines("logSoftmax", dim);
        double[] x = l.values;
        double[] y = new double[x.length];
        int len = l.len;
        int inner = l.inner;
        for (int o = 0; o < l.outer; o++) {
            for (int i = 0; i < inner; i++) {
                int base = o * len * inner + i;
                double m = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < len; j++) m = Math.max(m, x[base + j * inner]);
                if (m == Double.NEGATIVE_INFINITY) {
                    for (int j = 0; j < len; j++) y[base + j * inner] = Double.NEGATIVE_INFINITY;
                    continue;
                }
                double s = 0;
                for (int j = 0; j < len; j++) s += Math.exp(x[base + j * inner] - m);
                double lse = m + Math.log(s);
                for (int j = 0; j < len; j++) y[base + j * inner] = x[base + j * inner] - lse;
            }
        }
        int[] in = shape;
        return Autograd.record("logSoftmax", wrap(y, shape), g -> {
            double[] gd = g.flat();
            double[] gi = new double[gd.length];
            for (int o = 0; o < l.outer; o++) {
                for (int i = 0; i < inner; i++) {
                    int base = o * len * inner + i;
                    double s = 0;
                    for (int j = 0; j < len; j++) s += gd[base + j * inner];
                    for (int j = 0; j < len; j++) {
                        int k = base + j * inner;
                        gi[k] = gd[k] - Math.exp(y[k]) * s;
                    }
                }
            }
            return new Tensor[] {wrap(gi, in)};
        }, this);
    }

    // ------------------------------------------------------------------------------------------------
    // matrix multiply

    /**
     * Matrix product with PyTorch's {@code matmul} rules: 1-D operands are promoted (and the added dim
     * removed), the last two dims multiply as matrices, and the leading (batch) dims broadcast.
     */
    public Tensor matmul(Tensor other) {
        if (shape.length == 0 || other.shape.length == 0) {
            throw new IllegalArgumentException("matmul: both operands need at least one dim, shapes are "
                    + Shape.text(shape) + " and " + Shape.text(other.shape));
        }
        if (shape.length == 1) return unsqueeze(0).matmul(other).squeeze(-2);
        if (other.shape.length == 1) return matmul(other.unsqueeze(1)).squeeze(-1);
        int ra = shape.length;
        int rb = other.shape.length;
        int n = shape[ra - 2];
        int k = shape[ra - 1];
        int k2 = other.shape[rb - 2];
        int m = other.shape[rb - 1];
        if (k != k2) {
            throw new IllegalArgumentException("matmul: shapes " + Shape.text(shape) + " and " + Shape.text(other.shape)
                    + " cannot be multiplied (" + n + "x" + k + " and " + k2 + "x" + m + ")");
        }
        int[] batchA = Arrays.copyOf(shape, ra - 2);
        int[] batchB = Arrays.copyOf(other.shape, rb - 2);
        int[] batch;
        try {
            batch = Shape.broadcast("matmul", batchA, batchB);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("matmul: shapes " + Shape.text(shape) + " and " + Shape.text(other.shape)
                    + " have batch dims " + Shape.text(batchA) + " and " + Shape.text(batchB) + " that cannot be broadcast");
        }
        int[] outShape = Arrays.copyOf(batch, batch.length + 2);
        outShape[batch.length] = n;
        outShape[batch.length + 1] = m;
        double[] c = new double[Shape.numel(outShape)];
        int[] ba = batchOffsets(this, batch);
        int[] bb = batchOffsets(other, batch);
        FloatMatmul fast = FloatMatmul.active();
        if (fast != null && (long) ba.length * n * m * k >= FloatMatmul.MIN_MULTIPLY_ADDS) {
            fast.batched(ba.length, n, m, k, data, ba, strides[ra - 2], strides[ra - 1],
                    other.data, bb, other.strides[rb - 2], other.strides[rb - 1], c);
        } else {
            Gemm.batched(ba.length, n, m, k,
                    data, ba, strides[ra - 2], strides[ra - 1],
                    other.data, bb, other.strides[rb - 2], other.strides[rb - 1], c);
        }
        Tensor a = this;
        Tensor b = other;
        return Autograd.record("matmul", wrap(c, outShape), g -> new Tensor[] {
            a.requiresGrad ? sumToShape(g.matmul(b.detach().transpose(-1, -2)), a.shape) : null,
            b.requiresGrad ? sumToShape(a.detach().transpose(-1, -2).matmul(g), b.shape) : null}, this, other);
    }

    /** Storage offset of each matrix of {@code t} when its batch dims are broadcast to {@code batch}. */
    private static int[] batchOffsets(Tensor t, int[] batch) {
        int r = t.shape.length;
        int[] bshape = Arrays.copyOf(t.shape, r - 2);
        int[] bstrides = Arrays.copyOf(t.strides, r - 2);
        int[] s = Shape.broadcastStrides(bshape, bstrides, batch);
        int[] withRow = Arrays.copyOf(batch, batch.length + 1);
        withRow[batch.length] = 1;
        int[] sRow = Arrays.copyOf(s, s.length + 1);
        return Shape.rowOffsets(withRow, sRow, t.offset);
    }

    // ------------------------------------------------------------------------------------------------
    // joining and gathering

    /** Concatenates along an existing dim; all other dims must agree. */
    public static Tensor cat(List<Tensor> tensors, int dim) {
        if (tensors.isEmpty()) throw new IllegalArgumentException("cat: needs at least one tensor");
        Tensor first = tensors.get(0);
        int d = Shape.dim("cat", dim, first.shape.length);
        int[] out = first.shape.clone();
        out[d] = 0;
        for (int t = 0; t < tensors.size(); t++) {
            Tensor x = tensors.get(t);
            if (x.shape.length != first.shape.length) {
                throw new IllegalArgumentException("cat: tensor " + t + " has shape " + Shape.text(x.shape)
                        + ", tensor 0 has " + Shape.text(first.shape) + " (ranks differ)");
            }
            for (int i = 0; i < out.length; i++) {
                if (i != d && x.shape[i] != first.shape[i]) {
                    throw new IllegalArgumentException("cat: along dim " + dim + " tensor " + t + " has shape "
                            + Shape.text(x.shape) + " but tensor 0 has " + Shape.text(first.shape) + " (dim " + i + " differs)");
                }
            }
            out[d] += x.shape[d];
        }
        Tensor result = zeros(out);
        int start = 0;
        int[] starts = new int[tensors.size()];
        for (int t = 0; t < tensors.size(); t++) {
            Tensor x = tensors.get(t);
            starts[t] = start;
            Tensor window = result.narrow(d, start, x.shape[d]);
            copyStrided(x, result.data, window.offset, window.strides);
            start += x.shape[d];
        }
        Tensor[] inputs = tensors.toArray(new Tensor[0]);
        return Autograd.record("cat", result, g -> {
            Tensor[] gs = new Tensor[inputs.length];
            for (int t = 0; t < inputs.length; t++) {
                if (inputs[t].requiresGrad) gs[t] = g.narrow(d, starts[t], inputs[t].shape[d]).contiguous();
            }
            return gs;
        }, inputs);
    }

    public static Tensor cat(int dim, Tensor... tensors) {
        return cat(List.of(tensors), dim);
    }

    /** Stacks equal-shaped tensors along a new dim. */
    public static Tensor stack(List<Tensor> tensors, int dim) {
        if (tensors.isEmpty()) throw new IllegalArgumentException("stack: needs at least one tensor");
        List<Tensor> expanded = new ArrayList<>();
        int[] s0 = tensors.get(0).shape;
        for (int t = 0; t < tensors.size(); t++) {
            if (!Shape.same(tensors.get(t).shape, s0)) {
                throw new IllegalArgumentException("stack: tensor " + t + " has shape " + Shape.text(tensors.get(t).shape)
                        + " but tensor 0 has " + Shape.text(s0) + " (all must be equal)");
            }
            expanded.add(tensors.get(t).unsqueeze(dim));
        }
        return cat(expanded, dim < 0 ? dim + s0.length + 1 : dim);
    }

    public static Tensor stack(int dim, Tensor... tensors) {
        return stack(List.of(tensors), dim);
    }

    /** Picks the slices {@code index[i]} along {@code dim} (an embedding lookup is {@code weight.indexSelect(0, ids)}). */
    public Tensor indexSelect(int dim, int[] index) {
        return indexSelect(dim, index, -1);
    }

    /**
     * As {@link #indexSelect(int, int[])}, except that the backward gives nothing to the entry
     * {@code skipIndex} of {@code dim} (an embedding's {@code padding_idx}); -1 for none.
     */
    Tensor indexSelect(int dim, int[] index, int skipIndex) {
        int d = Shape.dim("indexSelect", dim, shape.length);
        int size = shape[d];
        for (int i = 0; i < index.length; i++) {
            if (index[i] < 0 || index[i] >= size) {
                throw new IndexOutOfBoundsException("indexSelect: index " + index[i] + " at position " + i
                        + " is out of range for dim " + dim + " of size " + size + " (shape " + Shape.text(shape) + ")");
            }
        }
        int outer = 1;
        int inner = 1;
        for (int i = 0; i < d; i++) outer *= shape[i];
        for (int i = d + 1; i < shape.length; i++) inner *= shape[i];
        double[] x = flat();
        int[] out = shape.clone();
        out[d] = index.length;
        double[] y = new double[Shape.numel(out)];
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < index.length; i++) {
                System.arraycopy(x, (o * size + index[i]) * inner, y, (o * index.length + i) * inner, inner);
            }
        }
        int[] in = shape;
        int[] idx = index.clone();
        int innerF = inner;
        int outerF = outer;
        return Autograd.record("indexSelect", wrap(y, out), g -> {
            double[] gd = g.flat();
            double[] gi = new double[Shape.numel(in)];
            for (int o = 0; o < outerF; o++) {
                for (int i = 0; i < idx.length; i++) {
                    if (idx[i] == skipIndex) continue;
                    int src = (o * idx.length + i) * innerF;
                    int dst = (o * size + idx[i]) * innerF;
                    for (int j = 0; j < innerF; j++) gi[dst + j] += gd[src + j];
                }
            }
            return new Tensor[] {wrap(gi, in)};
        }, this);
    }

    /** The values as int indices (they must be whole numbers), row-major. */
    public int[] toIntArray() {
        double[] x = flat();
        int[] out = new int[x.length];
        for (int i = 0; i < x.length; i++) {
            if (x[i] != Math.rint(x[i]) || Math.abs(x[i]) > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("toIntArray: element " + i + " is " + x[i] + ", not an integer index");
            }
            out[i] = (int) x[i];
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------------
    // comparisons (never recorded; results are 0/1 masks)

    /** 1 where this tensor equals {@code value}. */
    public Tensor eq(double value) {
        double[] x = flat();
        double[] y = new double[x.length];
        for (int i = 0; i < y.length; i++) y[i] = x[i] == value ? 1 : 0;
        return wrap(y, shape);
    }

    /** Max |a - b| over all elements after broadcasting (NaN if either holds NaN). */
    public double maxAbsDiff(Tensor other) {
        int[] out = Shape.broadcast("maxAbsDiff", shape, other.shape);
        double[] a = detach().expand(out).flat();
        double[] b = other.detach().expand(out).flat();
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            double d = Math.abs(a[i] - b[i]);
            if (Double.isNaN(d)) return Double.NaN;
            m = Math.max(m, d);
        }
        return m;
    }

    // ------------------------------------------------------------------------------------------------

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("tensor(");
        double[] x = flat();
        if (shape.length == 0) {
            sb.append(format(x[0]));
        } else if (x.length > 1000) {
            sb.append("<").append(x.length).append(" values>");
        } else {
            appendNested(sb, x, 0, 0, 7);
        }
        sb.append(", shape=").append(Shape.text(shape));
        if (node != null) sb.append(", grad_fn=").append(node.op());
        else if (requiresGrad) sb.append(", requires_grad=True");
        return sb.append(')').toString();
    }

    private int appendNested(StringBuilder sb, double[] x, int dim, int pos, int indent) {
        sb.append('[');
        for (int i = 0; i < shape[dim]; i++) {
            if (i > 0) {
                sb.append(',');
                if (dim < shape.length - 1) sb.append('\n').append(" ".repeat(indent + dim + 1));
                else sb.append(' ');
            }
            if (dim == shape.length - 1) sb.append(format(x[pos++]));
            else pos = appendNested(sb, x, dim + 1, pos, indent);
        }
        sb.append(']');
        return pos;
    }

    private static String format(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }

    /** Checks that a tensor is non-null with an informative message. */
    static Tensor require(Tensor t, String what) {
        return Objects.requireNonNull(t, what + " must not be null");
    }
}
