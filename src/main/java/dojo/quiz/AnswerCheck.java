package dojo.quiz;

import dojo.review.Rating;
import java.util.Optional;

/**
 * What became of one line of learner input: a score, or a rejection that asks the learner to try again.
 * Malformed input is never scored as wrong.
 */
public sealed interface AnswerCheck {

    /**
     * @param score      0..1 (partial credit where the type allows it)
     * @param correct    true only for a fully right answer
     * @param given      the answer as understood, in language-neutral form for feedback: choice keys
     *                   ({@code a, c}), shown item numbers ({@code 3 1 2 4}), a number, the short answer as
     *                   typed, {@code true}/{@code false}, or the self-rating {@code 1}-{@code 4}
     * @param selfRating the learner's own rating, for open questions only
     */
    record Scored(double score, boolean correct, String given, Optional<Rating> selfRating) implements AnswerCheck {
        public Scored {
            if (!(score >= 0 && score <= 1)) {
                throw new IllegalArgumentException("score must be in 0..1, got " + score);
            }
        }

        static Scored of(double score, boolean correct, String given) {
            return new Scored(score, correct, given, Optional.empty());
        }
    }

    /** Input that could not be understood; {@code rejection} says why, as data the front end words. */
    record Rejected(Rejection rejection) implements AnswerCheck {}
}
