package dojo.quiz;

import dojo.questions.Answer;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * How a numeric answer is shown: the value with digit grouping and only the digits its tolerance makes
 * meaningful ({@code 8,589,934,592}, {@code 1.5413}, {@code 0.000699}, {@code 8.4e22}), the tolerance as
 * {@code ±0.01} or {@code ±1%}, and the precision the question asks for, derived from the tolerance.
 */
public final class NumericFormat {
    private NumericFormat() {}

    /** What precision a numeric question asks for; the front end words it. */
    public sealed interface Precision {}

    /** An exact whole number (tolerance 0, integer value). */
    public record WholeNumber() implements Precision {}

    /** Exact (tolerance 0, a fraction such as 0.125). */
    public record Exact() implements Precision {}

    /** Rounded to {@code places} decimal places (the tolerance is 10^-places). */
    public record DecimalPlaces(int places) implements Precision {}

    /** Within an absolute amount, e.g. {@code ±0.5}. */
    public record Within(String amount) implements Precision {}

    /** Within a percentage of the value, e.g. {@code 1%}. */
    public record WithinPercent(String percent) implements Precision {}

    public static Precision precision(Answer.Numeric n) {
        if (n.tolerance() == 0) return isWhole(n.value()) ? new WholeNumber() : new Exact();
        if (n.relative()) return new WithinPercent(plain(n.tolerance() * 100) + "%");
        double places = -Math.log10(n.tolerance());
        long k = Math.round(places);
        if (k >= 0 && Math.abs(places - k) < 1e-9) return new DecimalPlaces((int) k);
        return new Within("±" + plain(n.tolerance()));
    }

    /** The tolerance as shown after the value: {@code ±0.01}, {@code ±1%}, or empty when exact. */
    public static String tolerance(Answer.Numeric n) {
        if (n.tolerance() == 0) return "";
        return "±" + (n.relative() ? plain(n.tolerance() * 100) + "%" : plain(n.tolerance()));
    }

    /** The expected value, grouped, with as many digits as the tolerance makes meaningful. */
    public static String value(Answer.Numeric n) {
        double v = n.value();
        if (isWhole(v) && Math.abs(v) < 1e15) return group(BigDecimal.valueOf((long) v));
        BigDecimal d;
        if (n.tolerance() == 0) {
            d = new BigDecimal(Double.toString(v));
        } else if (n.relative()) {
            int sig = Math.max(2, (int) Math.ceil(-Math.log10(n.tolerance())) + 1);
            d = new BigDecimal(v).round(new MathContext(sig, RoundingMode.HALF_EVEN));
        } else {
            int places = Math.max(0, (int) Math.ceil(-Math.log10(n.tolerance())));
            d = new BigDecimal(v).setScale(places, RoundingMode.HALF_EVEN);
        }
        d = d.stripTrailingZeros();
        double abs = Math.abs(d.doubleValue());
        if (abs != 0 && (abs >= 1e15 || abs < 1e-6)) {
            String sci = String.format(Locale.ROOT, "%s", d.toString()).replace("E+", "e").replace("E", "e");
            return sci;
        }
        return group(d);
    }

    /** A plain number without exponent or trailing zeros: {@code 0.01}, {@code 1}, {@code 0.0001}. */
    public static String plain(double d) {
        if (isWhole(d) && Math.abs(d) < 1e15) return Long.toString((long) d);
        return new BigDecimal(Double.toString(d)).stripTrailingZeros().toPlainString();
    }

    private static boolean isWhole(double v) {
        return v == Math.rint(v) && !Double.isInfinite(v);
    }

    /** Groups the integer part in threes with commas: {@code 1,050,624.5}. */
    private static String group(BigDecimal d) {
        String s = d.toPlainString();
        boolean neg = s.startsWith("-");
        if (neg) s = s.substring(1);
        int dot = s.indexOf('.');
        String intPart = dot < 0 ? s : s.substring(0, dot);
        String frac = dot < 0 ? "" : s.substring(dot);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < intPart.length(); i++) {
            if (i > 0 && (intPart.length() - i) % 3 == 0) b.append(',');
            b.append(intPart.charAt(i));
        }
        return (neg ? "-" : "") + b + frac;
    }
}
