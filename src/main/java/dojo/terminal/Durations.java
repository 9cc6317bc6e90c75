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

    /** A coarse amount of time: a whole number of one unit, for "next due in 3h" (worded by {@link Messages}). */
    public record Coarse(long amount, Unit unit) {}

    public enum Unit { SECONDS, MINUTES, HOURS, DAYS, MONTHS, YEARS }

    /**
     * How long until something, coarse: under a minute in seconds, under an hour in minutes, under two
     * days in hours, under 60 days in days, under two years in months (30.44 days), else years; rounded.
     */
    public static Coarse coarse(Duration d) {
        long s = Math.max(0, d.getSeconds());
        if (s < 60) return new Coarse(s, Unit.SECONDS);
        if (s < 3600) return new Coarse(Math.round(s / 60.0), Unit.MINUTES);
        if (s < 86400 * 2) return new Coarse(Math.round(s / 3600.0), Unit.HOURS);
        if (s < 86400L * 60) return new Coarse(Math.round(s / 86400.0), Unit.DAYS);
        if (s < 86400L * 730) return new Coarse(Math.round(s / (86400 * 30.44)), Unit.MONTHS);
        return new Coarse(Math.round(s / (86400 * 365.25)), Unit.YEARS);
    }

    /** Points with up to two decimals and no trailing zeros: {@code 7}, {@code 7.5}, {@code 0.33}. */
    public static String points(double p) {
        return BigDecimal.valueOf(p).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }
}
