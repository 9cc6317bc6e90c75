package dojo.review;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * The FSRS-6 scheduler with py-fsrs 6.3.1 semantics: {@link #review} is a pure function of
 * (card, rating, time) apart from the fuzz draw. The formulas, with their weight indices, are in
 * docs/scheduling.md; the code mirrors py-fsrs's {@code Scheduler.review_card} branch for branch,
 * including its arithmetic (Python's {@code math.e ** x}, {@code round} half to even, whole elapsed
 * days), so that the reference vectors in src/test/resources/fsrs match to the last digit we check.
 *
 * <p>Two ways to get the fuzz draw. {@link #Scheduler(SchedulerConfig, RandomGenerator)} takes
 * it from the given generator (tests, simulations). {@link #replayable(SchedulerConfig)} derives it
 * from (question id, review count, review time), so replaying the same review log gives the same
 * due dates in every process; the application uses that one, because scheduling state is always
 * rebuilt from the log.
 */
public final class Scheduler {

    /** Stability is kept within these bounds (py-fsrs STABILITY_MIN; upper bound as in fsrs-rs). */
    public static final double STABILITY_MIN = 0.001;
    public static final double STABILITY_MAX = 36500.0;
    public static final double DIFFICULTY_MIN = 1.0;
    public static final double DIFFICULTY_MAX = 10.0;

    private static final long SECONDS_PER_DAY = 86_400L;

    /** py-fsrs FUZZ_RANGES: {start, end, factor}. */
    private static final double[][] FUZZ_RANGES = {
        {2.5, 7.0, 0.15},
        {7.0, 20.0, 0.1},
        {20.0, Double.POSITIVE_INFINITY, 0.05},
    };

    /** Where the uniform [0, 1) fuzz draw comes from. */
    private interface FuzzSource {
        double next(Card card, Instant reviewTime);
    }

    private final SchedulerConfig cfg;
    private final double[] w;
    private final double decay;
    private final double factor;
    private final FuzzSource fuzzSource;

    /**
     * @param cfg the parameters
     * @param rng source of the fuzz draws (unused when {@code cfg.fuzz()} is false)
     */
    public Scheduler(SchedulerConfig cfg, RandomGenerator rng) {
        this(cfg, fuzzFrom(rng));
    }

    private static FuzzSource fuzzFrom(RandomGenerator rng) {
        Objects.requireNonNull(rng, "rng");
        return (card, time) -> rng.nextDouble();
    }

    private Scheduler(SchedulerConfig cfg, FuzzSource fuzzSource) {
        this.cfg = Objects.requireNonNull(cfg, "cfg");
        this.w = cfg.weights();
        this.decay = -w[20];
        this.factor = Math.pow(0.9, 1.0 / decay) - 1.0;
        this.fuzzSource = fuzzSource;
    }

    /**
     * A scheduler whose fuzz is a deterministic function of the question id, how many times it was
     * reviewed and the review time: replaying a log yields the same due dates every time.
     */
    public static Scheduler replayable(SchedulerConfig cfg) {
        return new Scheduler(cfg, (card, time) -> new SplittableRandom(fuzzSeed(card, time)).nextDouble());
    }

    private static long fuzzSeed(Card card, Instant time) {
        long h = 0xcbf29ce484222325L;
        for (byte b : card.id().getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ b) * 0x100000001b3L;
        }
        h = h * 31 + card.reps();
        h = h * 31 + time.getEpochSecond();
        h = h * 31 + time.getNano();
        return h;
    }

    public SchedulerConfig config() {
        return cfg;
    }

    /**
     * The card after one review.
     *
     * @param card   its state before the review ({@link Card#fresh} for a never-reviewed question)
     * @param rating how well it was recalled
     * @param now    when it was reviewed
     */
    public Card review(Card card, Rating rating, Instant now) {
        Objects.requireNonNull(card, "card");
        Objects.requireNonNull(rating, "rating");
        Objects.requireNonNull(now, "now");
        if (card.state() != Card.State.REVIEW && card.step() < 0) {
            throw new IllegalArgumentException("card " + card.id() + " is in state " + card.state()
                    + " but has step " + card.step() + " (only review cards have no step)");
        }
        if ((card.stability() == null) != (card.difficulty() == null)) {
            throw new IllegalArgumentException("card " + card.id() + " has only one of stability and difficulty");
        }
        if (card.state() != Card.State.LEARNING && card.stability() == null) {
            throw new IllegalArgumentException("card " + card.id() + " is in state " + card.state()
                    + " but was never reviewed (no stability)");
        }

        // py-fsrs: (review_datetime - last_review).days, i.e. whole days rounded down
        Long daysSinceLast = card.lastReview() == null
                ? null
                : Math.floorDiv(Duration.between(card.lastReview(), now).getSeconds(), SECONDS_PER_DAY);
        boolean sameDay = daysSinceLast != null && daysSinceLast < 1;

        Card.State state = card.state();
        int step = card.step();
        double s;
        double d;
        Duration interval;
        long intervalDays = -1; // set whenever the card ends in the review state

        switch (card.state()) {
            case LEARNING, RELEARNING -> {
                boolean learning = card.state() == Card.State.LEARNING;
                if (card.stability() == null) {
                    s = initialStability(rating);
                    d = clampDifficulty(initialDifficulty(rating));
                } else if (sameDay) {
                    s = shortTermStability(card.stability(), rating);
                    d = nextDifficulty(card.difficulty(), rating);
                } else {
                    s = nextStability(card.difficulty(), card.stability(), retrievability(card, now), rating);
                    d = nextDifficulty(card.difficulty(), rating);
                }
                List<Duration> steps = learning ? cfg.learningSteps() : cfg.relearningSteps();
                // the first clause covers a card left on a step that a shorter step list no longer has
                if (steps.isEmpty() || (step >= steps.size() && rating != Rating.AGAIN)) {
                    state = Card.State.REVIEW;
                    step = -1;
                    intervalDays = nextIntervalDays(s);
                    interval = null;
                } else {
                    switch (rating) {
                        case AGAIN -> {
                            step = 0;
                            interval = steps.get(0);
                        }
                        case HARD -> {
                            if (step == 0 && steps.size() == 1) {
                                interval = scale(steps.get(0), 1.5);
                            } else if (step == 0) {
                                interval = scale(steps.get(0).plus(steps.get(1)), 0.5);
                            } else {
                                interval = steps.get(step);
                            }
                        }
                        case GOOD -> {
                            if (step + 1 == steps.size()) {
                                state = Card.State.REVIEW;
                                step = -1;
                                intervalDays = nextIntervalDays(s);
                                interval = null;
                            } else {
                                step += 1;
                                interval = steps.get(step);
                            }
                        }
                        case EASY -> {
                            state = Card.State.REVIEW;
                            step = -1;
                            intervalDays = nextIntervalDays(s);
                            interval = null;
                        }
                        default -> throw new AssertionError(rating);
                    }
                }
            }
            case REVIEW -> {
                if (sameDay) {
                    s = shortTermStability(card.stability(), rating);
                } else {
                    s = nextStability(card.difficulty(), card.stability(), retrievability(card, now), rating);
                }
                d = nextDifficulty(card.difficulty(), rating);
                if (rating == Rating.AGAIN && !cfg.relearningSteps().isEmpty()) {
                    state = Card.State.RELEARNING;
                    step = 0;
                    interval = cfg.relearningSteps().get(0);
                } else {
                    intervalDays = nextIntervalDays(s);
                    interval = null;
                }
            }
            default -> throw new AssertionError(card.state());
        }

        if (state == Card.State.REVIEW) {
            if (cfg.fuzz()) {
                intervalDays = fuzzedIntervalDays(intervalDays, fuzzSource.next(card, now));
            }
            interval = Duration.ofDays(intervalDays);
        }
        int lapses = card.lapses() + (card.state() == Card.State.REVIEW && rating == Rating.AGAIN ? 1 : 0);
        return new Card(card.id(), state, step, s, d, now.plus(interval), now, card.reps() + 1, lapses);
    }

    /**
     * Probability of recall now, R(t, S) with t in whole days since the last review (as py-fsrs);
     * 0 for a never-reviewed card.
     */
    public double retrievability(Card card, Instant now) {
        if (card.lastReview() == null || card.stability() == null) {
            return 0.0;
        }
        long elapsedDays = Math.max(0L,
                Math.floorDiv(Duration.between(card.lastReview(), now).getSeconds(), SECONDS_PER_DAY));
        return forgettingCurve(elapsedDays, card.stability());
    }

    /** The FSRS-6 forgetting curve R(t, S) = (1 + F t / S)^C, C = -w20, F = 0.9^(1/C) - 1, t in days. */
    public double forgettingCurve(double elapsedDays, double stability) {
        return Math.pow(1 + factor * elapsedDays / stability, decay);
    }

    /** I(r, S) = (S / F) (r^(1/C) - 1), rounded half to even, clamped to [1, maximum interval]. */
    public long nextIntervalDays(double stability) {
        double raw = (stability / factor) * (Math.pow(cfg.desiredRetention(), 1.0 / decay) - 1);
        long days = (long) Math.rint(raw);
        return Math.min(Math.max(days, 1L), cfg.maximumIntervalDays());
    }

    /**
     * py-fsrs's fuzz: no fuzz below 2.5 days; otherwise a uniform pick among the whole days of
     * [interval - delta, interval + delta] (delta grows 15% / 10% / 5% per day over 2.5-7 / 7-20 /
     * 20+ days), at least 2 days and at most the maximum interval.
     *
     * @param u a uniform draw in [0, 1)
     */
    long fuzzedIntervalDays(long intervalDays, double u) {
        if (intervalDays < 2.5) {
            return intervalDays;
        }
        long[] range = fuzzRange(intervalDays);
        double fuzzed = u * (range[1] - range[0] + 1) + range[0];
        return Math.min((long) Math.rint(fuzzed), cfg.maximumIntervalDays());
    }

    /** The {min, max} whole-day bounds fuzz may pick from for an interval of at least 3 days. */
    long[] fuzzRange(long intervalDays) {
        double delta = 1.0;
        for (double[] r : FUZZ_RANGES) {
            delta += r[2] * Math.max(Math.min(intervalDays, r[1]) - r[0], 0.0);
        }
        long min = (long) Math.rint(intervalDays - delta);
        long max = (long) Math.rint(intervalDays + delta);
        min = Math.max(2, min);
        max = Math.min(max, cfg.maximumIntervalDays());
        min = Math.min(min, max);
        return new long[] {min, max};
    }

    // --- the FSRS-6 update rules (py-fsrs names in comments) ---

    /** S0(G) = w[G-1]. */
    private double initialStability(Rating g) {
        return clampStability(w[g.value() - 1]);
    }

    /** D0(G) = w4 - e^(w5 (G-1)) + 1, unclamped (the mean-reversion target uses it unclamped). */
    private double initialDifficulty(Rating g) {
        return w[4] - Math.pow(Math.E, w[5] * (g.value() - 1)) + 1;
    }

    /** D'' = w7 D0(4) + (1 - w7) (D + (10 - D) (-w6 (G - 3)) / 9), clamped to [1, 10]. */
    private double nextDifficulty(double d, Rating g) {
        double target = initialDifficulty(Rating.EASY);
        double delta = -(w[6] * (g.value() - 3));
        double damped = d + (10.0 - d) * delta / 9.0;
        return clampDifficulty(w[7] * target + (1 - w[7]) * damped);
    }

    /** Same-day review: S' = S e^(w17 (G - 3 + w18)) S^(-w19), never shrinking on Good or Easy. */
    private double shortTermStability(double s, Rating g) {
        double increase = Math.pow(Math.E, w[17] * (g.value() - 3 + w[18])) * Math.pow(s, -w[19]);
        if (g == Rating.GOOD || g == Rating.EASY) {
            increase = Math.max(increase, 1.0);
        }
        return clampStability(s * increase);
    }

    private double nextStability(double d, double s, double r, Rating g) {
        double next = g == Rating.AGAIN ? forgetStability(d, s, r) : recallStability(d, s, r, g);
        return clampStability(next);
    }

    /** Lapse: min(w11 D^(-w12) ((S+1)^w13 - 1) e^(w14 (1-R)), S / e^(w17 w18)). */
    private double forgetStability(double d, double s, double r) {
        double longTerm = w[11]
                * Math.pow(d, -w[12])
                * (Math.pow(s + 1, w[13]) - 1)
                * Math.pow(Math.E, (1 - r) * w[14]);
        double shortTerm = s / Math.pow(Math.E, w[17] * w[18]);
        return Math.min(longTerm, shortTerm);
    }

    /** Success: S (1 + e^w8 (11 - D) S^(-w9) (e^(w10 (1-R)) - 1) [w15 if Hard] [w16 if Easy]). */
    private double recallStability(double d, double s, double r, Rating g) {
        double hardPenalty = g == Rating.HARD ? w[15] : 1;
        double easyBonus = g == Rating.EASY ? w[16] : 1;
        return s * (1
                + Math.pow(Math.E, w[8])
                * (11 - d)
                * Math.pow(s, -w[9])
                * (Math.pow(Math.E, (1 - r) * w[10]) - 1)
                * hardPenalty
                * easyBonus);
    }

    private static double clampStability(double s) {
        return Math.min(Math.max(s, STABILITY_MIN), STABILITY_MAX);
    }

    private static double clampDifficulty(double d) {
        return Math.min(Math.max(d, DIFFICULTY_MIN), DIFFICULTY_MAX);
    }

    /** timedelta * float in Python: exact product rounded half to even to whole microseconds. */
    private static Duration scale(Duration d, double f) {
        long micros = Math.addExact(Math.multiplyExact(d.getSeconds(), 1_000_000L), d.getNano() / 1_000L);
        return Duration.ofNanos(Math.multiplyExact((long) Math.rint(micros * f), 1_000L));
    }
}
