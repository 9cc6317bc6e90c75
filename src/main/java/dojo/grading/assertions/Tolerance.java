package dojo.grading.assertions;

import java.util.Locale;

/**
 * How close is close enough: an element passes when {@code |actual - expected| <= abs + rel * |expected|}
 * (the rule of {@code numpy.isclose} and {@code torch.allclose}).
 */
public record Tolerance(double abs, double rel) {

    /** A good default for float32 results of short computations (a few hundred flops per element). */
    public static final Tolerance FLOAT = new Tolerance(1e-5, 1e-4);

    public Tolerance {
        if (!(abs >= 0) || !(rel >= 0) || Double.isInfinite(abs) || Double.isInfinite(rel)) {
            throw new IllegalArgumentException("tolerance must be finite and >= 0, got abs " + abs + ", rel " + rel);
        }
    }

    public static Tolerance of(double abs, double rel) {
        return new Tolerance(abs, rel);
    }

    public static Tolerance absolute(double abs) {
        return new Tolerance(abs, 0);
    }

    /** True when {@code actual} is within tolerance of {@code expected}; NaN matches NaN, infinities match themselves. */
    public boolean allows(double actual, double expected) {
        if (Double.isNaN(actual) || Double.isNaN(expected)) {
            return Double.isNaN(actual) && Double.isNaN(expected);
        }
        if (Double.isInfinite(actual) || Double.isInfinite(expected)) {
            return actual == expected;
        }
        return Math.abs(actual - expected) <= abs + rel * Math.abs(expected);
    }

    /** The same rule loosened by {@code factor}; used to recognise a likely cause despite float rounding. */
    public Tolerance times(double factor) {
        return new Tolerance(abs * factor, rel * factor);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "|actual - expected| <= %.1e + %.1e * |expected|", abs, rel);
    }
}
