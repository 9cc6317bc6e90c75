package dojo.tensor;

/**
 * The inner loops of the tensor library that need SIMD: the tile of {@link Gemm}, and the relu gradient.
 * The tile of {@link Gemm}: an {@code mr x nr} tile of C from a packed A sliver ({@code kc x mr},
 * p-major) and a packed B sliver ({@code kc x nr}, p-major). Two implementations: plain Java
 * ({@link ScalarDoubleKernel}) and the Vector API ({@code VectorDoubleKernel}, loaded by name only
 * when {@code jdk.incubator.vector} is present). Each C element is one multiply-add chain in ascending
 * p (fused on the vector path, {@code Math.fma} on the scalar path), so both give identical results.
 */
interface DoubleKernel {

    int mr();

    int nr();

    /** {@code C[i][j] += sum_p A[p][i] B[p][j]} for {@code i < rows <= mr}, {@code j < cols <= nr}. */
    void tile(int kc, double[] a, int aOff, double[] b, int bOff, double[] c, int cOff, int ldc, int rows, int cols);

    String describe();

    /**
     * {@code out[i] = x[i] > 0 ? g[i] : 0} for i in {@code [from, to)}: the gradient of relu. As a
     * plain loop the branch is unpredictable on activations of either sign (measured 6.5 ms for 1 Mi
     * doubles against 0.8 ms without it), so the vector kernel selects lanes with a mask.
     */
    void reluGrad(double[] x, double[] g, double[] out, int from, int to);
}
