package dojo.terminal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;

/** Small formatting helpers for times and points. */
public final class Durations {
    private Durations() {}

    /** {@code 12:05} (minutes:seconds) or {@code 1:02:05} with hours. */
    public static String clock(Duration d) {
        long s = Math.max(0, d.getSeconds());
        long h = s / 3600, m = (s % 3600) / 60, sec = s % 60;
        return h > 0 ? String.format("%d:%02d:%02d", h, m, sec) : String.format("%d:%02d", m, sec);
    }

    /** How long until something, coarse: {@code 45s}, {@code 10m}, {@code 3h}, {@code 4d}, {@code 2mo}. */
    public static String coarse(Duration d) {
        long s = Math.max(0, d.getSeconds());
        if (s < 60) return s + "s";
        if (s < 3600) return Math.round(s / 60.0) + "m";
        if (s < 86400 * 2) return Math.round(s / 3600.0) + "h";
        if (s < 86400L * 60) return Math.round(s / 86400.0) + "d";
        if (s < 86400L * 730) return Math.round(s / (86400 * 30.44)) + "mo";
        return Math.round(s / (86400 * 365.25)) + "y";
    }

    /** Points with up to two decimals and no trailing zeros: {@code 7}, {@code 7.5}, {@code 0.33}. */
    public static String points(double p) {
        return BigDecimal.valueOf(p).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }
}
