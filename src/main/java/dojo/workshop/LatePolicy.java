package dojo.workshop;

import java.time.Duration;
import java.time.Instant;

/**
 * What a late submission costs.
 *
 * @param kind none (late is fine), zero (late scores 0) or percent per started day late, up to a cap
 * @param percentPerDay percent of the score lost per started day (PERCENT_PER_DAY only)
 * @param capPercent the most that can be lost, in percent (PERCENT_PER_DAY only)
 */
public record LatePolicy(Kind kind, double percentPerDay, double capPercent) {

    /** The policy kinds, as spelled in workshop.yaml. */
    public enum Kind {
        NONE("none"), ZERO("zero"), PERCENT_PER_DAY("percent-per-day");

        private final String yaml;

        Kind(String yaml) {
            this.yaml = yaml;
        }

        public String yaml() {
            return yaml;
        }
    }

    public static LatePolicy none() {
        return new LatePolicy(Kind.NONE, 0, 0);
    }

    /** Started days late (0 when on time): 1 minute late is 1 day, 24 h 1 min late is 2 days. */
    public static long daysLate(Instant submitted, Instant due) {
        if (submitted == null || !submitted.isAfter(due)) {
            return 0;
        }
        Duration late = Duration.between(due, submitted);
        long days = late.toDays();
        return late.equals(Duration.ofDays(days)) ? days : days + 1;
    }

    /** Points lost from {@code raw} for a submission at {@code submitted}, rounded to 0.1. */
    public double penalty(double raw, Instant submitted, Instant due) {
        long days = daysLate(submitted, due);
        if (days == 0 || raw <= 0) {
            return 0;
        }
        double lost = switch (kind) {
            case NONE -> 0;
            case ZERO -> raw;
            case PERCENT_PER_DAY -> raw * Math.min(capPercent, percentPerDay * days) / 100.0;
        };
        return Math.round(lost * 10) / 10.0;
    }
}
