package ex01_softmax;

import dojo.exercise.api.NotImplementedYet;
import dojo.exercise.api.Softmax;

/*
 * Exercise 1: a numerically stable, row-wise softmax.    (instructions: exercises/ex01_softmax/README.md)
 *
 * Attention turns each row of scores Q K^T / sqrt(d_k) into weights with softmax:
 *
 *     softmax(x)_j = e^(x_j) / sum_k e^(x_k)
 *
 * The formula is one line; the traps are not:
 *  - e^x overflows a float for x > ~88.7 (Math.exp(1e4) is Infinity, and Infinity / Infinity is NaN).
 *    Softmax does not change when you subtract the same constant from every entry of a row, so subtract
 *    the row's maximum first: every exponent is then <= 0.
 *  - Masked positions arrive as Float.NEGATIVE_INFINITY and must get weight 0. A row that is masked
 *    everywhere must come out as all zeros, not NaN (-inf minus -inf is NaN: handle that row first).
 *  - Rows are independent: normalise over the last axis (columns of one row), never down a column.
 *  - Invalid input (null matrix or row, ragged rows, NaN or +Infinity entries) throws
 *    IllegalArgumentException naming the place, e.g. "NaN at [1, 2]". Do not modify the input.
 *
 * Run:  ./dojo grade ex01_softmax     (or: mvn test)     Stuck?  ./dojo hint ex01_softmax
 */
public class StableSoftmax implements Softmax {

    @Override
    public float[][] softmaxRows(float[][] logits) {
        // Delete the next line and implement: validate, then for each row: max, exp(x - max), divide by the sum.
        throw new NotImplementedYet();
    }
}
