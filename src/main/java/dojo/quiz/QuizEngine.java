package dojo.quiz;

import dojo.progress.ReviewEvent;
import dojo.questions.Question;
import dojo.review.Card;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Collectors;

/**
 * Chooses the questions of a session and starts it. Selection is deterministic for a given seed: the
 * candidates are put in id order and shuffled with {@code new java.util.Random(seed)}, so the same
 * filters and seed give the same questions in the same order whatever order the banks were loaded in.
 */
public final class QuizEngine {
    private final Clock clock;

    public QuizEngine(Clock clock) {
        this.clock = clock;
    }

    /** Practice and exam: the filtered questions, shuffled with {@code seed}, at most {@code filter.count()}. */
    public List<Question> select(List<Question> all, QuizFilter filter, long seed) {
        List<Question> chosen = all.stream().filter(filter::matches)
                .sorted(Comparator.comparing(Question::id))
                .collect(Collectors.toCollection(ArrayList::new));
        Collections.shuffle(chosen, new Random(seed));
        return limit(chosen, filter.count());
    }

    /**
     * Review: the filtered questions due now under FSRS ({@code cards} replayed from the log, keyed by
     * question id), most overdue first, then up to {@code newLimit} never-reviewed questions in bank order
     * (easiest first), at most {@code filter.count()} in all.
     */
    public ReviewQueue review(List<Question> all, QuizFilter filter, Map<String, Card> cards, int newLimit) {
        if (newLimit < 0) throw new IllegalArgumentException("the new-question limit must be >= 0, got " + newLimit);
        Instant now = clock.instant();
        List<Question> due = new ArrayList<>();
        List<Question> fresh = new ArrayList<>();
        Instant nextDue = null;
        for (Question q : all) {
            if (!filter.matches(q)) continue;
            Card c = cards.get(q.id());
            if (c == null || c.isNew()) {
                fresh.add(q);
            } else if (!c.due().isAfter(now)) {
                due.add(q);
            } else if (nextDue == null || c.due().isBefore(nextDue)) {
                nextDue = c.due();
            }
        }
        due.sort(Comparator.comparing((Question q) -> cards.get(q.id()).due()).thenComparing(Question::id));
        // stable sort keeps bank/file order within a difficulty
        fresh.sort(Comparator.comparingInt(Question::difficulty));
        List<Question> queue = new ArrayList<>(due);
        queue.addAll(fresh.subList(0, Math.min(newLimit, fresh.size())));
        queue = limit(queue, filter.count());
        int nDue = Math.min(due.size(), queue.size());
        return new ReviewQueue(queue, nDue, queue.size() - nDue, Optional.ofNullable(nextDue));
    }

    /** Retry-wrong: the filtered questions whose most recent answer in {@code events} was wrong, shuffled. */
    public List<Question> retryWrong(List<Question> all, QuizFilter filter, List<ReviewEvent> events, long seed) {
        Map<String, ReviewEvent> latest = new HashMap<>();
        for (ReviewEvent e : events) {
            ReviewEvent prev = latest.get(e.questionId());
            if (prev == null || !e.time().isBefore(prev.time())) latest.put(e.questionId(), e);
        }
        Map<String, Boolean> latestCorrect = new HashMap<>();
        latest.forEach((id, e) -> latestCorrect.put(id, e.correct()));
        return retryWrong(all, filter, latestCorrect, seed);
    }

    /** {@link #retryWrong(List, QuizFilter, List, long)} from each id's latest answer (correct or not). */
    public List<Question> retryWrong(List<Question> all, QuizFilter filter, Map<String, Boolean> latestCorrect, long seed) {
        List<Question> wrong = all.stream()
                .filter(filter::matches)
                .filter(q -> Boolean.FALSE.equals(latestCorrect.get(q.id())))
                .sorted(Comparator.comparing(Question::id))
                .collect(Collectors.toCollection(ArrayList::new));
        Collections.shuffle(wrong, new Random(seed));
        return limit(wrong, filter.count());
    }

    /**
     * Starts a session over {@code questions} in the given order. {@code timeLimit} is required for
     * exams and ignored otherwise; {@code seed} shuffles the items of ordering questions and the choices
     * (by {@link dojo.questions.ChoiceOrder#forSession}: per question, from the seed and its id).
     */
    public Session start(Mode mode, List<Question> questions, long seed, Optional<Duration> timeLimit) {
        if (mode == Mode.EXAM && timeLimit.isEmpty()) {
            throw new IllegalArgumentException("an exam needs a time limit");
        }
        if (timeLimit.isPresent() && (timeLimit.get().isNegative() || timeLimit.get().isZero())) {
            throw new IllegalArgumentException("the time limit must be positive, got " + timeLimit.get());
        }
        return new Session(mode, questions, clock, new Random(seed ^ 0x5DEECE66DL), seed,
                mode == Mode.EXAM ? timeLimit : Optional.empty());
    }

    /** Starts a review session over {@code queue}, which remembers how many of its questions are due and new. */
    public Session startReview(ReviewQueue queue, long seed) {
        return start(Mode.REVIEW, queue.questions(), seed, Optional.empty()).withReviewCounts(queue.due(), queue.fresh());
    }

    private static List<Question> limit(List<Question> list, Integer count) {
        return count == null || list.size() <= count ? List.copyOf(list) : List.copyOf(list.subList(0, count));
    }
}
