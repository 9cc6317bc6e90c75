package dojo.exercise.api;

import dojo.tensor.MathFunctions;

/**
 * The special functions the JDK lacks and the exercises need (ex09: exact GELU = x * Phi(x)), accurate to a
 * few ulps in double: the exercises' view of the tensor library's {@link MathFunctions}, so an exercise and
 * the reference {@code Tensor.gelu} use the same algorithms.
 */
public final class SpecialFunctions {

    private SpecialFunctions() {
    }

    /** The error function {@code erf(x) = 2/sqrt(pi) * integral_0^x exp(-t^2) dt}. */
    public static double erf(double x) {
        return MathFunctions.erf(x);
    }

    /** {@code 1 - erf(x)}, without cancellation for large x. */
    public static double erfc(double x) {
        return MathFunctions.erfc(x);
    }

    /** The standard normal CDF {@code Phi(x) = (1 + erf(x / sqrt 2)) / 2}. */
    public static double normalCdf(double x) {
        return MathFunctions.normalCdf(x);
    }

    /** The standard normal density {@code phi(x) = exp(-x^2 / 2) / sqrt(2 pi)}. */
    public static double normalPdf(double x) {
        return MathFunctions.normalPdf(x);
    }
}
