package dojo.tensor;

/** Special functions the JDK lacks, accurate to a few ulps in double (GELU needs erf). */
public final class MathFunctions {

    private static final double TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);
    private static final double INV_SQRT_2 = 1 / Math.sqrt(2);
    private static final double INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

    private MathFunctions() {
    }

    /** The error function. */
    public static double erf(double x) {
        if (Double.isNaN(x)) return x;
        double ax = Math.abs(x);
        if (ax < 2.5) {
            return series(x);
        }
        double e = erfcLarge(ax);
        return x > 0 ? 1 - e : e - 1;
    }

    /** The complementary error function {@code 1 - erf(x)}, without cancellation for large x. */
    public static double erfc(double x) {
        if (Double.isNaN(x)) return x;
        if (x < 1.5) {
            return x < -2.5 ? 2 - erfcLarge(-x) : 1 - series(x);
        }
        return erfcLarge(x);
    }

    /**
     * {@code erf(x) = 2/sqrt(pi) * exp(-x^2) * sum_n (2x^2)^n x / (1*3*...*(2n+1))}: every term is
     * positive, so there is no cancellation; about 40 terms for |x| < 2.5.
     */
    private static double series(double x) {
        double x2 = x * x;
        double term = x;
        double sum = x;
        for (int n = 1; n < 200; n++) {
            term *= 2 * x2 / (2 * n + 1);
            sum += term;
            if (Math.abs(term) < 1e-17 * Math.abs(sum)) break;
        }
        return TWO_OVER_SQRT_PI * Math.exp(-x2) * sum;
    }

    /**
     * erfc for x >= 1.5 (at most ~90 terms there) by the continued fraction
     * {@code erfc(x) = exp(-x^2)/sqrt(pi) * 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + ...))))},
     * evaluated with the modified Lentz method.
     */
    private static double erfcLarge(double x) {
        if (x > 27) return 0;
        double tiny = 1e-300;
        double f = x;
        double c = x;
        double d = 0;
        for (int n = 1; n < 500; n++) {
            double an = n / 2.0;
            d = x + an * d;
            d = Math.abs(d) < tiny ? tiny : d;
            c = x + an / c;
            c = Math.abs(c) < tiny ? tiny : c;
            d = 1 / d;
            double delta = c * d;
            f *= delta;
            if (Math.abs(delta - 1) < 1e-16) break;
        }
        return Math.exp(-x * x) / Math.sqrt(Math.PI) / f;
    }

    /** The standard normal CDF {@code Phi(x) = erfc(-x/sqrt 2)/2}. */
    public static double normalCdf(double x) {
        return 0.5 * erfc(-x * INV_SQRT_2);
    }

    /** The standard normal density. */
    public static double normalPdf(double x) {
        return INV_SQRT_2PI * Math.exp(-0.5 * x * x);
    }
}
