package dojo.review;

/**
 * How quiz outcomes become FSRS ratings (docs/scheduling.md). Auto-graded answers: wrong (score 0)
 * = Again, partly right (0 &lt; score &lt; 1, partial credit) = Hard, right (score 1) = Good; Easy
 * is never inferred from a score. Open questions are self-rated 1-4. A skipped question records
 * nothing, so it has no rating.
 */
public final class Ratings {

    private Ratings() {}

    /** The rating for an auto-graded answer with the given score in [0, 1]. */
    public static Rating fromScore(double score) {
        if (!(score >= 0.0 && score <= 1.0)) {
            throw new IllegalArgumentException("score must be in [0, 1], got " + score);
        }
        if (score == 0.0) {
            return Rating.AGAIN;
        }
        return score == 1.0 ? Rating.GOOD : Rating.HARD;
    }

    /** The rating an open question's self-assessment (1 Again, 2 Hard, 3 Good, 4 Easy) gives. */
    public static Rating fromSelfRating(int value) {
        return Rating.of(value);
    }

    /** The score recorded for a self-rated answer: Again 0, Hard 0.5, Good 1, Easy 1. */
    public static double scoreOf(Rating selfRating) {
        return switch (selfRating) {
            case AGAIN -> 0.0;
            case HARD -> 0.5;
            case GOOD, EASY -> 1.0;
        };
    }

    /** Whether an answer with this score counts as correct in accuracy statistics (full marks only). */
    public static boolean isCorrect(double score) {
        return score >= 1.0;
    }
}
