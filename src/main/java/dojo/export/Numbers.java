package dojo.export;

import java.math.BigDecimal;

/** Numbers written the way people read them: no exponent, no trailing zeros, integers without ".0". */
final class Numbers {
    private Numbers() {}

    static String plain(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) return Long.toString((long) d);
        return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }
}
