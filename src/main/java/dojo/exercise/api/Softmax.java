package dojo.exercise.api;

/**
 * Row-wise softmax, the normalisation at the heart of attention: {@code softmax(x)_j = e^{x_j} / sum_k e^{x_k}}.
 *
 * <p>Contract, checked by the graded suites of exercise {@code ex01_softmax}:
 * <ul>
 *   <li>Rows are independent: row {@code i} of the result depends only on row {@code i} of the input,
 *       and the result has the input's shape ({@code [rows][cols]}). The input is not modified.</li>
 *   <li>Every row of the result is a probability distribution: entries in {@code [0, 1]}, summing to 1
 *       (within float rounding).</li>
 *   <li>{@code Float.NEGATIVE_INFINITY} entries are allowed (that is how attention masks a position)
 *       and get weight exactly 0.</li>
 *   <li>A row whose entries are all {@code -inf} (a fully masked row) gives all zeros. This is a
 *       documented choice of this project: PyTorch returns NaN there, which then poisons everything
 *       downstream.</li>
 *   <li>No overflow or underflow to NaN for logits of magnitude up to {@code 1e4} and beyond: a row such as
 *       {@code [10000, 9999]} gives {@code [0.731, 0.269]}, the same as {@code [1, 0]} (softmax is invariant
 *       to adding a constant to a row).</li>
 *   <li>Invalid input throws {@link IllegalArgumentException} with a message naming the position:
 *       a {@code null} matrix or {@code null} row ({@code "row 2 is null"}), ragged rows
 *       ({@code "row 1 has 3 columns, row 0 has 4"}), and NaN entries ({@code "NaN at [1, 2]"}).
 *       NaN is not allowed in the input; {@code +inf} is treated like NaN (it has no finite softmax).
 *       An empty matrix ({@code new float[0][]}) gives an empty matrix; rows of length 0 give rows of length 0.</li>
 * </ul>
 */
public interface Softmax {

    /**
     * Softmax of every row of {@code logits}.
     *
     * @param logits scores, {@code [rows][cols]}; {@code -inf} marks a masked entry
     * @return a new {@code [rows][cols]} matrix whose rows are probability distributions (or all zeros for a
     *     fully masked row)
     * @throws IllegalArgumentException for null, ragged, NaN or {@code +inf} input, naming the position
     */
    float[][] softmaxRows(float[][] logits);
}
