package dojo.quiz;

import dojo.progress.ReviewEvent;

/** The engine's reply to one line of input at the answer prompt. */
public sealed interface Submission {

    /** Scored and recorded; {@code event} is to be appended to the review log. */
    record Accepted(QuestionOutcome outcome, ReviewEvent event) implements Submission {}

    /** Not understood; ask again. Nothing is recorded. {@code rejection} says why, as data the front end words. */
    record Rejected(Rejection rejection) implements Submission {}

    /** The exam's time ran out before this answer arrived; the answer does not count and the session is over. */
    record TimeUp() implements Submission {}
}
