package dojo.quiz;

import java.text.Normalizer;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a number the way people type one: {@code 42}, {@code -3.5}, {@code .5}, {@code 1e-3}, {@code 2.5E6},
 * {@code 1,024} or {@code 1 024} (groups of three), {@code 1.5×10^6}, {@code 1/8}, full-width digits
 * ({@code １０２４}), the Unicode minus sign, and an optional trailing unit equal to the question's unit.
 */
final class NumberInput {
    private NumberInput() {}

    private static final String EXP = "(?:e[+-]?\\d+)?";
    private static final Pattern PLAIN = Pattern.compile("[+-]?(?:\\d+\\.?\\d*|\\.\\d+)" + EXP);
    private static final Pattern GROUPED = Pattern.compile("([+-]?\\d{1,3}(?:([, _'])\\d{3})(?:\\2\\d{3})*)(\\.\\d*)?" + EXP);
    private static final Pattern TIMES_TEN = Pattern.compile("([+-]?(?:\\d+\\.?\\d*|\\.\\d+))\\s*[x*×·]\\s*10\\s*(?:\\^|\\*\\*)\\s*([+-]?\\d+)");
    private static final Pattern FRACTION = Pattern.compile("([+-]?\\d+)\\s*/\\s*(\\d+)");

    /** The value, or empty when the text is not a number; {@code unit} (may be null or blank) is allowed after it. */
    static OptionalDouble parse(String text, String unit) {
        String s = Normalizer.normalize(text, Normalizer.Form.NFKC)
                .replace('\u2212', '-') // minus sign
                .toLowerCase(Locale.ROOT)
                .trim();
        if (unit != null && !unit.isBlank()) {
            String u = Normalizer.normalize(unit, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT).trim();
            if (s.endsWith(u) && s.length() > u.length()) {
                s = s.substring(0, s.length() - u.length()).trim();
            }
        }
        if (s.isEmpty()) return OptionalDouble.empty();
        if (PLAIN.matcher(s).matches()) return finite(Double.parseDouble(s));
        Matcher g = GROUPED.matcher(s);
        if (g.matches()) {
            return finite(Double.parseDouble(s.replace(g.group(2), "")));
        }
        Matcher t = TIMES_TEN.matcher(s);
        if (t.matches()) {
            return finite(Double.parseDouble(t.group(1) + "e" + t.group(2)));
        }
        Matcher f = FRACTION.matcher(s);
        if (f.matches()) {
            double den = Double.parseDouble(f.group(2));
            if (den == 0) return OptionalDouble.empty();
            return finite(Double.parseDouble(f.group(1)) / den);
        }
        return OptionalDouble.empty();
    }

    private static OptionalDouble finite(double v) {
        return Double.isFinite(v) ? OptionalDouble.of(v) : OptionalDouble.empty();
    }
}
