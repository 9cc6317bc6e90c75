package dojo.quiz;

import dojo.progress.ReviewEvent;
import dojo.questions.Question;
import dojo.review.Rating;
import dojo.review.Ratings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;

/**
 * One quiz session: a fixed list of questions asked in order. Not thread-safe; one runner drives it.
 *
 * <p>Each accepted answer yields a {@link ReviewEvent} for the progress log. Its rating comes from the
 * score (wrong Again, partial Hard, right Good; open questions are self-rated) and is capped at Hard when
 * a hint was shown. Skipping records nothing. In an exam the clock is checked at every step: once the time
 * limit has passed, the late answer is not counted and every question not answered counts as wrong.
 */
public final class Session {
    private final Mode mode;
    private final List<Presented> shown;
    private final Clock clock;
    private final Optional<Instant> deadline;
    private final List<QuestionOutcome> outcomes = new ArrayList<>();

    private int index;
    private Instant shownAt;
    private int hintsUsed;
    private QuizResult.Ending ending;
    private Optional<ReviewCounts> reviewCounts = Optional.empty();

    /** How many questions of a review session are due and how many are new. */
    public record ReviewCounts(int due, int fresh) {}

    Session(Mode mode, List<Question> questions, Clock clock, Random rng, Optional<Duration> timeLimit) {
        this(mode, questions, clock, rng, null, timeLimit);
    }

    /** {@code choiceSeed} shuffles the choices (null: file order), see {@link dojo.questions.ChoiceOrder#forSession}. */
    Session(Mode mode, List<Question> questions, Clock clock, Random rng, Long choiceSeed, Optional<Duration> timeLimit) {
        this.mode = mode;
        this.clock = clock;
        List<Presented> list = new ArrayList<>(questions.size());
        for (Question q : questions) list.add(choiceSeed == null ? Presented.of(q, rng) : Presented.of(q, rng, choiceSeed));
        this.shown = List.copyOf(list);
        Instant start = clock.instant();
        this.deadline = timeLimit.map(start::plus);
        if (shown.isEmpty()) ending = QuizResult.Ending.COMPLETED;
    }

    public Mode mode() {
        return mode;
    }

    /** For a review session: how many of its questions are due and how many are new. */
    public Optional<ReviewCounts> reviewCounts() {
        return reviewCounts;
    }

    Session withReviewCounts(int due, int fresh) {
        this.reviewCounts = Optional.of(new ReviewCounts(due, fresh));
        return this;
    }

    /** Number of questions in the session. */
    public int size() {
        return shown.size();
    }

    /** 1-based number of the current question. */
    public int position() {
        return Math.min(index + 1, shown.size());
    }

    public boolean isOver() {
        return ending != null;
    }

    /** Time left in an exam (never negative); empty when the session is not timed. */
    public Optional<Duration> timeLeft() {
        Instant now = clock.instant();
        return deadline.map(d -> now.isAfter(d) ? Duration.ZERO : Duration.between(now, d));
    }

    /**
     * The question to ask now, or empty when the session is over (which it becomes here if the exam's time
     * ran out). The answer's duration is measured from the first call for a question.
     */
    public Optional<Presented> current() {
        if (isOver()) return Optional.empty();
        if (timeIsUp()) {
            finish(QuizResult.Ending.TIME_UP);
            return Optional.empty();
        }
        if (shownAt == null) shownAt = clock.instant();
        return Optional.of(shown.get(index));
    }

    /** The next hint tier of the current question, or empty when all have been shown (or there are none). */
    public Optional<Hint> hint() {
        Presented p = requireCurrent();
        List<String> hints = p.question().hints();
        if (hintsUsed >= hints.size()) return Optional.empty();
        hintsUsed++;
        return Optional.of(new Hint(hintsUsed, hints.size(), hints.get(hintsUsed - 1)));
    }

    /** How many hint tiers of the current question have been shown. */
    public int hintsUsed() {
        return hintsUsed;
    }

    /** Checks one line of input for the current question. */
    public Submission answer(String input) {
        Presented p = requireCurrent();
        Instant now = clock.instant();
        if (timeIsUp()) {
            finish(QuizResult.Ending.TIME_UP);
            return new Submission.TimeUp();
        }
        AnswerCheck check = Scoring.check(p, input);
        if (check instanceof AnswerCheck.Rejected r) {
            return new Submission.Rejected(r.rejection());
        }
        AnswerCheck.Scored s = (AnswerCheck.Scored) check;
        Rating rating = s.selfRating().orElseGet(() -> Ratings.fromScore(s.score()));
        if (hintsUsed > 0 && rating.value() > Rating.HARD.value()) rating = Rating.HARD;
        Duration took = Duration.between(shownAt, now);
        if (took.isNegative()) took = Duration.ZERO;
        Question q = p.question();
        ReviewEvent event = new ReviewEvent(q.id(), q.bank(), q.lang(), now, rating, s.correct(), s.score(),
                took.toMillis(), mode.logName(), p.shownOrder());
        QuestionOutcome outcome = new QuestionOutcome(p, QuestionOutcome.Status.ANSWERED, s.score(), s.correct(),
                Optional.of(s.given()), Optional.of(rating), hintsUsed, took);
        advance(outcome);
        return new Submission.Accepted(outcome, event);
    }

    /** Passes over the current question; nothing is recorded (in an exam it counts as wrong). */
    public void skip() {
        Presented p = requireCurrent();
        advance(new QuestionOutcome(p, QuestionOutcome.Status.SKIPPED, 0, false, Optional.empty(), Optional.empty(),
                hintsUsed, Duration.between(shownAt, clock.instant())));
    }

    /** Ends the session now; the questions not answered stay unanswered. Safe to call when already over. */
    public void quit() {
        if (!isOver()) finish(QuizResult.Ending.QUIT);
    }

    /** The result; the session must be over. */
    public QuizResult result() {
        if (!isOver()) throw new IllegalStateException("the session is still running; quit() it first");
        double score = 0;
        int outOf = 0;
        Map<String, double[]> tags = new TreeMap<>();
        for (QuestionOutcome o : outcomes) {
            boolean counts = o.answered() || mode == Mode.EXAM;
            if (!counts) continue;
            score += o.score();
            outOf++;
            for (String t : o.shown().question().tags()) {
                double[] acc = tags.computeIfAbsent(t, k -> new double[2]);
                acc[0] += o.score();
                acc[1]++;
            }
        }
        Map<String, QuizResult.TagScore> byTag = new TreeMap<>();
        tags.forEach((t, acc) -> byTag.put(t, new QuizResult.TagScore(t, acc[0], (int) acc[1])));
        return new QuizResult(mode, outcomes, score, outOf, byTag, ending);
    }

    private boolean timeIsUp() {
        return deadline.isPresent() && !clock.instant().isBefore(deadline.get());
    }

    private Presented requireCurrent() {
        if (isOver()) throw new IllegalStateException("the session is over");
        if (shownAt == null) shownAt = clock.instant();
        return shown.get(index);
    }

    private void advance(QuestionOutcome outcome) {
        outcomes.add(outcome);
        index++;
        shownAt = null;
        hintsUsed = 0;
        if (index >= shown.size()) ending = QuizResult.Ending.COMPLETED;
    }

    private void finish(QuizResult.Ending why) {
        for (int i = index; i < shown.size(); i++) {
            outcomes.add(new QuestionOutcome(shown.get(i), QuestionOutcome.Status.UNANSWERED, 0, false,
                    Optional.empty(), Optional.empty(), i == index ? hintsUsed : 0, Duration.ZERO));
        }
        index = shown.size();
        ending = why;
    }
}
