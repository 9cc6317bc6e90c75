package dojo.review;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Parameters of the FSRS-6 scheduler, with the defaults and bounds of py-fsrs 6.3.1.
 *
 * @param weights             the 21 model weights w[0..20] (defensively copied both ways)
 * @param desiredRetention    the recall probability at which a card falls due, in (0, 1)
 * @param learningSteps       short intervals for new cards before they graduate to review
 * @param relearningSteps     short intervals after a lapse (Again on a review card)
 * @param maximumIntervalDays the longest interval a review card can get
 * @param fuzz                whether review intervals get py-fsrs's random fuzz
 */
public record SchedulerConfig(
        double[] weights,
        double desiredRetention,
        List<Duration> learningSteps,
        List<Duration> relearningSteps,
        int maximumIntervalDays,
        boolean fuzz) {

    /** FSRS-6 default weights (py-fsrs 6.3.1 DEFAULT_PARAMETERS). */
    private static final double[] DEFAULT_WEIGHTS = {
        0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722,
        0.1666, 0.796, 1.4835, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425,
        0.0912, 0.0658, 0.1542
    };

    // py-fsrs LOWER_BOUNDS_PARAMETERS / UPPER_BOUNDS_PARAMETERS: weights outside these make the
    // model meaningless (e.g. negative initial stability, decay outside (0.1, 0.8)).
    private static final double[] LOWER = {
        0.001, 0.001, 0.001, 0.001, 1.0, 0.001, 0.001, 0.001, 0.0, 0.0, 0.001,
        0.001, 0.001, 0.001, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.1
    };
    private static final double[] UPPER = {
        100.0, 100.0, 100.0, 100.0, 10.0, 4.0, 4.0, 0.75, 4.5, 0.8, 3.5,
        5.0, 0.25, 0.9, 4.0, 1.0, 6.0, 2.0, 2.0, 0.8, 0.8
    };

    public static final int WEIGHT_COUNT = 21;

    public SchedulerConfig {
        Objects.requireNonNull(weights, "weights");
        Objects.requireNonNull(learningSteps, "learningSteps");
        Objects.requireNonNull(relearningSteps, "relearningSteps");
        if (weights.length != WEIGHT_COUNT) {
            throw new IllegalArgumentException(
                    "FSRS-6 needs " + WEIGHT_COUNT + " weights w[0..20], got " + weights.length);
        }
        weights = weights.clone();
        List<String> bad = new ArrayList<>();
        for (int i = 0; i < WEIGHT_COUNT; i++) {
            if (!(weights[i] >= LOWER[i] && weights[i] <= UPPER[i])) {
                bad.add("w[" + i + "] = " + weights[i] + " is outside [" + LOWER[i] + ", " + UPPER[i] + "]");
            }
        }
        if (!bad.isEmpty()) {
            throw new IllegalArgumentException("FSRS weights out of bounds: " + String.join("; ", bad));
        }
        if (!(desiredRetention > 0.0 && desiredRetention < 1.0)) {
            throw new IllegalArgumentException("desired retention must be in (0, 1), got " + desiredRetention);
        }
        learningSteps = checkedSteps("learning", learningSteps);
        relearningSteps = checkedSteps("relearning", relearningSteps);
        if (maximumIntervalDays < 1) {
            throw new IllegalArgumentException("maximum interval must be at least 1 day, got " + maximumIntervalDays);
        }
    }

    private static List<Duration> checkedSteps(String what, List<Duration> steps) {
        for (int i = 0; i < steps.size(); i++) {
            Duration d = steps.get(i);
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(what + " step " + i + " must be a positive duration, got " + d);
            }
        }
        return List.copyOf(steps);
    }

    /** The py-fsrs defaults: FSRS-6 weights, retention 0.9, steps [1m, 10m] and [10m], 36500 days, fuzz on. */
    public static SchedulerConfig defaults() {
        return new SchedulerConfig(
                DEFAULT_WEIGHTS,
                0.9,
                List.of(Duration.ofMinutes(1), Duration.ofMinutes(10)),
                List.of(Duration.ofMinutes(10)),
                36500,
                true);
    }

    /** The same configuration with fuzz off: deterministic intervals (tests, reference vectors). */
    public SchedulerConfig withoutFuzz() {
        return new SchedulerConfig(weights, desiredRetention, learningSteps, relearningSteps, maximumIntervalDays, false);
    }

    /** A copy of the weights; the record never exposes its own array. */
    @Override
    public double[] weights() {
        return weights.clone();
    }

    /** w[i], without copying the array. */
    public double weight(int i) {
        return weights[i];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SchedulerConfig c
                && Arrays.equals(weights, c.weights)
                && Double.compare(desiredRetention, c.desiredRetention) == 0
                && learningSteps.equals(c.learningSteps)
                && relearningSteps.equals(c.relearningSteps)
                && maximumIntervalDays == c.maximumIntervalDays
                && fuzz == c.fuzz;
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(weights), desiredRetention, learningSteps, relearningSteps,
                maximumIntervalDays, fuzz);
    }

    @Override
    public String toString() {
        return "SchedulerConfig[weights=" + Arrays.toString(weights) + ", desiredRetention=" + desiredRetention
                + ", learningSteps=" + learningSteps + ", relearningSteps=" + relearningSteps
                + ", maximumIntervalDays=" + maximumIntervalDays + ", fuzz=" + fuzz + "]";
    }
}
